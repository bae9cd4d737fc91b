import { capabilitiesOf } from '../channels/render/channelCapabilities.js';
import type { OutgoingActivity } from '../channels/render/outgoingActivity.js';
import { renderReplies } from '../channels/render/renderReplies.js';
import type { Conversation } from '../engine/compileConversation.js';
import { runTurn } from '../engine/runTurn.js';
import type { Reply, TurnInput, Urgency } from '../engine/types.js';
import type { TurnMetrics } from '../observability/metrics/TurnMetrics.js';
import { errorName } from '../observability/errorName.js';
import type { Log } from '../observability/log.js';
import { channelName, safeName } from '../observability/logFields.js';
import type { StatePort } from '../state/StatePort.js';
import type { FallbackRecognizers } from '../understanding/fallbackRecognizers.js';
import { MAX_READ_CHARS } from '../understanding/normaliseText.js';
import { failSafeActivities } from './failSafeActivities.js';
import { OneAtATime } from './oneAtATime.js';
import { resumeStoredState } from './resumeStoredState.js';
import { stateKey } from './stateKey.js';
import {
  NOTICE_STEPS,
  type ChannelInput,
  type NoticeName,
  type TurnOutcome,
  type TurnRequest,
  type TurnRunner,
} from './TurnRunner.js';

/** What the turn service needs; all of it is made once at start-up. */
export interface TurnServiceOptions {
  /** Compiled dialogs by id. */
  dialogs: ReadonlyMap<string, Conversation>;
  /** The dialog a new conversation starts in when the channel names none. */
  defaultDialog: string;
  state: StatePort;
  /** How long state lives after its last turn. */
  ttlMinutes: number;
  log: Log;
  /** Absolute base for links such as /privacy. */
  linkBase: string;
  now: () => Date;
  /**
   * Microsoft's recognizers once loaded (after start-up), handed to each turn. Until then
   * only our own matchers answer; urgency never depends on them.
   */
  recognizers?: () => FallbackRecognizers | undefined;
  /**
   * While the recognizers still load (in steps, after the server listens), the promise of
   * them: a turn waits for it, so the first turns are read as every later one is. A message
   * the urgency detector (ready before listening) reads as an emergency never waits.
   */
  recognizersLoading?: () => Promise<unknown> | undefined;
  /**
   * How long a turn keeps retrying writes that lost to another instance before it gives the
   * fail-safe reply (ms). Each storage call is bounded by the store's own timeout.
   */
  retryBudgetMs?: number;
  /** Anonymous counts for the charity (channel, outcome, service, urgency). */
  metrics?: TurnMetrics;
}

/**
 * A turn is tried at least this many times when other writers keep winning, and more while
 * its retry budget lasts. Turns of one conversation on one instance queue (see
 * {@link OneAtATime}), so only other instances can win, and a short random pause between
 * tries lets one of two racing instances go first.
 */
const MIN_ATTEMPTS = 3;
const DEFAULT_RETRY_BUDGET_MS = 2000;

/** Thrown inside a turn when every attempt lost its write to another writer. */
class StateConflictError extends Error {
  override readonly name = 'StateConflictError';
}

/**
 * The one turn pipeline every channel calls: read state with its version, run the pure
 * engine, render for the channel, write with the expected version, and only then hand the
 * activities back to send. A conflicting write runs the turn again on fresh state, so a
 * retried turn never sends twice. The fail-safe wraps all of it, rendering included.
 */
export class TurnService implements TurnRunner {
  private readonly defaultConversation: Conversation;
  private readonly queue = new OneAtATime();

  constructor(private readonly options: TurnServiceOptions) {
    const conversation = options.dialogs.get(options.defaultDialog);
    if (!conversation) throw new Error(`Unknown default dialog "${options.defaultDialog}".`);
    this.defaultConversation = conversation;
  }

  runTurn(request: TurnRequest): Promise<TurnOutcome> {
    const key = stateKey(request.channel, request.conversationKey);
    return this.queue.run(key, () => this.runQueuedTurn(request));
  }

  private async runQueuedTurn(request: TurnRequest): Promise<TurnOutcome> {
    const input = engineInput(request.input);
    await this.untilRecognizers(input);
    const giveUpAt = Date.now() + (this.options.retryBudgetMs ?? DEFAULT_RETRY_BUDGET_MS);
    try {
      for (let attempt = 1; ; attempt += 1) {
        const outcome = await this.attempt(request, input);
        if (outcome) return outcome;
        if (attempt >= MIN_ATTEMPTS && Date.now() >= giveUpAt) throw new StateConflictError();
        this.options.log('turn-retried', { channel: channelName(request.channel), attempt });
        await pause(Math.random() * Math.min(50, 5 * attempt));
      }
    } catch (error) {
      // Fail safe: whatever broke, the person still gets 999 and the helplines.
      this.options.log('turn-failed', {
        channel: channelName(request.channel),
        error: errorName(error),
      });
      this.options.metrics?.countFailSafe(channelName(request.channel));
      const text = input.kind === 'message' ? input.text : '';
      return { activities: this.failSafe(request.channel, text), ended: false };
    }
  }

  /** Waits for the recognizers still loading, unless the message is an emergency. */
  private async untilRecognizers(input: TurnInput): Promise<void> {
    const loading = this.options.recognizersLoading?.();
    if (!loading || this.options.recognizers?.()) return;
    if (
      input.kind === 'message' &&
      this.defaultConversation.urgency.detect(input.text).level === 'emergency'
    ) {
      return;
    }
    // A failed load leaves only our own matchers, as before the recognizers were loaded.
    await loading.catch(() => undefined);
  }

  /** Forgets after any turn in progress here, so that turn cannot write the state back. */
  forget(channel: string, conversationKey: string): Promise<void> {
    const key = stateKey(channel, conversationKey);
    return this.queue.run(key, async () => {
      try {
        await this.options.state.delete(key);
      } catch (error) {
        this.options.log('forget-failed', {
          channel: channelName(channel),
          error: errorName(error),
        });
      }
    });
  }

  failSafe(channel: string, text = ''): OutgoingActivity[] {
    return failSafeActivities(this.defaultConversation, channel, text, this.renderOptions(), {
      now: this.options.now(),
      log: this.options.log,
    });
  }

  /**
   * A channel notice outside any conversation (content/wording.yml `notices`), rendered for
   * the channel with its signpost. It reads and writes no state.
   */
  notice(channel: string, name: NoticeName): OutgoingActivity[] {
    const text = this.defaultConversation.content.wording.notices[name];
    const reply: Reply = {
      step: NOTICE_STEPS[name],
      urgency: 'routine',
      text,
      services: [],
      signposted: [],
      choices: [],
      links: [],
    };
    return renderReplies([reply], channel, this.renderOptions());
  }

  /** One try: undefined when another writer changed the state meanwhile. */
  private async attempt(request: TurnRequest, input: TurnInput): Promise<TurnOutcome | undefined> {
    const { state, log } = this.options;
    const key = stateKey(request.channel, request.conversationKey);
    const stored = await state.read(key);
    const requested =
      (request.dialog && this.options.dialogs.get(request.dialog)) || this.defaultConversation;
    const resumed = resumeStoredState(stored?.state, this.options.dialogs, requested);
    if (resumed.how === 'restarted' || resumed.how === 'content-changed') {
      log('state-taken-up', { channel: channelName(request.channel), how: resumed.how });
    }
    const now = this.options.now();
    const env = {
      now,
      surface: capabilitiesOf(request.channel).surface,
      recognizers: this.options.recognizers?.(),
      dialogs: this.options.dialogs,
    };
    const result = runTurn(resumed.conversation, resumed.state, input, env);
    const ended = result.ended === true;
    const activities = renderReplies(result.replies, request.channel, this.renderOptions(), ended);
    if (result.state === null) {
      await state.delete(key);
    } else {
      const expiresAt = new Date(now.getTime() + this.options.ttlMinutes * 60_000);
      const written = await state.write(key, result.state, stored?.version, expiresAt);
      if (written.kind === 'conflict') return undefined;
    }
    log('turn', {
      channel: channelName(request.channel),
      dialog: safeName(resumed.conversation.dialogId),
      steps: result.replies.map((reply) => safeName(reply.step)),
      urgency: highest(result.replies),
      // Why: which layer of urgency detection decided, and its rule or example id.
      ...(result.reading
        ? {
            readAs: result.reading.level,
            layer: result.reading.layer,
            ...(result.reading.because ? { because: safeName(result.reading.because) } : {}),
          }
        : {}),
      forgotten: result.state === null,
    });
    const outcome = result.replies.find((reply) =>
      resumed.conversation.outcomes.has(reply.step),
    )?.step;
    this.options.metrics?.countTurn({
      channel: channelName(request.channel),
      urgency: highest(result.replies),
      ...(outcome ? { outcome: safeName(outcome) } : {}),
      services: result.replies.flatMap((reply) => reply.signposted.map(safeName)),
    });
    return { activities, ended };
  }

  private renderOptions() {
    return {
      contentVersion: this.defaultConversation.content.version,
      linkBase: this.options.linkBase,
    };
  }
}

/**
 * The engine's input. Very long text is read only to the limit and answered kindly, so a
 * channel need not cut it itself.
 */
function engineInput(input: ChannelInput): TurnInput {
  if (input.kind === 'open') return input;
  const text = input.text.slice(0, MAX_READ_CHARS);
  const limit = input.limit ?? (input.text.length > MAX_READ_CHARS ? 'size' : undefined);
  return {
    kind: 'message',
    text,
    ...(input.choice !== undefined ? { choice: input.choice } : {}),
    ...(limit ? { limit } : {}),
  };
}

function highest(replies: readonly Reply[]): Urgency {
  if (replies.some((reply) => reply.urgency === 'emergency')) return 'emergency';
  return replies.some((reply) => reply.urgency === 'urgent') ? 'urgent' : 'routine';
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
