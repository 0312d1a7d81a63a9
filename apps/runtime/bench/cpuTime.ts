// CPU time spent by the runtime process and by its PostgreSQL backends over a run, read from
// /proc (Linux). On a shared machine throughput and latency move with whatever else runs; CPU
// milliseconds per request do not, so they are the figure to compare changes by.
import { readFile } from 'node:fs/promises';
import type { Knex } from 'knex';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

async function cpuMs(pid: number): Promise<number> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces): utime is the 14th field, stime the 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0; // gone, or not Linux
  }
}

/** A snapshot of the runtime's and its database backends' CPU time. */
export interface CpuSnapshot {
  runtimeMs: number;
  postgresMs: number;
}

/** Reads the CPU time of the runtime process and of the backends connected under `applicationName`. */
export async function cpuSnapshot(knex: Knex, runtimePid: number, applicationName: string): Promise<CpuSnapshot> {
  const { rows } = await knex.raw<{ rows: { pid: number }[] }>('select pid from pg_stat_activity where application_name = ?', [applicationName]);
  const postgres = await Promise.all(rows.map((r) => cpuMs(r.pid)));
  return { runtimeMs: await cpuMs(runtimePid), postgresMs: postgres.reduce((a, b) => a + b, 0) };
}

/** CPU milliseconds per request between two snapshots, formatted for a BENCH line. */
export function cpuPerRequest(before: CpuSnapshot, after: CpuSnapshot, requests: number): string {
  const runtime = (after.runtimeMs - before.runtimeMs) / requests;
  const postgres = (after.postgresMs - before.postgresMs) / requests;
  return `cpu_ms_per_request runtime=${runtime.toFixed(2)} postgres=${postgres.toFixed(2)} total=${(runtime + postgres).toFixed(2)}`;
}
