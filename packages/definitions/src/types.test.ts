// Type-level tests: checked by `tsc -b` (typecheck), and run as ordinary tests.
import { describe, expectTypeOf, it } from 'vitest';
import type { Definition, ReasonCodeSet, SlaTerms, TaskType } from './generated/types.js';
import type { DefinitionKind } from './schemas/index.js';
import type { Finding, FindingCode } from './index.js';

describe('public types', () => {
  it('the generated Definition union has exactly the schema kinds', () => {
    expectTypeOf<Definition['kind']>().toEqualTypeOf<DefinitionKind>();
  });

  it('narrows on kind', () => {
    expectTypeOf<Extract<Definition, { kind: 'TaskType' }>>().toEqualTypeOf<TaskType>();
    expectTypeOf<ReasonCodeSet['codes'][number]['riskLevel']>().toEqualTypeOf<'LOW' | 'MEDIUM' | 'HIGH'>();
    expectTypeOf<SlaTerms['basis']>().toEqualTypeOf<'business' | 'calendar' | undefined>();
  });

  it('finding codes are a closed set', () => {
    expectTypeOf<Finding['code']>().toEqualTypeOf<FindingCode>();
    expectTypeOf<'REFERENCE_NOT_FOUND'>().toExtend<FindingCode>();
    expectTypeOf<'NOT_A_CODE'>().not.toExtend<FindingCode>();
  });
});
