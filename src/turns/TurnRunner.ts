import type { OutgoingActivity } from '../channels/render/outgoingActivity.js';

/**
 * What a channel passes in for one turn. The channel never sees the engine or the state:
 * it says who the turn is for and what the person did, and gets activities back to send.
 */
export type ChannelInput =
  /** The person joined or opened the chat: the greeting and the first question. */
  | { kind: 'open' }
  | {
      kind: 'message';
      /** What the person typed, or a button's label; may be empty when `choice` is set. */
      text: string;
      /** A choice's stable value, from a card submit, an invoke or a postBack. */
      choice?: string;
      /** Set when the channel hit a limit: the text was cut ('size') or is flooding ('rate'). */
      limit?: 'size' | 'rate';
    };

/** The channel notices in content/wording.yml; the step id of each is in {@link NOTICE_STEPS}. */
export type NoticeName = 'teamsWelcome' | 'tenantRefused';

/** The signpost step of each notice. */
export const NOTICE_STEPS: Record<NoticeName, string> = {
  teamsWelcome: 'welcome',
  tenantRefused: 'tenant-refused',
};

/** One turn, as a channel asks for it. */
export interface TurnRequest {
  /** The channel id, which picks the capability row and the wording variant ("sms", "msteams"). */
  channel: string;
  /** The conversation within that channel; with `channel`, the key of its stored state. */
  conversationKey: string;
  input: ChannelInput;
  /** The dialog to start a new conversation in; an existing one keeps its own. Default triage. */
  dialog?: string;
}

/** What a turn gives back: the activities to send, in order, once state is safely saved. */
export interface TurnOutcome {
  activities: OutgoingActivity[];
  /** The person closed the conversation ("exit"); its state is already forgotten. */
  ended: boolean;
}

/**
 * The channel-facing port of the turn pipeline. `runTurn` never rejects: when anything
 * fails it gives the fail-safe reply (999 and the helplines, or the emergency reply).
 */
export interface TurnRunner {
  runTurn(request: TurnRequest): Promise<TurnOutcome>;
  /** Forgets a conversation at once, as "exit" does (quick exit, expiry). Never rejects. */
  forget(channel: string, conversationKey: string): Promise<void>;
  /** The fail-safe reply for a failure outside a turn (e.g. an adapter error). Never throws. */
  failSafe(channel: string, text?: string): OutgoingActivity[];
}
