import {
  BotAdapter,
  TurnContext,
  type Activity,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder-core';

/** Receives the activities a turn sends, and gives each its id. */
export type ActivitySink = (activity: Partial<Activity>) => string;

const SINK = Symbol('waymark.directline.sink');

/**
 * A BotAdapter that runs turns inside this process and hands each outgoing activity to a
 * sink (the conversation's queue), instead of posting it to a serviceUrl.
 *
 * CloudAdapter builds a connector client and a token client on every turn, which costs
 * about four fifths of the throughput of a bare route; here a turn is just the bot's own
 * code plus middleware. Nothing leaves the process, so no credentials are involved.
 */
export class InProcessAdapter extends BotAdapter {
  /**
   * @param sinkFor finds the sink of a conversation for `continueConversation`, when a turn
   * is started without an incoming request. Undefined when the conversation is gone.
   */
  constructor(private readonly sinkFor: (conversationId: string) => ActivitySink | undefined) {
    super();
  }

  /** Runs one turn on `activity`, sending replies to `sink`. Rejects if the bot fails. */
  async processActivity(
    activity: Partial<Activity>,
    sink: ActivitySink,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    const context = new TurnContext(this, activity);
    context.turnState.set(SINK, sink);
    await this.runMiddleware(context, logic);
  }

  /** Hands activities to the turn's sink; trace and delay activities stay inside. */
  override async sendActivities(
    context: TurnContext,
    activities: Partial<Activity>[],
  ): Promise<ResourceResponse[]> {
    const sink = context.turnState.get(SINK) as ActivitySink | undefined;
    return activities.map((activity) => {
      // A 'delay' would only slow the turn down; polling clients pace themselves.
      if (!sink || activity.type === 'delay' || activity.type === 'trace') return { id: '' };
      return { id: sink(activity) };
    });
  }

  /** Direct Line polling cannot change what a client has already read, so this does nothing. */
  override async updateActivity(): Promise<void> {
    // Deliberately empty: the bot never edits sent replies on this channel.
  }

  /** See updateActivity: already-sent activities cannot be withdrawn from a polling client. */
  override async deleteActivity(): Promise<void> {
    // Deliberately empty.
  }

  /** Runs `logic` in a proactive turn on an open conversation; does nothing if it is gone. */
  override async continueConversation(
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    const conversationId = reference.conversation?.id;
    const sink = conversationId ? this.sinkFor(conversationId) : undefined;
    if (!sink) return;
    const activity = TurnContext.applyConversationReference(
      { type: 'event', name: 'continueConversation' },
      reference,
      true,
    );
    await this.processActivity(activity, sink, logic);
  }
}
