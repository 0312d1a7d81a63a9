// Test support for the bindings: the shipped BPMN files and task types, read from the repository,
// and JSON Schema validation of evidence as the runtime does it (ajv, draft 2020-12).
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { TaskType } from '@mandate/definitions';

/** The repository root. */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../../..');

/** A shipped BPMN file's text, by process id (`bpmn/<id>.bpmn`). */
export function shippedBpmn(processId: 'quote-approval' | 'order-fulfilment'): string {
  return readFileSync(join(repoRoot, 'bpmn', `${processId}.bpmn`), 'utf8');
}

/** Every shipped task type version. */
export function shippedTaskTypes(): TaskType[] {
  const dir = join(repoRoot, 'definitions/TaskType');
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as TaskType);
}

/** One shipped task type version. */
export function shippedTaskType(id: string, version: number): TaskType {
  const found = shippedTaskTypes().find((t) => t.id === id && t.version === version);
  if (!found) throw new Error(`no shipped task type ${id}@${version}`);
  return found;
}

// ajv-formats is CommonJS; its default export arrives wrapped under NodeNext.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const ajv = addFormats(new Ajv2020({ allErrors: true, strict: false }));

/** The evidence's violations of a task type's evidence schema (`[]` when valid). */
export function evidenceViolations(taskType: TaskType, evidence: unknown): string[] {
  const validate = ajv.compile(taskType.evidenceSchema);
  return validate(evidence) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}
