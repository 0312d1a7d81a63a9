import { describe, expect, expectTypeOf, it } from 'vitest';
import { ConflictError, DomainError, InputError, NotAllowedError, NotFoundError, PreconditionFailedError, TooManyRequestsError, UnauthenticatedError, UnavailableError, UnprocessableError, domainError } from './DomainError.js';
import { domainProblem, problemDocument, problemType } from './problemDocument.js';
import { PROBLEM_CODES, isDomainProblemCode, type DomainProblemCode, type ProblemCode, type ProblemCodeOf } from './problemCodes.js';
import { HTTP_PROBLEM_KINDS, PROBLEM_KINDS, type DomainErrorKind, type ProblemKind } from './problemKinds.js';

const CLASSES = [InputError, UnauthenticatedError, NotAllowedError, NotFoundError, ConflictError, PreconditionFailedError, UnprocessableError, TooManyRequestsError, UnavailableError];

describe('DomainError', () => {
  it('has one class per kind a domain error carries, named after it', () => {
    const kinds = CLASSES.map((Kind) => new Kind('INVALID_CURSOR' as never).kind);
    expect(kinds.sort()).toEqual(Object.keys(PROBLEM_KINDS).filter((k) => !(HTTP_PROBLEM_KINDS as readonly string[]).includes(k)).sort());
    for (const Kind of CLASSES) expect(new Kind('INVALID_CURSOR' as never).name).toBe(Kind.name);
  });

  it('carries its code, message, details and cause; the catalogued sentence is the default message', () => {
    const cause = new Error('socket hang up');
    const error = new ConflictError('CONCURRENT_CHANGE', 'work item 7 changed meanwhile', { workItemId: '7' }, { cause });
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ name: 'ConflictError', kind: 'conflict', code: 'CONCURRENT_CHANGE', message: 'work item 7 changed meanwhile', details: { workItemId: '7' }, cause });
    expect(new NotFoundError('WORK_ITEM_NOT_FOUND').message).toBe(PROBLEM_CODES.WORK_ITEM_NOT_FOUND.sentence);
  });

  it('makes the error of a code known only at run time by its catalogued kind', () => {
    for (const code of Object.keys(PROBLEM_CODES) as ProblemCode[]) {
      const { kind } = PROBLEM_CODES[code];
      expect(isDomainProblemCode(code), code).toBe(!(HTTP_PROBLEM_KINDS as readonly ProblemKind[]).includes(kind));
      if (!isDomainProblemCode(code)) continue;
      const error = domainError(code, 'why');
      expect(error.kind, code).toBe(kind);
      expect(domainProblem(error).status, code).toBe(PROBLEM_CODES[code].status);
    }
    expect(isDomainProblemCode('INTERNAL_ERROR')).toBe(false);
    expect(isDomainProblemCode('RECONCILIATION_RESULT_REQUIRED')).toBe(false);
  });

  it('takes only the codes of its kind', () => {
    expectTypeOf<ProblemCodeOf<'notFound'>>().toEqualTypeOf<'WORK_ITEM_NOT_FOUND' | 'DEFINITION_NOT_FOUND' | 'DEFINITION_VERSION_NOT_FOUND' | 'ACTION_NOT_FOUND' | 'PROCESS_NOT_FOUND' | 'PROCESS_INSTANCE_NOT_FOUND' | 'UNKNOWN_PROCESS' | 'ROUTE_NOT_FOUND'>();
    expectTypeOf<DomainProblemCode>().not.toEqualTypeOf<ProblemCode>();
    expectTypeOf<'INTERNAL_ERROR'>().not.toExtend<DomainProblemCode>();
    expectTypeOf<InputError>().toExtend<DomainError>();
    expectTypeOf<DomainError['kind']>().toEqualTypeOf<DomainErrorKind>();
    // Checked by the typecheck, never run.
    const refused = () => [
      // @ts-expect-error a typo is no code
      new NotFoundError('WORK_ITEM_NOT_FUOND'),
      // @ts-expect-error a code of another kind
      new NotFoundError('CONCURRENT_CHANGE'),
      // @ts-expect-error the HTTP layer alone answers INTERNAL_ERROR
      domainError('INTERNAL_ERROR'),
    ];
    expectTypeOf(refused).toBeFunction();
  });
});

describe('problem documents', () => {
  it('keep the RFC 9457 shape: type from the code, title and status from the kind, extension members last', () => {
    const error = new NotAllowedError('NOT_A_PROCESS_STARTER', 'order-fulfilment is started by the roles SERVICE, OPERATIONS_LEAD', { starters: ['SERVICE', 'OPERATIONS_LEAD'] });
    expect(JSON.stringify(domainProblem(error))).toBe(
      JSON.stringify({ type: 'https://mandate.dev/problems/not-a-process-starter', title: 'Not allowed', status: 403, code: 'NOT_A_PROCESS_STARTER', detail: 'order-fulfilment is started by the roles SERVICE, OPERATIONS_LEAD', starters: ['SERVICE', 'OPERATIONS_LEAD'] }),
    );
    expect(problemDocument('RATE_LIMITED', 'slow down', { retryAfterSeconds: 3 })).toEqual({ type: problemType('RATE_LIMITED'), title: 'Too many requests', status: 429, code: 'RATE_LIMITED', detail: 'slow down', retryAfterSeconds: 3 });
    expect(problemDocument('BAD_REQUEST', 'the request could not be read', {}, 415)).toMatchObject({ status: 415, title: 'Bad request' });
  });
});
