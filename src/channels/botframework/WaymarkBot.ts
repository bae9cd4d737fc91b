import { ActivityHandler, type TurnContext } from 'botbuilder-core';
import type { TurnRunner } from '../../turns/TurnRunner.js';
import { channelInputOf } from './channelInputOf.js';

/**
 * The botbuilder edge: an ActivityHandler that turns activities into turn requests and
 * sends what the turn service gives back. Everything behind it is channel-free and pure.
 */
export class WaymarkBot extends ActivityHandler {
  constructor(private readonly turns: TurnRunner) {
    super();
    this.onMessage(async (context, next) => {
      await this.takeTurn(context, channelInputOf(context.activity));
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      const someoneJoined = (context.activity.membersAdded ?? []).some((m) => m.id !== botId);
      if (someoneJoined) await this.takeTurn(context, { kind: 'open' });
      await next();
    });
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
