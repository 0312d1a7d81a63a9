import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { TaskType } from '@mandate/definitions';
import { UnprocessableError } from '@mandate/problems';

// ajv-formats is CommonJS; its default export arrives wrapped under NodeNext.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

/** Checks evidence against a task type version's evidence schema; validators are compiled once per version. */
export class EvidenceValidator {
  private readonly ajv = addFormats(new Ajv2020({ allErrors: true, strict: false }));
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
