// Writes the kind and code tables of docs/problems.md from the catalogue.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROBLEM_CODES } from '../src/problemCodes.js';
import { withProblemCodesTable } from '../src/problemCodesTable.js';

const docs = join(dirname(fileURLToPath(import.meta.url)), '../../../docs/problems.md');
writeFileSync(docs, withProblemCodesTable(readFileSync(docs, 'utf8')));
console.log(`wrote ${Object.keys(PROBLEM_CODES).length} problem codes into docs/problems.md`);
