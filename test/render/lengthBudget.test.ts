import { expect } from 'chai';
import { loadContent } from '../../src/content/loadContent.js';
import {
  checkMessageBudgets,
  type BudgetCheckResult,
} from '../../src/channels/render/checkMessageBudgets.js';
import { capabilityRows } from '../../src/channels/render/channelCapabilities.js';

/**
 * Every reply the bot can send (every question, every outcome for every routing
 * combination, the emergency and urgent replies for every kind and eligibility, trust
 * answers, disclosure lines, reminders, built-in replies), through each row of the
 * capability table: each message keeps to that channel's length budget, each part of an
 * emergency reply or signpost has 999, and the urgent and emergency replies are one message.
 */
describe('every reply fits every channel’s length budget (capability table)', function () {
  // One walk of every dialog, rendered for every row: slow on a loaded machine.
  this.timeout(240_000);
  let result: BudgetCheckResult;
  before(() => {
    result = checkMessageBudgets(loadContent());
  });

  it('checks every row of the capability table', () => {
    expect(result.channels.map((row) => row.channel)).to.deep.equal(
      capabilityRows().map((row) => row.channel),
    );
    for (const row of result.channels) expect(row.replies, row.channel).to.be.greaterThan(40);
  });

  it('finds no message over its budget, no emergency or signpost part without 999, and every brief reply in one message', () => {
    expect(
      result.findings.map((f) => `${f.rule} ${f.channel} ${f.step}: ${f.message}`),
    ).to.deep.equal([]);
  });

  it('keeps every SMS text to at most 3 segments', () => {
    const sms = result.channels.find((row) => row.budget.unit === 'segments');
    expect(sms?.longestMessage?.segments).to.be.at.most(3);
  });
});
