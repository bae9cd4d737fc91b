import { expect } from 'chai';
import { ESLint } from 'eslint';

/**
 * Each fixture in test/lint/fixtures/ breaks one rule of eslint.config.mjs (or, for the
 * edge folder, shows what is allowed). They are linted with the project's own config, as
 * if they sat in the folder they are named after, so each rule is shown to fire.
 */
const cases: [fixture: string, rule: string | undefined, mentions?: string][] = [
  ['engine/importsChannels.ts', 'no-restricted-imports', 'channels'],
  ['engine/importsFs.ts', 'no-restricted-imports', 'node:fs'],
  ['understanding/importsServer.ts', 'no-restricted-imports', 'server'],
  ['understanding/importsHttp.ts', 'no-restricted-imports', 'node:http'],
  ['content/importsEngine.ts', 'no-restricted-imports', 'engine'],
  ['server/importsBotbuilder.ts', 'no-restricted-imports', 'botbuilder'],
  ['botframework/importsBotbuilder.ts', undefined],
  ['engine/floatingPromise.ts', '@typescript-eslint/no-floating-promises'],
  ['engine/misusedPromise.ts', '@typescript-eslint/no-misused-promises'],
];

describe('import boundaries and promise rules (eslint.config.mjs)', function () {
  // Type-aware linting builds a TypeScript program first; the machine may be busy.
  this.timeout(180_000);
  let results: Map<string, ESLint.LintResult>;

  before(async () => {
    const eslint = new ESLint({ ignore: false });
    const linted = await eslint.lintFiles(cases.map(([file]) => `test/lint/fixtures/${file}`));
    results = new Map(
      linted.map((result) => [result.filePath.replace(/^.*test\/lint\/fixtures\//, ''), result]),
    );
  });

  for (const [fixture, rule, mentions] of cases) {
    it(rule ? `${fixture} breaks ${rule}` : `${fixture} is allowed`, () => {
      const messages = results.get(fixture)?.messages ?? [];
      if (!rule) {
        expect(messages, JSON.stringify(messages)).to.deep.equal([]);
        return;
      }
      const hits = messages.filter((message) => message.ruleId === rule);
      expect(hits, JSON.stringify(messages)).to.have.length(1);
      if (mentions) expect(hits[0]?.message).to.include(mentions);
    });
  }
});
