import type { ControlEffect, SemanticChange } from './describeChanges.js';
import type { DefinitionDiff, DefinitionSetDiff } from './diffDefinitions.js';

/** Optional colouring of the text form, by control effect (the CLI colours only on a TTY). */
export type Paint = (text: string, control: ControlEffect) => string;

const OP_MARK = { added: '+', removed: '-', changed: '~' } as const;

function counts(c: Record<ControlEffect, number>): string {
  const total = c.tightening + c.loosening + c.neutral;
  return `${total} change${total === 1 ? '' : 's'} (${c.tightening} tightening, ${c.loosening} loosening, ${c.neutral} neutral)`;
}

function textLines(diff: DefinitionDiff, paint: Paint): string[] {
  const header = `${diff.kind} ${diff.from} -> ${diff.to}: ${counts(diff.control)}`;
  const warning = diff.changedInPlace ? [paint(`  ! ${diff.from} was edited in place; a change needs a new version`, 'loosening')] : [];
  return [header, ...warning, ...diff.changes.map((c: SemanticChange) => `  ${OP_MARK[c.op]} ${paint(c.control.padEnd(10), c.control)}  ${c.summary}`)];
}

/** The text form: one header per definition, one line per change. */
export function formatDiffText(diff: DefinitionDiff | DefinitionSetDiff, paint: Paint = (t) => t): string {
  if ('changes' in diff) return textLines(diff, paint).join('\n');
  const lines: string[] = [];
  for (const a of diff.added) lines.push(`+ ${a.kind} ${a.ref} added`);
  for (const r of diff.removed) lines.push(`- ${r.kind} ${r.ref} removed`);
  for (const d of diff.changed) lines.push(...textLines(d, paint));
  lines.push(`${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} changed: ${counts(diff.control)}`);
  return lines.join('\n');
}

const escapeCell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function markdownTable(diff: DefinitionDiff): string[] {
  return [
    `### ${diff.kind} \`${diff.from}\` → \`${diff.to}\``,
    '',
    counts(diff.control),
    ...(diff.changedInPlace ? ['', `> **${diff.from} was edited in place; a change needs a new version.**`] : []),
    '',
    '| Control | Change | Path |',
    '| --- | --- | --- |',
    ...diff.changes.map((c) => `| ${c.control} | ${escapeCell(c.summary)} | \`${escapeCell(c.path)}\` |`),
  ];
}

/** The Markdown form, for review comments and audit reports. */
export function formatDiffMarkdown(diff: DefinitionDiff | DefinitionSetDiff): string {
  if ('changes' in diff) return markdownTable(diff).join('\n');
  const lines = ['## Definition changes', '', `${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} changed: ${counts(diff.control)}`, ''];
  for (const a of diff.added) lines.push(`- added ${a.kind} \`${a.ref}\``);
  for (const r of diff.removed) lines.push(`- removed ${r.kind} \`${r.ref}\``);
  for (const d of diff.changed) lines.push('', ...markdownTable(d));
  return lines.join('\n');
}
