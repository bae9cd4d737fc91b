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

/**
 * The slowest of `count` GET /healthz requests fired together the moment `node args` says it
 * is listening (on a port it prints as `"port":N`). A stall of the event loop just after
 * listening, such as loading a large module then, shows here and not in time to listen.
 */
export function slowestFirstRequest(
  args: string[],
  env: NodeJS.ProcessEnv,
  count = 20,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${args.join(' ')} did not start within 20 s`));
    }, 20_000);
    let seen = '';
    let fired = false;
    child.stdout.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const port = /"listening"[^\n]*"port":(\d+)|"port":(\d+)[^\n]*"listening"/.exec(seen);
      if (!port || fired) return;
      fired = true;
      clearTimeout(timer);
      const url = `http://127.0.0.1:${port[1] ?? port[2]}/healthz`;
      const start = performance.now();
      const one = () => fetch(url).then(async (r) => (await r.text(), performance.now() - start));
      Promise.all(Array.from({ length: count }, one))
        .then((times) => resolve(Math.max(...times)))
        .catch(reject)
        .finally(() => child.kill('SIGTERM'));
    });
  });
}
