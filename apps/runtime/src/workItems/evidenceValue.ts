import { valueAt } from './attachEvidence.js';

/** The value at an `evidence.a.b` path. */
export function evidenceValue(evidence: Record<string, unknown>, path: string): unknown {
  return valueAt(evidence, path.split('.').slice(1));
}
