import type { ValidateFunction } from 'ajv/dist/2020.js';
import { createAjv, type TaskType } from '@mandate/definitions';
import { UnprocessableError } from '@mandate/problems';

/** Checks evidence against a task type version's evidence schema; validators are compiled once per version. */
export class EvidenceValidator {
  private readonly ajv = createAjv('authored');
  private readonly validators = new Map<string, ValidateFunction>();

  assertValid(taskType: TaskType, evidence: unknown): void {
    const ref = `${taskType.id}@${taskType.version}`;
    let validate = this.validators.get(ref);
    if (!validate) {
      validate = this.ajv.compile(taskType.evidenceSchema);
      this.validators.set(ref, validate);
    }
    if (!validate(evidence)) {
      throw new UnprocessableError('EVIDENCE_INVALID', `the evidence does not match ${ref}'s evidence schema`, { violations: (validate.errors ?? []).map((e) => ({ pointer: e.instancePath, message: e.message })) });
    }
  }
}
