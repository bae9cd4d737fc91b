import { createInterface } from 'node:readline/promises';
import { stdin as input, stdout as output } from 'node:process';
import { loadContent } from '../content/loadContent.js';
import { compileDialogs } from '../engine/compileConversation.js';
import { runTurn } from '../engine/runTurn.js';
import type { ConversationState, Reply, TurnInput } from '../engine/types.js';
import { describeReplyForTerminal } from './describeReplyForTerminal.js';
import { loadFallbackRecognizers } from '../understanding/fallbackRecognizers.js';

/** The value after `--name` on the command line, if any. */
function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? undefined : process.argv[index + 1];
}

/**
 * `npm run chat [-- --dialog <id>] [-- --signpost]`: a dialog in a terminal, with no network
 * and no server. It runs the pure engine directly, so what you see is what every channel
 * gets. The dialog defaults to triage.
 */
async function main(): Promise<void> {
  const dialogs = compileDialogs(loadContent());
  const dialogId = option('dialog') ?? 'triage';
  const conversation = dialogs.get(dialogId);
  if (!conversation) {
    throw new Error(`No dialog "${dialogId}". Dialogs: ${[...dialogs.keys()].join(', ')}.`);
  }
  const recognizers = await loadFallbackRecognizers();
  const showSignpost = process.argv.includes('--signpost');
  const rl = createInterface({ input, output, terminal: input.isTTY });
  let state: ConversationState | undefined;
  const turn = (turnInput: TurnInput) => {
    const env = { now: new Date(), surface: 'default' as const, recognizers };
    const result = runTurn(conversation, state, turnInput, env);
    state = result.state ?? undefined;
    return result.replies;
  };
  const print = (replies: Reply[]) => {
    for (const reply of replies)
      output.write(`${describeReplyForTerminal(reply, showSignpost)}\n\n`);
  };
  output.write(`Waymark terminal chat (${dialogId}). Type as a user would; Ctrl+D to quit.\n\n`);
  print(turn({ kind: 'open' }));
  for await (const line of rl) {
    print(turn({ kind: 'message', text: line }));
    if (state === undefined)
      output.write('(The conversation was forgotten. Type anything to start again.)\n\n');
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
