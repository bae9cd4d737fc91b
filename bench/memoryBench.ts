import { execFileSync } from 'node:child_process';

interface MemoryFigures {
  channel: string;
  conversations: number;
  heapBeforeMB: number;
  heapAfterMB: number;
  rssBeforeMB: number;
  rssAfterMB: number;
  perConversationKB: number;
  maxStateBytes: number;
}

/**
 * 10,000 active conversations per channel, each in a fresh process (so one channel's
 * garbage never counts against another). Target: ≤ 150 MB RSS, ≤ 2 KB of state each.
 */
export function benchMemory(): Record<string, string> {
  const figures: Record<string, string> = {};
  for (const channel of ['webchat', 'msteams', 'emulator']) {
    const output = execFileSync(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', 'bench/support/memoryWorker.ts'],
      { env: { ...process.env, CHANNEL: channel, COUNT: '10000' }, encoding: 'utf8' },
    );
    const m = JSON.parse(output.trim().split('\n').pop() ?? '{}') as MemoryFigures;
    figures[`${channel}: 10,000 conversations`] =
      `heap ${m.heapBeforeMB.toFixed(0)} → ${m.heapAfterMB.toFixed(0)} MB ` +
      `(${m.perConversationKB.toFixed(2)} KB each), RSS ${m.rssBeforeMB.toFixed(0)} → ` +
      `${m.rssAfterMB.toFixed(0)} MB, largest state ${m.maxStateBytes} bytes`;
  }
  return figures;
}
