import type { ImpactReport } from '@mandate/client';
import type { Io } from '../io.js';
import { remoteClient, remoteFailure, type RemoteOptions } from '../remote.js';
import { renderTable } from '../renderTable.js';
import { UsageError } from '../usageError.js';

interface ReplayOptions extends RemoteOptions {
  kind: string;
  id: string;
  candidate: string;
  from?: string;
  to?: string;
  json?: boolean;
}

/**
 * `mandate replay --remote <url> --kind <k> --id <id> --candidate <v>`: the runtime's impact
 * replay of a candidate version over the caller's tenant's items, as tables (or the report as
 * JSON). Exit 0 with a report, 1 when the runtime refuses, 2 on usage errors.
 */
export async function replayCommand(options: ReplayOptions, io: Io): Promise<number> {
  if (!/^[1-9][0-9]*$/.test(options.candidate)) throw new UsageError(`--candidate ${options.candidate} is not a version number`);
  const client = remoteClient(options);
  let report: ImpactReport;
  try {
    report = await client.definitionImpact(options.kind, options.id, {
      candidate: Number(options.candidate),
      ...(options.from !== undefined ? { from: options.from } : {}),
      ...(options.to !== undefined ? { to: options.to } : {}),
    });
  } catch (error) {
    io.err(`mandate: ${remoteFailure(error, options.remote)}`);
    return 1;
  }
  if (options.json) io.out(JSON.stringify(report, null, 2));
  else io.out(renderImpact(report, io));
  return 0;
}

/** The report as text: a headline, the totals, and one row per finding with example items. */
export function renderImpact(report: ImpactReport, io: Pick<Io, 'color'>): string {
  const { candidate: c, totals: t } = report;
  const lines = [
    `Impact of ${c.kind} ${c.id}@${c.version} (${c.status}) on ${t.cases} items: ${t.affected} affected, ${t.unaffected} unaffected${t.failed ? `, ${io.color.bad(`${t.failed} failed`)}` : ''}`,
    '',
    renderTable(
      ['CASES', 'COUNT'],
      [
        ['decided', String(t.decided)],
        ['open', String(t.open)],
        ['closed', String(t.closed)],
        ['not referencing', String(t.notReferencing)],
        ['open without actor', String(t.withoutActor)],
        ['decisions now refused', String(t.refusedDecisions)],
        ['refused under baseline too', String(t.baselineRefused)],
        ...Object.entries(t.byAspect).map(([aspect, n]) => [`affected: ${aspect}`, String(n)]),
      ],
    ),
    '',
  ];
  if (report.findings.length === 0) lines.push('No differences.');
  else
    lines.push(
      renderTable(
        ['ASPECT', 'RULE', 'CHECK', 'CHANGE', 'COUNT', 'EXAMPLES'],
        report.findings.map((f) => [f.aspect, f.rule, f.check ?? '', f.change, String(f.count), f.examples.map((e) => `${e.businessObject.type} ${e.businessObject.id}${e.actor ? ` (${e.actor})` : ''}`).join(', ')]),
      ),
    );
  for (const e of report.errors) lines.push(io.color.bad(`failed: item ${e.itemId}: ${e.message}`));
  return lines.join('\n');
}
