/**
 * Binding mappings: a JSONata expression, or a function registered in code, from one
 * plain object to another. The input mapping reads process variables and produces the work item;
 * the output mapping reads the decision and produces process variables. JSONata stays behind this
 * file: its errors are plain objects with codes and positions, turned here into {@link MappingError}.
 */
import { UnprocessableError } from '@mandate/problems';
import jsonata from 'jsonata';

/** Stable codes: the source does not parse, evaluation failed, or the result is not a plain object. */
export type MappingErrorCode = 'MAPPING_SYNTAX' | 'MAPPING_EVALUATION' | 'MAPPING_RESULT';

/** A mapping failed. For a syntax error, where in the source (0-based offset; 1-based line and column). */
export class MappingError extends UnprocessableError {
  override name = 'MappingError';
  declare readonly code: MappingErrorCode;

  constructor(
    code: MappingErrorCode,
    message: string,
    readonly at?: { offset: number; line: number; column: number },
    /** JSONata's own error code (`S0211`, `T0412`, ...), when it raised one. */
    readonly jsonataCode?: string,
    options?: ErrorOptions,
  ) {
    super(code, message, {}, options);
  }
}

/** A mapping written in code instead of JSONata (an expression evaluator registered by name). */
export type MappingFunction = (input: Readonly<Record<string, unknown>>) => unknown;

/** A mapping ready to evaluate: a compiled JSONata expression, or a registered function. */
export interface CompiledMapping {
  readonly kind: 'expression' | 'function';
  /** The JSONata source, or `function <name>`. */
  readonly source: string;
  /** Evaluates without checking the result; use {@link evaluateMapping}. */
  run(input: object): Promise<unknown>;
}

/** Guardrails for one evaluation: a mapping is configuration, not a program that may run away. */
const LIMITS = { timeout: 1000, stack: 500, sequence: 100_000 };

interface JsonataFailure {
  code?: string;
  position?: number;
  token?: string;
  message?: string;
}

/**
 * Compiles a JSONata mapping. Throws {@link MappingError} `MAPPING_SYNTAX` with the line and column
 * of the offending token in `source`.
 *
 * @example
 * const output = compileMapping("{ 'decision': decision, 'approvalStatus': outcome.approvalStatus }");
 * await evaluateMapping(output, { decision: 'APPROVE', outcome: { approvalStatus: 'APPROVED' } });
 * // { decision: 'APPROVE', approvalStatus: 'APPROVED' }
 */
export function compileMapping(source: string): CompiledMapping {
  let expression: jsonata.Expression;
  try {
    expression = jsonata(source, LIMITS);
  } catch (e) {
    const failure = e as JsonataFailure;
    const at = locate(source, { ...failure, position: failure.position ?? 0 })!;
    throw new MappingError('MAPPING_SYNTAX', `mapping does not parse at line ${at.line}, column ${at.column}: ${failure.message ?? String(e)}${failure.code ? ` (JSONata ${failure.code})` : ''}`, at, failure.code);
  }
  return {
    kind: 'expression',
    source,
    run: async (input) => {
      try {
        return (await expression.evaluate(input)) as unknown;
      } catch (e) {
        const failure = e as JsonataFailure;
        const at = locate(source, failure);
        const where = at ? ` at line ${at.line}, column ${at.column}` : '';
        throw new MappingError('MAPPING_EVALUATION', `mapping failed${where}: ${failure.message ?? String(e)}${failure.code ? ` (JSONata ${failure.code})` : ''}`, at, failure.code, { cause: e });
      }
    },
  };
}

/** Wraps a function as a mapping, so code and JSONata mappings evaluate the same way. */
export function mappingFunction(name: string, fn: MappingFunction): CompiledMapping {
  return {
    kind: 'function',
    source: `function ${name}`,
    run: async (input) => {
      try {
        return await fn(input as Readonly<Record<string, unknown>>);
      } catch (e) {
        throw new MappingError('MAPPING_EVALUATION', `mapping function ${name} failed: ${e instanceof Error ? e.message : String(e)}`, undefined, undefined, { cause: e });
      }
    },
  };
}

/**
 * Evaluates a mapping and returns its result as a plain JSON object (JSONata's sequence markers
 * and any functions removed). Throws {@link MappingError}: `MAPPING_EVALUATION` when evaluation
 * fails, `MAPPING_RESULT` when the result is not an object (nothing, a string, an array, ...).
 */
export async function evaluateMapping(mapping: CompiledMapping, input: object): Promise<Record<string, unknown>> {
  const result = await mapping.run(input);
  if (result === undefined) throw new MappingError('MAPPING_RESULT', `mapping ${describe(mapping)} produced nothing; it must produce an object`);
  if (typeof result !== 'object' || result === null || Array.isArray(result)) {
    throw new MappingError('MAPPING_RESULT', `mapping ${describe(mapping)} produced ${result === null ? 'null' : Array.isArray(result) ? 'an array' : `a ${typeof result}`}; it must produce an object`);
  }
  return JSON.parse(JSON.stringify(result)) as Record<string, unknown>;
}

/** What a mapping produces, as far as it can be read without evaluating it. */
export type MappingShape =
  /** An object constructor `{ 'key': value, ... }` with literal keys; `offset` is where each key starts in the source. */
  | { kind: 'object'; entries: { key: string; offset: number; value: MappingShape }[] }
  /** A path into the input: `decision`, `outcome.stepResult`, `$.decision`. */
  | { kind: 'path'; path: string[] }
  | { kind: 'string'; value: string }
  /** Anything else: a function call, a condition, an operator. */
  | { kind: 'other' };

/** The shape of a mapping's source; `other` when it does not parse. */
export function mappingShape(source: string): MappingShape {
  try {
    return shapeOf(jsonata(source).ast());
  } catch {
    return { kind: 'other' };
  }
}

function shapeOf(node: jsonata.ExprNode): MappingShape {
  if (node.type === 'unary' && node.value === '{' && Array.isArray(node.lhs)) {
    const entries: { key: string; offset: number; value: MappingShape }[] = [];
    for (const pair of node.lhs as [jsonata.ExprNode, jsonata.ExprNode][]) {
      const [key, value] = pair;
      if (key.type !== 'string' || typeof key.value !== 'string') continue;
      // JSONata positions point just after a token; a string key's token includes its quotes.
      entries.push({ key: key.value, offset: Math.max((key.position ?? 0) - key.value.length - 2, 0), value: shapeOf(value) });
    }
    return { kind: 'object', entries };
  }
  if (node.type === 'string' && typeof node.value === 'string') return { kind: 'string', value: node.value };
  if ((node.type as string) === 'path' && node.steps) {
    const steps = node.steps[0]?.type === 'variable' && node.steps[0].value === '' ? node.steps.slice(1) : node.steps;
    if (steps.length > 0 && steps.every((s) => s.type === 'name' && typeof s.value === 'string' && !s.stages)) return { kind: 'path', path: steps.map((s) => s.value as string) };
  }
  return { kind: 'other' };
}

/** 1-based line and column of a 0-based offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/**
 * Where a JSONata error points. JSONata reports the offset just after the offending token; the
 * token's start reads better (the end of the source for "(end)").
 */
function locate(source: string, failure: JsonataFailure): { offset: number; line: number; column: number } | undefined {
  if (typeof failure.position !== 'number') return undefined;
  const end = Math.min(Math.max(failure.position, 0), source.length);
  const token = failure.token;
  let offset = Math.max(end - 1, 0);
  if (token === '(end)') offset = end;
  else if (token) {
    // The position is just after the token, or after the character that follows it (`$sum(`).
    const start = source.lastIndexOf(token, end - token.length);
    if (start >= 0 && start >= end - token.length - 2) offset = source[start - 1] === '$' ? start - 1 : start;
  }
  return { offset, ...lineColumn(source, offset) };
}

function describe(mapping: CompiledMapping): string {
  return mapping.kind === 'function' ? mapping.source : 'expression';
}
