import { expect } from 'chai';
import { loadContent } from '../../src/content/loadContent.js';
import { compileConversation } from '../../src/engine/compileConversation.js';
import { checkContent } from '../../src/review/contentCheck.js';
import { enumeratePaths } from '../../src/review/enumeratePaths.js';
import { contentWithDialog, disk, NOW } from './support.js';

describe('paths, by running the engine', () => {
  it('finds exactly the paths of a small dialog: 9 main and 10 interruption paths', () => {
    const conversation = compileConversation(contentWithDialog('two-questions.yml'));
    const { paths, problems } = enumeratePaths(conversation, { now: NOW });
    expect(problems).to.deep.equal([]);
    const main = paths.filter((path) => !path.interruption);
    expect(main.map((path) => path.key).sort()).to.deep.equal(
      ['me', 'someone-else', 'unsure']
        .flatMap((who) =>
          ['talk-now', 'safe-place', 'unsure'].map((need) => `first=${who}/second=${need}`),
        )
        .sort(),
    );
    expect(main.map((path) => `${path.end.kind} ${path.end.step}`)).to.deep.equal(
      main.map(() => 'outcome everyone'),
    );
    const side = paths.filter((path) => path.interruption);
    expect(side).to.have.length(10);
    expect(new Set(side.map((path) => path.interruption?.step))).to.deep.equal(
      new Set(['first', 'second']),
    );
    expect(paths).to.have.length(19);
  });

  it('shows each interruption the real engine gives, resuming the interrupted question', () => {
    const conversation = compileConversation(contentWithDialog('two-questions.yml'));
    const { paths } = enumeratePaths(conversation, { now: NOW });
    const danger = paths.find(
      (path) => path.interruption?.kind === 'emergency' && path.interruption.step === 'second',
    );
    expect(danger?.end).to.deep.equal({ kind: 'resumed', step: 'second' });
    const steps = danger?.turns.flatMap((turn) => turn.replies.map((reply) => reply.step));
    expect(steps).to.include('emergency');
    expect(danger?.turns.at(-1)?.replies.at(-1)?.step).to.equal('second');
  });

  it('reaches every step and outcome of the shipped triage dialog', () => {
    const conversation = compileConversation(loadContent(disk));
    const { reached, problems } = enumeratePaths(conversation, { now: NOW, reachOnly: true });
    expect(problems).to.deep.equal([]);
    for (const id of [...conversation.questions.keys(), ...conversation.outcomes.keys()]) {
      expect(reached.has(id), id).to.equal(true);
    }
  });

  it('reports an outcome behind a routing rule that an earlier rule always catches', () => {
    // Professionals are all signposted by the rule before this one, so nobody reaches it.
    const read = (path: string) => {
      const text = disk(path);
      if (path === 'dialogs/triage.yml') {
        return `${text}\n  - outcome: professional-peer-support\n    text: Never shown. Call 999.\n`;
      }
      if (path === 'content/routing.yml') {
        return text.replace(
          '  # Adults worried about a child.',
          '  - outcome: professional-peer-support\n    when: { who: professional, need: peer-support }\n    services: [womens-aid]\n  # Adults worried about a child.',
        );
      }
      return text;
    };
    const { errors } = checkContent(read, NOW);
    expect(errors.map((error) => `${error.rule} ${error.path}`)).to.deep.equal([
      'reachable outcomes.professional-peer-support',
    ]);
  });
});
