import { DEFINITION_KINDS, validateDefinitionSources } from '@mandate/definitions';
import type { Io } from '../io.js';
import { readDefinitionFiles } from '../readDefinitionFiles.js';
import { renderTable } from '../renderTable.js';

/** `mandate list [dir]`: a table of kind, id, version, status and title. */
export function listCommand(dir: string | undefined, options: { format: 'text' | 'json' }, io: Io): number {
  const { definitions, findings } = validateDefinitionSources(readDefinitionFiles([dir ?? 'definitions'], io.cwd));
  const rows = definitions
    .map(({ file, definition: d }) => ({ kind: d.kind, id: d.id, version: d.version, status: d.status, title: d.title, file }))
    .sort((a, b) => DEFINITION_KINDS.indexOf(a.kind) - DEFINITION_KINDS.indexOf(b.kind) || a.id.localeCompare(b.id) || a.version - b.version);
  if (options.format === 'json') {
    io.out(JSON.stringify(rows, null, 2));
  } else {
    io.out(renderTable(['KIND', 'ID', 'VERSION', 'STATUS', 'TITLE'], rows.map((r) => [r.kind, r.id, String(r.version), r.status, r.title])));
    const invalid = new Set(findings.filter((f) => f.severity === 'error').map((f) => f.file)).size;
    const latest = new Set(rows.map((r) => r.id)).size;
    io.out(`${rows.length} definitions (${latest} ids)${invalid ? `; ${invalid} files with errors not listed: run mandate validate` : ''}`);
  }
  return 0;
}
