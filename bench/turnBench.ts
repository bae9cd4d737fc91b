import { ActivityHandler, BotAdapter, TurnContext, type Activity } from 'botbuilder-core';
import { createMemoryStatePort } from '../src/state/createMemoryStatePort.js';
import { TurnService } from '../src/turns/TurnService.js';
import type { Conversation } from '../src/engine/compileConversation.js';
import { summarise, timeEach } from './stats.js';

/** What a whole turn and an echo turn took, in ms. */
export interface TurnFigures {
  turns: number;
  turn: { median: number; p99: number };
  echo: { median: number; p99: number };
}

/** A conversation that visits questions, a signpost, an emergency, resume and exit. */
const SCRIPT = [
  'yes',
  'yes',
  'me',
  'somewhere to stay',
  'SS0 7AB',
  'start over',
  'he has a knife',
  'carry on',
  'exit',
];

/**
 * A whole turn in process, as every channel runs it: the turn service reads state, runs the
 * engine, renders for the web and writes state. Beside it, a botbuilder echo bot through a
 * minimal in-process adapter: the least a Bot Framework turn costs. Both after warm-up.
 */
export async function benchTurns(conversation: Conversation): Promise<TurnFigures> {
  const state = createMemoryStatePort();
  const service = new TurnService({
    dialogs: new Map([[conversation.dialogId, conversation]]),
    defaultDialog: conversation.dialogId,
    state,
    ttlMinutes: 30,
    log: () => undefined,
    linkBase: 'http://localhost:3978',
    now: () => new Date(),
  });
  const samples = await timeEach(SCRIPT, 200, (text) =>
    service.runTurn({
      channel: 'webchat',
      conversationKey: 'bench',
      input: { kind: 'message', text },
    }),
  );
  await state.close();
  const adapter = new EchoAdapter();
  const echo = new ActivityHandler();
  echo.onMessage(async (context, next) => {
    await context.sendActivity(`echo ${context.activity.text?.length ?? 0}`);
    await next();
  });
  const echoSamples = await timeEach(SCRIPT, 200, (text) =>
    adapter.run(text, (context) => echo.run(context)),
  );
  return { turns: samples.length, turn: summarise(samples), echo: summarise(echoSamples) };
}

/** The least a botbuilder turn can cost: a context, middleware, and sends kept in memory. */
class EchoAdapter extends BotAdapter {
  run(text: string, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const activity: Partial<Activity> = {
      type: 'message',
      text,
      channelId: 'webchat',
      conversation: { id: 'bench' } as Activity['conversation'],
      from: { id: 'user', name: 'user' },
      recipient: { id: 'bot', name: 'bot' },
    };
    return this.runMiddleware(new TurnContext(this, activity), logic);
  }
  override sendActivities(_context: TurnContext, activities: Partial<Activity>[]) {
    return Promise.resolve(activities.map(() => ({ id: '' })));
  }
  override updateActivity(): Promise<void> {
    return Promise.resolve();
  }
  override deleteActivity(): Promise<void> {
    return Promise.resolve();
  }
  override continueConversation(): Promise<void> {
    return Promise.resolve();
  }
}
