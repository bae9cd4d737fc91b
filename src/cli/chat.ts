import { createInterface } from 'node:readline/promises';
import { stdin as input, stdout as output } from 'node:process';
import { loadContent } from '../content/loadContent.js';
import { compileConversation } from '../engine/compileConversation.js';
import { runTurn } from '../engine/runTurn.js';
import type { ConversationState, Reply, TurnInput } from '../engine/types.js';
import { describeReplyForTerminal } from './describeReplyForTerminal.js';
import { loadFallbackRecognizers } from '../understanding/fallbackRecognizers.js';

/**
 * `npm run chat`: the same conversation in a terminal, with no network and no server.
 * It runs the pure engine directly, so what you see is what every channel gets.
 */
async function main(): Promise<void> {
  const conversation = compileConversation(loadContent());
  await loadFallbackRecognizers();
  const showSignpost = process.argv.includes('--signpost');
  const rl = createInterface({ input, output, terminal: input.isTTY });
  let state: ConversationState | undefined;
  const turn = (turnInput: TurnInput) => {
    const result = runTurn(conversation, state, turnInput, { now: new Date(), surface: 'default' });
    state = result.state ?? undefined;
    return result.replies;
  };
  const print = (replies: Reply[]) => {
    for (const reply of replies)
      output.write(`${describeReplyForTerminal(reply, showSignpost)}\n\n`);
  };
  output.write('Waymark terminal chat. Type as a user would; Ctrl+D to quit.\n\n');
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
