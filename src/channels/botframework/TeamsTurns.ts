import { TurnContext, type Activity } from 'botbuilder-core';
import type { Log } from '../../observability/log.js';
import { activityTypeName } from '../../observability/logFields.js';
import type { OutgoingActivity } from '../render/outgoingActivity.js';
import { decideTeamsTurn, mentionsRecipient } from '../teams/teamsGate.js';
import type { TeamsEdge } from '../teams/teamsEdge.js';
import type { TurnRunner } from '../../turns/TurnRunner.js';
import { channelInputOf } from './channelInputOf.js';

/**
 * Microsoft Teams on the Bot Framework edge: personal chats, group chats and channels, through
 * the same /api/messages. The tenant is checked first; in group chats and channels only an
 * @mention is answered, and the mention is stripped before anything reads the text. Card
 * presses (a submit's `value`, or an `adaptiveCard/action` invoke) are read as choices.
 */
export class TeamsTurns {
  constructor(
    private readonly turns: TurnRunner,
    private readonly edge: TeamsEdge,
    private readonly log: Log = () => undefined,
  ) {}

  /** A message, or a card's Action.Submit (which Teams sends as a message with `value`). */
  async message(context: TurnContext): Promise<void> {
    await this.take(context, context.activity);
  }

  /** An Adaptive Card Action.Execute: its `data` is read as the choice. */
  async cardAction(context: TurnContext, data: unknown): Promise<void> {
    await this.take(context, { ...context.activity, text: '', value: data });
  }

  /**
   * The bot was added to a personal chat, group chat or team: one short welcome. People
   * joining later get nothing, because the bot never messages anyone unprompted.
   */
  async membersAdded(context: TurnContext): Promise<void> {
    const botId = context.activity.recipient?.id;
    const botAdded = (context.activity.membersAdded ?? []).some((member) => member.id === botId);
    if (!botAdded) return;
    const decision = decideTeamsTurn({ ...context.activity, type: 'invoke' }, this.edge.tenants);
    if (decision.kind === 'refuse') return this.refuse(context);
    await this.send(context, this.edge.notices.welcome);
  }

  private async take(context: TurnContext, activity: Partial<Activity>): Promise<void> {
    const decision = decideTeamsTurn(activity, this.edge.tenants);
    if (decision.kind === 'refuse') return this.refuse(context);
    if (decision.kind === 'ignore') return;
    // The mention ("<at>Waymark</at>") goes before urgency, commands or answers read the text.
    const text = mentionsRecipient(activity)
      ? TurnContext.removeRecipientMention(activity)
      : activity.text;
    const outcome = await this.turns.runTurn({
      channel: 'msteams',
      conversationKey: activity.conversation?.id ?? '',
      input: channelInputOf({ ...activity, text: (text ?? '').trim() }),
      dialog: this.edge.dialog,
    });
    await this.send(context, outcome.activities);
  }

  private async refuse(context: TurnContext): Promise<void> {
    this.log('teams-tenant-refused', { type: activityTypeName(context.activity.type) });
    await this.send(context, this.edge.notices.refused);
  }

  /** Teams has no end-of-conversation for bots: the chat stays, and its state is gone. */
  private async send(context: TurnContext, activities: readonly OutgoingActivity[]): Promise<void> {
    const messages = activities.filter((activity) => activity.type === 'message');
    await context.sendActivities(messages as Partial<Activity>[]);
  }
}
