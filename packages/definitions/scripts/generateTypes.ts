// Writes what is generated from the schema and code sources: src/generated/types.ts,
// schemas/*.schema.json, the finding-code table in docs/definitions.md and the studio's English
// finding sentences (apps/studio/src/i18n/locales/en/findings.json, keeping its own `summary`).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withFindingCodesTable } from '../src/findingCodesTable.js';
import { findingsNamespace } from '../src/sentences/findingSentences.js';
import { renderArtifacts } from './renderArtifacts.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { types, schemaFiles } = await renderArtifacts();
mkdirSync(join(root, 'src/generated'), { recursive: true });
writeFileSync(join(root, 'src/generated/types.ts'), types);
mkdirSync(join(root, 'schemas'), { recursive: true });
for (const [name, text] of Object.entries(schemaFiles)) writeFileSync(join(root, 'schemas', name), text);
const docs = join(root, '../../docs/definitions.md');
writeFileSync(docs, withFindingCodesTable(readFileSync(docs, 'utf8')));
const studioFindings = join(root, '../../apps/studio/src/i18n/locales/en/findings.json');
let summary: unknown = {};
try {
  summary = (JSON.parse(readFileSync(studioFindings, 'utf8')) as { summary?: unknown }).summary ?? {};
} catch {
  // First run: the studio adds its summary strings by hand.
}
writeFileSync(studioFindings, `${JSON.stringify({ summary, ...findingsNamespace() }, null, 2)}\n`);
console.log(`wrote src/generated/types.ts, ${Object.keys(schemaFiles).length} schema files, the finding codes in docs/definitions.md and the studio's English finding sentences`);
