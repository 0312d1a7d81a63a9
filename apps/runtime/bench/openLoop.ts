// An open-loop load: requests are sent on a fixed schedule, whether or not earlier ones have
// answered (autocannon's rate limit sends each connection's share in bursts at the start of each
// second, which measures the bursts). Latency is from the scheduled send time, so a backlog counts
// against the run instead of hiding (no coordinated omission). At most `connections` requests are
// on the wire; the rest queue in the agent, on our clock.
import { Agent, request } from 'node:http';
import type { LoadResult } from './runLoad.js';

/** One request of the run. */
export interface OpenLoopRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** Sends `count` requests at `ratePerSecond` over up to `connections` keep-alive connections; rejects on any non-2xx. */
export async function runOpenLoop(base: string, options: { ratePerSecond: number; count: number; connections: number; next: () => OpenLoopRequest }): Promise<LoadResult> {
  const url = new URL(base);
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const latencies = new Float64Array(options.count);
  const failures: string[] = [];
  const start = performance.now();
  let lastResponse = start;
  const send = (i: number, scheduled: number) =>
    new Promise<void>((resolve) => {
      const r = options.next();
      const req = request({ host: url.hostname, port: url.port, method: r.method, path: r.path, headers: r.headers, agent }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => {
          lastResponse = performance.now();
          latencies[i] = lastResponse - scheduled;
          if ((res.statusCode ?? 0) < 200 || (res.statusCode ?? 0) > 299) failures.push(`${res.statusCode} ${body.slice(0, 400)}`);
          resolve();
        });
      });
      req.on('error', (error) => {
        failures.push(error.message);
        resolve();
      });
      req.end(r.body);
    });
  const inFlight: Promise<void>[] = [];
  const interval = 1000 / options.ratePerSecond;
  for (let i = 0; i < options.count; i++) {
    const scheduled = start + i * interval;
    const wait = scheduled - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(send(i, scheduled));
  }
  await Promise.all(inFlight);
  agent.destroy();
  if (failures.length) throw new Error(`open loop: ${failures.length} failed requests; first: ${failures[0]}`);
  const sorted = latencies.sort();
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
  const seconds = (lastResponse - start) / 1000;
  return { requests: options.count, seconds, perSecond: options.count / seconds, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: sorted[sorted.length - 1]! };
}
