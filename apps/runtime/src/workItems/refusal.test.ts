// A refusal takes its kind from the catalogue: every check the policy compiles for the shipped
// task types is a catalogued code (so it refuses with its own status), except the reasons the
// definitions declare themselves, which refuse as CONDITION_NOT_MET and stay the first violation.
import { refOf, type Definition } from '@mandate/definitions';
import { PROBLEM_CODES, isProblemCode } from '@mandate/problems';
import { describe, expect, it } from 'vitest';
import { definitionsDir } from '../../test-support/testApp.js';
import { loadDefinitions } from '../loadDefinitions.js';
import { refusal } from './refusal.js';

const registry = loadDefinitions(definitionsDir);

/** The `disabledReason`s the shipped task types and action policies declare. */
function declaredReasons(definitions: readonly Definition[]): Set<string> {
  const reasons = new Set<string>();
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value !== null && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'disabledReason' && typeof inner === 'string') reasons.add(inner);
        else walk(inner);
      }
    }
  };
  definitions.filter((d) => d.kind === 'TaskType' || d.kind === 'ActionPolicy').forEach(walk);
  return reasons;
}

describe('refusal', () => {
  it("refuses every check of the shipped task types' policies with its catalogued kind", () => {
    const declared = declaredReasons(registry.definitions);
    const checks = new Set(
      registry.definitions
        .filter((d) => d.kind === 'TaskType')
        .flatMap((d) => registry.policy(refOf(d)).actions.rules.compiled().checkNames.flat()),
    );
    const fixed = [...checks].filter((check) => !declared.has(check));
    expect(fixed.length).toBeGreaterThanOrEqual(8);
    expect(fixed.filter((check) => !isProblemCode(check))).toEqual([]);
    for (const check of fixed) {
      const error = refusal([{ code: check, message: 'why' }]);
      expect(error.code, check).toBe(check);
      expect(error.kind, check).toBe(PROBLEM_CODES[check as keyof typeof PROBLEM_CODES].kind);
    }
  });

  it('refuses a reason a definition declares as CONDITION_NOT_MET (422), the reason first among the violations', () => {
    const declared = [...declaredReasons(registry.definitions)].filter((reason) => !isProblemCode(reason));
    expect(declared).toContain('RECONCILIATION_RESULT_REQUIRED');
    for (const reason of declared) {
      const violations = [{ code: reason, message: `MARK_NO_EFFECT is not allowed now: ${reason}` }];
      expect(refusal(violations)).toMatchObject({ name: 'UnprocessableError', kind: 'unprocessable', code: 'CONDITION_NOT_MET', message: violations[0]!.message, details: { violations } });
    }
  });

  it('keeps the kinds of the checks: stale is a conflict, who-may-not is forbidden, the rest is unprocessable', () => {
    expect(refusal([{ code: 'STALE_BUSINESS_OBJECT', message: 'moved on' }]).kind).toBe('conflict');
    expect(refusal([{ code: 'INVALID_STATE', message: 'not claimed' }]).kind).toBe('conflict');
    expect(refusal([{ code: 'FOUR_EYES_VIOLATION', message: 'requester' }, { code: 'INVALID_STATE', message: 'not claimed' }]).kind).toBe('notAllowed');
    expect(refusal([{ code: 'EVIDENCE_REQUIRED', message: 'missing' }]).kind).toBe('notAllowed');
    expect(refusal([{ code: 'UNKNOWN_DECISION', message: 'MAYBE' }]).kind).toBe('unprocessable');
    expect(refusal([{ code: 'REASON_CODES_NOT_DECLARED', message: 'none declared' }]).kind).toBe('unprocessable');
  });
});
