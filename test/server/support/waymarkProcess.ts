import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const projectRoot = path.resolve(__dirname, '..', '..', '..');

/** A script run in its own Node process (TypeScript through tsx), with its output collected. */
export interface RunningProcess {
  child: ChildProcess;
  /** Every stdout line so far. */
  lines: string[];
  /** Every stderr chunk so far. */
  stderr: string[];
  /** Resolves with the exit code (or signal) when the process ends. */
  exited: Promise<number | string>;
  /** True until the process has ended. */
  alive(): boolean;
  /** Resolves with the first stdout line that satisfies `test`; rejects if the process ends. */
  waitForLine(test: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  /** Sends a signal and waits for the process to end. */
  stop(signal?: NodeJS.Signals): Promise<number | string>;
}

/**
 * Starts `script` (a path from the project root) with `env` as its whole environment, plus
 * PATH. Used to show that something holds for the real process: that it stays up, or stops
 * with a message.
 */
export function startProcess(script: string, env: Record<string, string> = {}): RunningProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const stderr: string[] = [];
  const watchers = new Set<() => void>();
  let ended = false;
  let pending = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    pending += chunk;
    const parts = pending.split('\n');
    pending = parts.pop() ?? '';
    lines.push(...parts);
    for (const watcher of watchers) watcher();
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => void stderr.push(chunk));
  const exited = new Promise<number | string>((resolve) => {
    child.on('exit', (code, signal) => {
      ended = true;
      for (const watcher of watchers) watcher();
      resolve(code ?? signal ?? 'unknown');
    });
  });
  return {
    child,
    lines,
    stderr,
    exited,
    alive: () => !ended,
    waitForLine(test, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          watchers.delete(check);
          reject(new Error(`no matching line within ${timeoutMs} ms:\n${stderr.join('')}`));
        }, timeoutMs);
        const check = () => {
          const found = lines.find(test);
          if (found !== undefined || ended) {
            clearTimeout(timer);
            watchers.delete(check);
            if (found !== undefined) resolve(found);
            else reject(new Error(`process ended first:\n${stderr.join('')}`));
          }
        };
        watchers.add(check);
        check();
      });
    },
    async stop(signal = 'SIGTERM') {
      if (!ended) child.kill(signal);
      return exited;
    },
  };
}

/** Starts Waymark itself (src/index.ts) on a free loopback port; resolves once it listens. */
export async function startWaymark(
  env: Record<string, string> = {},
): Promise<RunningProcess & { base: string }> {
  const running = startProcess('src/index.ts', { PORT: '0', HOST: '127.0.0.1', ...env });
  try {
    const line = await running.waitForLine((text) => text.includes('"event":"listening"'));
    const { port } = JSON.parse(line) as { port: number };
    return Object.assign(running, { base: `http://127.0.0.1:${port}` });
  } catch (error) {
    await running.stop('SIGKILL');
    throw error;
  }
}
