import { execFileSync } from 'node:child_process';
import { startFlags } from './startFlags.js';

/** Memory of 10,000 active conversations on one channel, from a process of its own. */
export interface MemoryFigures {
  channel: string;
  conversations: number;
  heapBeforeMB: number;
  heapAfterMB: number;
  rssBeforeMB: number;
  rssAfterMB: number;
  perConversationKB: number;
  maxStateBytes: number;
}

/** The channels measured, by the channel id their activities carry. */
export const MEMORY_CHANNELS = ['webchat', 'msteams', 'emulator', 'sms'];

/**
 * 10,000 active conversations per channel, each channel in a fresh process (so one channel's
 * garbage never counts against another), running the compiled app as `npm start` does: build
 * dist/ first, with the node flags npm start gives it. Target: ≤ 150 MB RSS, ≤ 2 KB of state each.
 */
export function benchMemory(count = 10_000): MemoryFigures[] {
  return MEMORY_CHANNELS.map((channel) => {
    const output = execFileSync(
      process.execPath,
      // With npm start's node flags (see the README on --max-semi-space-size).
      [...startFlags(), '--expose-gc', 'bench/support/memoryWorker.cjs'],
      { env: { ...process.env, CHANNEL: channel, COUNT: String(count) }, encoding: 'utf8' },
    );
    return JSON.parse(output.trim().split('\n').pop() ?? '{}') as MemoryFigures;
  });
}
