import { TestAdapter, type Activity } from 'botbuilder';
import { WaymarkBot } from '../../src/channels/botframework/WaymarkBot.js';
import { createMemoryStatePort } from '../../src/state/createMemoryStatePort.js';
import type { StatePort } from '../../src/state/StatePort.js';
import { loadContent } from '../../src/content/loadContent.js';
import {
  compileDialogs,
  type Conversation,
  type Dialogs,
} from '../../src/engine/compileConversation.js';
import {
  isMessage,
  type OutgoingActivity,
  type OutgoingMessage,
} from '../../src/channels/render/outgoingActivity.js';
import type { Log } from '../../src/observability/log.js';
import { TurnService } from '../../src/turns/TurnService.js';

let shared: Dialogs | undefined;

/** Every real dialog, compiled once for all tests. */
export function realDialogs(): Dialogs {
  shared ??= compileDialogs(loadContent());
  return shared;
}

/** The real triage dialog (or another, by id). */
export function realConversation(dialog = 'triage'): Conversation {
  const conversation = realDialogs().get(dialog);
  if (!conversation) throw new Error(`no dialog ${dialog}`);
  return conversation;
}

/** A fixed moment (a Wednesday at noon in London) so opening hours are repeatable. */
export const TEST_NOW = new Date('2026-11-25T12:00:00Z');

/** A turn service over the real content, as the app builds it. */
export function realTurnService(
  options: { state?: StatePort; log?: Log; now?: Date; dialog?: string } = {},
): TurnService {
  return new TurnService({
    dialogs: realDialogs(),
    defaultDialog: options.dialog ?? 'triage',
    state: options.state ?? createMemoryStatePort(() => (options.now ?? TEST_NOW).getTime()),
    ttlMinutes: 30,
    log: options.log ?? (() => undefined),
    linkBase: 'http://localhost:3978',
    now: () => options.now ?? TEST_NOW,
  });
}

/** The real bot behind botbuilder's TestAdapter, with a way to collect each turn's replies. */
export class BotHarness {
  readonly adapter: TestAdapter;
  readonly bot: WaymarkBot;
  readonly store: StatePort;
  /** Every activity of the last turn, the endOfConversation signal included. */
  lastActivities: OutgoingActivity[] = [];

  constructor(
    options: {
      channelId?: string;
      store?: StatePort;
      log?: Log;
      now?: Date;
      /** The dialog new conversations start in; triage by default. */
      dialog?: string;
    } = {},
  ) {
    // The store expires state on the same clock as the turns that write it.
    this.store = options.store ?? createMemoryStatePort(() => (options.now ?? TEST_NOW).getTime());
    this.bot = new WaymarkBot(
      realTurnService({
        state: this.store,
        log: options.log,
        now: options.now,
        dialog: options.dialog,
      }),
    );
    this.adapter = new TestAdapter(async (context) => this.bot.run(context));
    if (options.channelId) {
      this.adapter.conversation.channelId = options.channelId;
    }
  }

  /** Opens the conversation as a channel does: the person joins. */
  async open(): Promise<OutgoingMessage[]> {
    const reference = this.adapter.conversation;
    return this.receive({
      type: 'conversationUpdate',
      membersAdded: [reference.user ?? { id: 'user', name: 'user' }],
      recipient: reference.bot ?? { id: 'bot', name: 'bot' },
    });
  }

  /** Sends a message and returns the reply messages the bot sent. */
  async say(text: string, channelData?: unknown): Promise<OutgoingMessage[]> {
    return this.receive({ type: 'message', text, ...(channelData ? { channelData } : {}) });
  }

  /** Sends a choice's value back, as a card submit does, with no text. */
  async choose(value: string): Promise<OutgoingMessage[]> {
    return this.receive({ type: 'message', text: '', value: { choice: value } });
  }

  /** True when the last turn ended the conversation (an endOfConversation was sent). */
  get ended(): boolean {
    return this.lastActivities.some((activity) => activity.type === 'endOfConversation');
  }

  private async receive(activity: Partial<Activity>): Promise<OutgoingMessage[]> {
    await this.adapter.receiveActivity(activity);
    this.lastActivities = this.adapter.activeQueue.splice(0) as unknown as OutgoingActivity[];
    return this.lastActivities.filter(isMessage);
  }

  close(): void {
    void this.store.close();
  }
}
