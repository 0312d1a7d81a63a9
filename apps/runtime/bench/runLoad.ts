// One autocannon run, with our own latency samples (autocannon's histogram has whole-millisecond
// buckets) and a hard failure on any non-2xx, connection error or timeout: a broken runtime must
// not produce a pretty number.
import autocannon from 'autocannon';

/** What a run measured; latencies in milliseconds. */
export interface LoadResult {
  requests: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

const percentile = (sorted: Float64Array, p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;

/** Runs autocannon; rejects when any response is not 2xx. `failures` holds bodies an `onResponse` collected. */
export function runLoad(name: string, options: autocannon.Options, failures: string[] = []): Promise<LoadResult> {
  const samples: number[] = [];
  const statuses = new Map<number, number>();
  const start = performance.now();
  let lastResponse = start;
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error: unknown, result) => {
      // A run that stops after an amount of requests ends on autocannon's next 1 s tick, so
      // result.duration overstates it: rates are over the time to the last response.
      const seconds = (lastResponse - start) / 1000;
      if (error) return reject(error instanceof Error ? error : new Error(`${name}: autocannon failed`, { cause: error }));
      const bad = [...statuses].filter(([status]) => status < 200 || status > 299);
      if (bad.length || result.errors || result.timeouts) {
        return reject(
          new Error(
            `${name}: ${bad.map(([s, n]) => `${n} x ${s}`).join(', ') || 'no bad status'}; ${result.errors} errors, ${result.timeouts} timeouts` +
              (failures.length ? `\nfirst failure: ${failures[0]}` : ''),
          ),
        );
      }
      const sorted = Float64Array.from(samples).sort();
      resolve({
        requests: sorted.length,
        seconds,
        perSecond: sorted.length / seconds,
        p50: percentile(sorted, 0.5),
        p90: percentile(sorted, 0.9),
        p99: percentile(sorted, 0.99),
        max: sorted[sorted.length - 1] ?? NaN,
      });
    });
    instance.on('response', (_client, status, _bytes, ms) => {
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      samples.push(ms);
      lastResponse = performance.now();
    });
  });
}
