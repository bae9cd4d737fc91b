import { performance } from 'node:perf_hooks';

/** Median and 99th percentile of a list of durations in milliseconds. */
export function summarise(samples: number[]): { median: number; p99: number; count: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const pick = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { median: pick(0.5), p99: pick(0.99), count: sorted.length };
}

/**
 * Times `fn` once per input, `rounds` times over, after `warmUp` untimed rounds so the JIT
 * has settled: the figures are for a bot that has been running, not one just started.
 */
export async function timeEach<T>(
  inputs: readonly T[],
  rounds: number,
  fn: (input: T) => unknown,
  warmUp = 20,
): Promise<number[]> {
  for (let round = 0; round < warmUp; round += 1) for (const input of inputs) await fn(input);
  const samples: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    for (const input of inputs) {
      const start = performance.now();
      await fn(input);
      samples.push(performance.now() - start);
    }
  }
  return samples;
}

/** "0.031 ms" with enough digits to compare. */
export function ms(value: number): string {
  return `${value < 1 ? value.toFixed(3) : value.toFixed(1)} ms`;
}

/** A ratio printed as "2.4×". */
export function ratio(value: number, baseline: number): string {
  return baseline > 0 ? `${(value / baseline).toFixed(2)}×` : 'n/a';
}
