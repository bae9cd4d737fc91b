import autocannon from 'autocannon';

/** What one target gave over all its slices. */
export interface LoadFigures {
  /** Successful (2xx) requests per second, over every slice. */
  perSecond: number;
  /** Median latency in ms: the median of the slices' medians. */
  p50: number;
  /** 99th percentile latency in ms: the median of the slices' p99s. */
  p99: number;
  /** Requests that failed: socket errors, timeouts and non-2xx answers. */
  failed: number;
  /** Requests sent in all (2xx or not). */
  total: number;
}

/** One request of a connection's sequence, as autocannon takes it. */
export type LoadRequest = autocannon.Request;

/** Runs autocannon against `url` for `seconds` with `connections`, cycling `requests`. */
export function runLoad(
  url: string,
  requests: LoadRequest[],
  connections: number,
  seconds: number,
): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { url, connections, duration: seconds, requests, timeout: 20 },
      (error, result) =>
        error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(result),
    );
    // Nothing is printed while it runs: the bench prints one table at the end.
    void instance;
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Combines the slices of one target into its figures. */
export function combine(results: autocannon.Result[]): LoadFigures {
  const ok = results.reduce((sum, r) => sum + r['2xx'], 0);
  const seconds = results.reduce((sum, r) => sum + r.duration, 0);
  return {
    perSecond: seconds > 0 ? Math.round(ok / seconds) : 0,
    p50: median(results.map((r) => r.latency.p50)),
    p99: median(results.map((r) => r.latency.p99)),
    failed: results.reduce((sum, r) => sum + r.errors + r.timeouts + r.non2xx, 0),
    total: results.reduce((sum, r) => sum + r.requests.sent, 0),
  };
}
