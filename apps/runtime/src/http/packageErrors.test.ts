// Every error a package exports is a domain error of its catalogued kind: thrown through the
// problem middleware, each answers its code with the catalogue's status (a 4xx; 503 for an
// engine that is down), never a 500. A package error that still extends plain Error, or one this
// table does not throw, fails the first test.
import express from 'express';
import pino from 'pino';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import * as policy from '@mandate/policy';
import { DomainError, PROBLEM_CODES, problemType, type ProblemCode } from '@mandate/problems';
import * as store from '@mandate/store';
import * as workflow from '@mandate/workflow';
import { problemMiddleware } from './problemMiddleware.js';

type ErrorClass = abstract new (...args: never[]) => Error;

const reject = async (work: () => unknown): Promise<unknown> => {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
};

/** Each package error, raised by the package's own code where a call raises it cheaply. */
const THROWN: [ErrorClass, ProblemCode, () => Promise<unknown>][] = [
  [policy.RuleCompileError, 'RULE_COMPILE_FAILED', () => reject(() => policy.compiledEvaluator([{ name: 'r', conditions: { all: [{ fact: 'weather', operator: 'equal', value: 'sunny' }] }, event: { type: 'X' } }]))],
  [policy.MissingDefinitionError, 'DEFINITION_NOT_FOUND', () => reject(() => policy.pinDefinitions('DISCOUNT_APPROVAL@1', []))],
  [policy.PolicyInputError, 'INVALID_POLICY_CONTEXT', () => reject(() => policy.assertPolicyContext({ now: '2026-07-02T10:00:00', item: { createdAt: '2026-07-02T08:00:00Z' }, evidence: {} } as unknown as policy.PolicyContext))],
  [store.InvalidCursorError, 'INVALID_CURSOR', () => Promise.resolve(new store.InvalidCursorError('cursor is not one this server issued'))],
  [workflow.Camunda7Error, 'WORKFLOW_ENGINE_REFUSED', () => Promise.resolve(new workflow.Camunda7Error(400, 'InvalidRequestException', 'Cannot instantiate process definition', 0))],
  [workflow.ProcessExecutionError, 'PROCESS_EXECUTION_FAILED', () => Promise.resolve(new workflow.ProcessExecutionError('process review: no flow to take'))],
  [workflow.UnknownProcessError, 'UNKNOWN_PROCESS', () => Promise.resolve(new workflow.UnknownProcessError('unknown process nope; known: review'))],
  [workflow.InvalidVariablesError, 'INVALID_PROCESS_VARIABLES', () => Promise.resolve(new workflow.InvalidVariablesError('process variables may not be named content (bpmn-engine uses these names)'))],
  [workflow.JuelExpressionError, 'EXPRESSION_SYNTAX', () => reject(() => workflow.parseJuel('decision =='))],
  [workflow.WorkflowUnavailableError, 'WORKFLOW_UNAVAILABLE', () => Promise.resolve(new workflow.WorkflowUnavailableError('POST /task/1/complete: connection refused'))],
  [workflow.MappingError, 'MAPPING_SYNTAX', () => reject(() => workflow.compileMapping('{ "a": '))],
  [workflow.BpmnBindingError, 'BPMN_XML_INVALID', () => reject(() => workflow.parseBindings('<definitions'))],
];

function exportedErrors(module: Record<string, unknown>): [string, ErrorClass][] {
  return Object.entries(module).filter((entry): entry is [string, ErrorClass] => typeof entry[1] === 'function' && entry[1].prototype instanceof Error);
}

function appThrowing(error: unknown) {
  const app = express();
  app.get('/', () => {
    throw error;
  });
  app.use(problemMiddleware(pino({ level: 'silent' })));
  return app;
}

describe('package errors through the HTTP layer', () => {
  it('every error the packages export is a domain error, and each is thrown below', () => {
    const exported = [policy, store, workflow].flatMap((module) => exportedErrors(module as Record<string, unknown>));
    expect(exported.map(([name]) => name).sort()).toEqual(THROWN.map(([Kind]) => Kind.name).sort());
    for (const [name, Kind] of exported) expect(Kind.prototype, name).toBeInstanceOf(DomainError);
  });

  it.each(THROWN.map(([Kind, code, raise]) => [Kind.name, code, Kind, raise] as const))('%s answers %s with its catalogued status', async (name, code, Kind, raise) => {
    const error = await raise();
    expect(error).toBeInstanceOf(Kind);
    expect((error as DomainError).code).toBe(code);
    const res = await request(appThrowing(error)).get('/');
    expect(res.type).toBe('application/problem+json');
    expect(res.body).toEqual({ type: problemType(code), title: PROBLEM_CODES[code].title, status: PROBLEM_CODES[code].status, code, detail: (error as Error).message });
    expect(res.status, name).toBe(PROBLEM_CODES[code].status);
    // An engine that is down is no caller's mistake: 503, retry later. Every other one is a 4xx.
    if (name === 'WorkflowUnavailableError') expect(res.status).toBe(503);
    else expect(res.status >= 400 && res.status < 500, `${name} answered ${res.status}`).toBe(true);
  });
});
