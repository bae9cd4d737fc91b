import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

/**
 * Milliseconds from spawning `node args` until it prints a line containing `ready`. The bot
 * (compiled, as `npm start` runs it) and the baseline start the same way, so the ratio is fair.
 */
export function timeToListen(
  args: string[],
  ready: string,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${args.join(' ')} did not start within 20 s`));
    }, 20_000);
    let seen = '';
    child.stdout.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes(ready)) {
        const elapsed = performance.now() - start;
        clearTimeout(timer);
        child.kill('SIGTERM');
        resolve(elapsed);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (!seen.includes(ready)) reject(new Error(`${args.join(' ')} exited with ${code}`));
    });
  });
}
