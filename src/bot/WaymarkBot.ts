import { ActivityHandler, type TurnContext } from 'botbuilder-core';
import { capabilitiesOf } from '../channels/render/channelCapabilities.js';
import { renderReplies } from '../channels/render/renderReplies.js';
import type { OutgoingActivity } from '../channels/render/outgoingActivity.js';
import type { Conversation } from '../engine/compileConversation.js';
import { builtins } from '../engine/builtinReplies.js';
import { runTurn } from '../engine/runTurn.js';
import type { ConversationState, Reply, TurnInput } from '../engine/types.js';
import type { Log } from '../observability/log.js';
import { MAX_READ_CHARS } from '../understanding/normaliseText.js';
import type { StateStore } from './stateStore.js';

/** What the bot needs; all of it is made once at start-up. */
export interface WaymarkBotOptions {
  conversation: Conversation;
  store: StateStore;
  log: Log;
  /** Absolute base for links such as /privacy. */
  linkBase: string;
  now?: () => Date;
}

/**
 * The botbuilder edge: turns activities into engine input, runs the engine, stores state
 * and sends the rendered replies. Everything else is pure and channel-free.
 */
export class WaymarkBot extends ActivityHandler {
  private readonly options: WaymarkBotOptions;

  constructor(options: WaymarkBotOptions) {
    super();
    this.options = options;
    this.onMessage(async (context, next) => {
      await this.takeTurn(context, messageInput(context));
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      const someoneJoined = (context.activity.membersAdded ?? []).some((m) => m.id !== botId);
      if (someoneJoined) await this.takeTurn(context, { kind: 'open' });
      await next();
    });
  }

  /** Forgets a conversation at once, as "exit" does. Used by the web channel's quick exit. */
  async forgetConversation(channelId: string, conversationId: string): Promise<void> {
    await this.options.store.delete(stateKey(channelId, conversationId));
  }

  private async takeTurn(context: TurnContext, input: TurnInput): Promise<void> {
    const { conversation, store, log } = this.options;
    const { channelId } = context.activity;
    const key = stateKey(channelId, context.activity.conversation?.id ?? '');
    const env = { now: this.now(), surface: capabilitiesOf(channelId).surface };
    let replies: Reply[];
    try {
      const previous = await store.read(key);
      const result = runTurn(conversation, previous, input, env);
      replies = result.replies;
      await this.save(key, result.state);
      log('turn', {
        channel: channelId,
        steps: replies.map((reply) => reply.step).join(','),
        urgency: highest(replies),
        forgotten: result.state === null,
      });
    } catch (error) {
      // Fail safe: whatever broke, the person still gets 999 and the helplines.
      log('turn-failed', { channel: channelId, error: (error as Error).name });
      const text = input.kind === 'message' ? input.text : '';
      await context.sendActivities(this.failSafeActivities(channelId, text));
      return;
    }
    await context.sendActivities(this.render(replies, channelId));
  }

  /**
   * The fail-safe reply (999 and the helplines), or the emergency reply when the message
   * holds words of danger, rendered for a channel. For when a turn fails outside the engine.
   */
  failSafeActivities(channelId: string, text = ''): OutgoingActivity[] {
    const { conversation } = this.options;
    const env = { now: this.now(), surface: capabilitiesOf(channelId).surface };
    const urgency = conversation.urgency.detect(text);
    const say = builtins(conversation, env);
    const reply = urgency.level === 'emergency' ? say.emergency(urgency.ownLife) : say.failSafe();
    return this.render([reply], channelId);
  }

  private async save(key: string, state: ConversationState | null): Promise<void> {
    if (state === null) await this.options.store.delete(key);
    else await this.options.store.write(key, state);
  }

  private render(replies: Reply[], channelId: string): OutgoingActivity[] {
    return renderReplies(replies, channelId, {
      contentVersion: this.options.conversation.content.version,
      linkBase: this.options.linkBase,
    });
  }

  private now(): Date {
    return this.options.now ? this.options.now() : new Date();
  }
}

/** The state key for a conversation on a channel. */
export function stateKey(channelId: string, conversationId: string): string {
  return `${channelId}/${conversationId}`;
}

function messageInput(context: TurnContext): TurnInput {
  const activity = context.activity;
  const raw = typeof activity.text === 'string' ? activity.text : '';
  const channelData = activity.channelData as { waymark?: { limit?: unknown } } | undefined;
  // A channel that cut the message at its size limit says so; very long text is read only
  // to the limit, and still answered kindly.
  const limit = channelData?.waymark?.limit;
  const text = raw.slice(0, MAX_READ_CHARS);
  if (limit === 'rate') return { kind: 'message', text, limit: 'rate' };
  const overLimit = limit === 'size' || raw.length > MAX_READ_CHARS;
  return overLimit ? { kind: 'message', text, limit: 'size' } : { kind: 'message', text };
}

function highest(replies: Reply[]): string {
  if (replies.some((reply) => reply.urgency === 'emergency')) return 'emergency';
  return replies.some((reply) => reply.urgency === 'urgent') ? 'urgent' : 'routine';
}
