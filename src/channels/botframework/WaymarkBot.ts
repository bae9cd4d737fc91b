import {
  ActivityHandler,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type TurnContext,
} from 'botbuilder-core';
import type { Log } from '../../observability/log.js';
import type { TeamsEdge } from '../teams/teamsEdge.js';
import type { TurnRunner } from '../../turns/TurnRunner.js';
import { channelInputOf } from './channelInputOf.js';
import { TeamsTurns } from './TeamsTurns.js';

/**
 * The botbuilder edge: an ActivityHandler that turns activities into turn requests and
 * sends what the turn service gives back. Everything behind it is channel-free and pure.
 */
export class WaymarkBot extends ActivityHandler {
  /** Teams handling, when the app serves Teams (always, in production). */
  private readonly teams: TeamsTurns | undefined;

  constructor(
    private readonly turns: TurnRunner,
    teams?: TeamsEdge,
    log?: Log,
  ) {
    super();
    this.teams = teams && new TeamsTurns(turns, teams, log);
    this.onMessage(async (context, next) => {
      const teamsTurns = this.teamsFor(context);
      if (teamsTurns) await teamsTurns.message(context);
      else await this.takeTurn(context, channelInputOf(context.activity));
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const teamsTurns = this.teamsFor(context);
      if (teamsTurns) {
        await teamsTurns.membersAdded(context);
        return next();
      }
      const botId = context.activity.recipient?.id;
      const someoneJoined = (context.activity.membersAdded ?? []).some((m) => m.id !== botId);
      if (someoneJoined) await this.takeTurn(context, { kind: 'open' });
      await next();
    });
  }

  /** An Adaptive Card Action.Execute in Teams: read as the choice it carries. */
  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const teamsTurns = this.teamsFor(context);
    if (!teamsTurns) return super.onAdaptiveCardInvoke(context, invokeValue);
    await teamsTurns.cardAction(context, invokeValue.action?.data);
    // The replies went as messages; the card itself stays as it was. Teams reads a message
    // response's value as text, which botbuilder's typing does not allow for.
    const value = '' as unknown as Record<string, unknown>;
    return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value };
  }

  private teamsFor(context: TurnContext): TeamsTurns | undefined {
    return context.activity.channelId === 'msteams' ? this.teams : undefined;
  }

  private async takeTurn(
    context: TurnContext,
    input: Parameters<TurnRunner['runTurn']>[0]['input'],
  ): Promise<void> {
    const outcome = await this.turns.runTurn({
      channel: context.activity.channelId,
      conversationKey: context.activity.conversation?.id ?? '',
      input,
    });
    await context.sendActivities(outcome.activities);
  }
}
