// A fixed amount of CPU work in Node and in PostgreSQL, timed: figures from different days (or
// machines of the same kind) are only comparable when these agree. On a shared machine the same
// code has measured 1.3 ms and 3 ms of CPU per decision; this line tells which kind of day it was.
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';

const SAMPLE = { items: Array.from({ length: 200 }, (_, i) => ({ i, label: 'x'.repeat(i % 17), amount: i * 1.5 })) };

/** Milliseconds for 3,000 rounds of JSON stringify, parse and sha256 over a 6 KB document (best of three). */
function nodeProbeMs(): number {
  let best = Infinity;
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    let digest = '';
    for (let i = 0; i < 3_000; i++) {
      const text = JSON.stringify(SAMPLE);
      digest = createHash('sha256').update(text + digest).digest('hex');
      JSON.parse(text);
    }
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

/** Milliseconds PostgreSQL takes to count 3,000,000 generated rows (best of three, server-side). */
async function postgresProbeMs(knex: Knex): Promise<number> {
  let best = Infinity;
  for (let run = 0; run < 3; run++) {
    const { rows } = await knex.raw<{ rows: { 'QUERY PLAN': { 'Execution Time': number }[] }[] }>('explain (analyze, format json) select count(*) from generate_series(1, 3000000)');
    best = Math.min(best, rows[0]!['QUERY PLAN'][0]!['Execution Time']);
  }
  return best;
}

/** The `BENCH host_probe` line. */
export async function hostProbe(knex: Knex): Promise<string> {
  return `BENCH host_probe node_ms=${nodeProbeMs().toFixed(0)} postgres_ms=${(await postgresProbeMs(knex)).toFixed(0)} (fixed work; lower is a faster machine)`;
}
