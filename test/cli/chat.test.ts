import { expect } from 'chai';
import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');

/** Runs `npm run chat` (tsx src/cli/chat.ts) with these arguments and lines typed in. */
function chat(args: string[], typed: string[]): Promise<{ out: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/chat.ts', ...args], {
      cwd: root,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ out, code }));
    child.stdin.end(typed.map((line) => `${line}\n`).join(''));
  });
}

/** The step ids printed with --signpost, in order. */
const steps = (out: string) => [...out.matchAll(/\[step ([\w-]+),/g)].map((match) => match[1]);

describe('npm run chat (the terminal chat)', function () {
  // A fresh process loads the content and the recognizers; the machine may be busy.
  this.timeout(60_000);

  it('runs the staff dialog with --dialog staff', async () => {
    const { out, code } = await chat(['--dialog', 'staff', '--signpost'], ['1']);
    expect(code).to.equal(0);
    expect(out).to.include('Waymark terminal chat (staff)');
    expect(steps(out).slice(0, 2)).to.deep.equal(['greeting', 'staff-topic']);
    expect(steps(out)).to.have.length.greaterThan(2);
  });

  it('names the dialogs there are when asked for one that is not', async () => {
    const { out, code } = await chat(['--dialog', 'nope'], []);
    expect(code).to.equal(1);
    expect(out).to.include('No dialog "nope"').and.to.include('staff').and.to.include('triage');
  });
});
