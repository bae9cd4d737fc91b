import { expect } from 'chai';
import {
  loadFallbackRecognizers,
  type FallbackRecognizers,
} from '../../src/understanding/fallbackRecognizers.js';
import { readMessage } from '../../src/understanding/readMessage.js';
import { realConversation } from '../support/botHarness.js';

/** The real recognizers, counting how often the ordinal one is asked. */
async function countingRecognizers(): Promise<FallbackRecognizers & { ordinalCalls: number }> {
  const real = await loadFallbackRecognizers();
  const counting = {
    ordinalCalls: 0,
    yesNo: (text: string) => real.yesNo(text),
    number: (text: string) => real.number(text),
    ordinal(text: string) {
      counting.ordinalCalls += 1;
      return real.ordinal(text);
    },
  };
  return counting;
}

describe('the ordinal fallback at a question', () => {
  const conversation = realConversation();
  const need = conversation.questions.get('need');
  const { spellings } = conversation.urgency;
  const answer = (text: string, recognizers: FallbackRecognizers) =>
    need?.answer(readMessage(text, spellings), recognizers);

  it('still reads an ordinal said in a sentence ("i will go with the second")', async function () {
    this.timeout(20_000);
    const recognizers = await countingRecognizers();
    expect(answer('i will go with the second', recognizers)).to.equal(
      need?.block.options[1]?.value,
    );
    expect(answer('id like the 3rd please', recognizers)).to.equal(need?.block.options[2]?.value);
    expect(recognizers.ordinalCalls).to.equal(2);
  });

  it('does not ask the ordinal recognizer about an answer with no ordinal in it', async function () {
    this.timeout(20_000);
    const recognizers = await countingRecognizers();
    for (const text of ['i dont know what i want really', 'something else', 'with my mum']) {
      expect(answer(text, recognizers)).to.equal(undefined);
    }
    expect(recognizers.ordinalCalls).to.equal(0);
  });
});
