import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

/**
 * Spawns `node args` and hands its whole stdout so far to `started` on each chunk, until
 * `started` returns the work to do once the process is up. The process is stopped when that
 * work settles, and killed if it has not started within 20 s or exits first.
 */
function whenStarted<T>(
  args: string[],
  env: NodeJS.ProcessEnv,
  started: (seen: string) => Promise<T> | undefined,
): Promise<T> {
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
    let up = false;
    child.stdout.on('data', (chunk: Buffer) => {
      if (up) return;
      seen += chunk.toString();
      const work = started(seen);
      if (!work) return;
      up = true;
      clearTimeout(timer);
      work.then(resolve, reject).finally(() => child.kill('SIGTERM'));
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (!up) reject(new Error(`${args.join(' ')} exited with ${code}`));
    });
  });
}

/**
 * Milliseconds from spawning `node args` until it prints a line containing `ready`. The bot
 * (compiled, as `npm start` runs it) and the baseline start the same way, so the ratio is fair.
 */
export function timeToListen(
  args: string[],
  ready: string,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const start = performance.now();
  return whenStarted(args, env, (seen) =>
    seen.includes(ready) ? Promise.resolve(performance.now() - start) : undefined,
  );
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
  return whenStarted(args, env, (seen) => {
    const port = /"listening"[^\n]*"port":(\d+)|"port":(\d+)[^\n]*"listening"/.exec(seen);
    if (!port) return undefined;
    const url = `http://127.0.0.1:${port[1] ?? port[2]}/healthz`;
    const start = performance.now();
    const one = () => fetch(url).then(async (r) => (await r.text(), performance.now() - start));
    return Promise.all(Array.from({ length: count }, one)).then((times) => Math.max(...times));
  });
}
