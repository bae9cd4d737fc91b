import { expect } from 'chai';
import { QuickExit, type ExitSteps } from '../../widget/quickExit.js';

function recordingSteps(failing: keyof ExitSteps | undefined = undefined) {
  const calls: string[] = [];
  const step = (name: keyof ExitSteps) => (url?: string) => {
    calls.push(url ? `${name} ${url}` : name);
    if (name === failing) throw new Error(`${name} failed`);
  };
  const steps: ExitSteps = {
    blank: step('blank'),
    endConversation: step('endConversation'),
    closeOtherTabs: step('closeOtherTabs'),
    forget: step('forget'),
    navigate: step('navigate'),
  };
  return { steps, calls };
}

describe('widget: quick exit', () => {
  const URL = 'https://neutral.example/weather';

  it('blanks the page first, ends the chat everywhere, forgets it, then leaves', () => {
    const { steps, calls } = recordingSteps();
    new QuickExit(steps, URL).exit();
    expect(calls).to.deep.equal([
      'blank',
      'endConversation',
      'closeOtherTabs',
      'forget',
      `navigate ${URL}`,
    ]);
  });

  it('runs once, however many times it is fired', () => {
    const { steps, calls } = recordingSteps();
    const quickExit = new QuickExit(steps, URL);
    expect(quickExit.exiting).to.equal(false);
    quickExit.exit();
    quickExit.exit();
    expect(quickExit.exiting).to.equal(true);
    expect(calls.filter((call) => call.startsWith('navigate'))).to.have.length(1);
  });

  for (const failing of ['blank', 'endConversation', 'closeOtherTabs', 'forget'] as const) {
    it(`still leaves when "${failing}" throws`, () => {
      const { steps, calls } = recordingSteps(failing);
      new QuickExit(steps, URL).exit();
      expect(calls.at(-1)).to.equal(`navigate ${URL}`);
      expect(calls).to.have.length(5);
    });
  }
});
