import { TestAdapter, type Activity } from 'botbuilder';
import { WaymarkBot } from '../../src/bot/WaymarkBot.js';
import { createMemoryStateStore, type StateStore } from '../../src/bot/stateStore.js';
import { loadContent } from '../../src/content/loadContent.js';
import { compileConversation, type Conversation } from '../../src/engine/compileConversation.js';
import type { OutgoingActivity } from '../../src/channels/render/outgoingActivity.js';
import type { Log } from '../../src/observability/log.js';

let shared: Conversation | undefined;

/** The real content, compiled once for all tests. */
export function realConversation(): Conversation {
  shared ??= compileConversation(loadContent());
  return shared;
}

/** A fixed moment (a Wednesday at noon in London) so opening hours are repeatable. */
export const TEST_NOW = new Date('2026-11-25T12:00:00Z');

/** The real bot behind botbuilder's TestAdapter, with a way to collect each turn's replies. */
export class BotHarness {
  readonly adapter: TestAdapter;
  readonly bot: WaymarkBot;
  readonly store: StateStore;

  constructor(options: { channelId?: string; store?: StateStore; log?: Log; now?: Date } = {}) {
    this.store = options.store ?? createMemoryStateStore(30);
    this.bot = new WaymarkBot({
      conversation: realConversation(),
      store: this.store,
      log: options.log ?? (() => undefined),
      linkBase: 'http://localhost:3978',
      now: () => options.now ?? TEST_NOW,
    });
    this.adapter = new TestAdapter(async (context) => this.bot.run(context));
    if (options.channelId) {
      this.adapter.conversation.channelId = options.channelId;
    }
  }

  /** Opens the conversation as a channel does: the person joins. */
  async open(): Promise<OutgoingActivity[]> {
    const reference = this.adapter.conversation;
    return this.receive({
      type: 'conversationUpdate',
      membersAdded: [reference.user ?? { id: 'user', name: 'user' }],
      recipient: reference.bot ?? { id: 'bot', name: 'bot' },
    });
  }

  /** Sends a message and returns every activity the bot sent in reply. */
  async say(text: string, channelData?: unknown): Promise<OutgoingActivity[]> {
    return this.receive({ type: 'message', text, ...(channelData ? { channelData } : {}) });
  }

  private async receive(activity: Partial<Activity>): Promise<OutgoingActivity[]> {
    await this.adapter.receiveActivity(activity);
    return this.adapter.activeQueue.splice(0) as unknown as OutgoingActivity[];
  }

  close(): void {
    this.store.close();
  }
}
