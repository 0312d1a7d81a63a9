/**
 * The JUEL subset the BPMN files use in sequence-flow conditions and timer definitions, evaluated
 * synchronously over process variables. Why not JSONata: bpmn-engine resolves expressions through
 * a synchronous `resolveExpression`, and jsonata 2 only evaluates asynchronously. Why not
 * bpmn-engine's own resolver: it only looks properties up (`${environment.variables.x}`), it has
 * no operators, and its paths differ from Camunda's. Why not script conditions: the same files run
 * on Camunda 7, where `${decision == 'APPROVE'}` is the ordinary form.
 *
 * The subset, over process variables (Camunda's meaning where they differ from JavaScript):
 * - `${name}`, `${name.field}`: a variable (unknown variable: an error, as in Camunda; a missing field: null)
 * - literals: numbers (`42`, `0.5`), strings in single or double quotes (`'APPROVE'`, `\'` escapes), `true`, `false`, `null`
 * - `==`, `!=` (a number and a numeric string compare as numbers)
 * - `<`, `<=`, `>`, `>=` on two numbers or two strings (false when either side is null)
 * - `&&`, `||`, `!` on booleans (null counts as false), with short-circuit; parentheses; unary minus
 * Anything else (method calls, `empty`, `and`/`or` keywords, `#{}`) is a syntax error, reported
 * when the engine is constructed, not when a process reaches the condition.
 */
import { UnprocessableError } from '@mandate/problems';

/** Why an expression cannot be parsed or evaluated; `code` is stable. */
export class JuelExpressionError extends UnprocessableError {
  override name = 'JuelExpressionError';
  declare readonly code: 'EXPRESSION_SYNTAX' | 'UNKNOWN_VARIABLE' | 'TYPE_MISMATCH';

  constructor(code: 'EXPRESSION_SYNTAX' | 'UNKNOWN_VARIABLE' | 'TYPE_MISMATCH', message: string) {
    super(code, message);
  }
}

/** A parsed expression. */
export type JuelNode =
  | { kind: 'literal'; value: string | number | boolean | null }
  | { kind: 'path'; names: string[] }
  | { kind: 'not'; operand: JuelNode }
  | { kind: 'negate'; operand: JuelNode }
  | { kind: 'binary'; operator: BinaryOperator; left: JuelNode; right: JuelNode };

type BinaryOperator = '||' | '&&' | '==' | '!=' | '<' | '<=' | '>' | '>=';

type Token = { kind: 'number'; value: number } | { kind: 'string'; value: string } | { kind: 'name'; value: string } | { kind: 'op'; value: string };

const OPERATORS = ['||', '&&', '==', '!=', '<=', '>=', '<', '>', '!', '(', ')', '.', '-'];
/** Binding strength of each binary operator: higher binds tighter. */
const PRECEDENCE: Record<BinaryOperator, number> = { '||': 1, '&&': 2, '==': 3, '!=': 3, '<': 4, '<=': 4, '>': 4, '>=': 4 };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (/[0-9]/.test(c)) {
      const match = /^[0-9]+(\.[0-9]+)?/.exec(source.slice(i))!;
      tokens.push({ kind: 'number', value: Number(match[0]) });
      i += match[0].length;
    } else if (c === "'" || c === '"') {
      let value = '';
      let j = i + 1;
      for (; j < source.length && source[j] !== c; j++) {
        if (source[j] === '\\' && j + 1 < source.length) j++;
        value += source[j];
      }
      if (j >= source.length) throw new JuelExpressionError('EXPRESSION_SYNTAX', `unterminated string in "${source}"`);
      tokens.push({ kind: 'string', value });
      i = j + 1;
    } else if (/[A-Za-z_$]/.test(c)) {
      const match = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(source.slice(i))!;
      tokens.push({ kind: 'name', value: match[0] });
      i += match[0].length;
    } else {
      const op = OPERATORS.find((o) => source.startsWith(o, i));
      if (!op) throw new JuelExpressionError('EXPRESSION_SYNTAX', `unexpected "${c}" in "${source}"`);
      tokens.push({ kind: 'op', value: op });
      i += op.length;
    }
  }
  return tokens;
}

/** Parses the inside of one `${...}`. Throws {@link JuelExpressionError} (`EXPRESSION_SYNTAX`). */
export function parseJuel(source: string): JuelNode {
  const tokens = tokenize(source);
  let pos = 0;
  const fail = (what: string): never => {
    throw new JuelExpressionError('EXPRESSION_SYNTAX', `${what} in "${source}"`);
  };
  const isOp = (value: string) => tokens[pos]?.kind === 'op' && tokens[pos]?.value === value;

  const primary = (): JuelNode => {
    const token = tokens[pos++];
    if (!token) return fail('unexpected end');
    if (token.kind === 'number' || token.kind === 'string') return { kind: 'literal', value: token.value };
    if (token.kind === 'op') {
      if (token.value === '!') return { kind: 'not', operand: primary() };
      if (token.value === '-') return { kind: 'negate', operand: primary() };
      if (token.value === '(') {
        const inner = binary(0);
        if (!isOp(')')) fail('missing ")"');
        pos++;
        return inner;
      }
      return fail(`unexpected "${token.value}"`);
    }
    if (token.value === 'true' || token.value === 'false') return { kind: 'literal', value: token.value === 'true' };
    if (token.value === 'null') return { kind: 'literal', value: null };
    const names = [token.value];
    while (isOp('.')) {
      pos++;
      const next = tokens[pos++];
      if (next?.kind !== 'name') fail('expected a field name after "."');
      names.push((next as { value: string }).value);
    }
    if (isOp('(')) fail('method calls are not supported');
    return { kind: 'path', names };
  };

  // Precedence climbing: every operator is left-associative.
  const binary = (minPrecedence: number): JuelNode => {
    let left = primary();
    for (;;) {
      const token = tokens[pos];
      const precedence = token?.kind === 'op' ? PRECEDENCE[token.value as BinaryOperator] : undefined;
      if (precedence === undefined || precedence <= minPrecedence) return left;
      pos++;
      left = { kind: 'binary', operator: token!.value as BinaryOperator, left, right: binary(precedence) };
    }
  };

  if (tokens.length === 0) fail('empty expression');
  const node = binary(0);
  if (pos < tokens.length) fail(`unexpected "${String(tokens[pos]!.value)}"`);
  return node;
}

type Value = unknown;

function truth(value: Value, node: JuelNode): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new JuelExpressionError('TYPE_MISMATCH', `${describe(node)} is ${JSON.stringify(value)}, not a boolean`);
}

function numeric(value: Value): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
  return undefined;
}

function equal(a: Value, b: Value): boolean {
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  if (typeof a === 'number' || typeof b === 'number') {
    const x = numeric(a);
    const y = numeric(b);
    return x !== undefined && y !== undefined && x === y;
  }
  return a === b;
}

function compare(operator: '<' | '<=' | '>' | '>=', a: Value, b: Value, node: JuelNode): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return false;
  let x: number | string;
  let y: number | string;
  if (typeof a === 'string' && typeof b === 'string') {
    x = a;
    y = b;
  } else {
    const nx = numeric(a);
    const ny = numeric(b);
    if (nx === undefined || ny === undefined) throw new JuelExpressionError('TYPE_MISMATCH', `cannot compare ${JSON.stringify(a)} ${operator} ${JSON.stringify(b)} in ${describe(node)}`);
    x = nx;
    y = ny;
  }
  switch (operator) {
    case '<':
      return x < y;
    case '<=':
      return x <= y;
    case '>':
      return x > y;
    case '>=':
      return x >= y;
  }
}

function describe(node: JuelNode): string {
  switch (node.kind) {
    case 'literal':
      return JSON.stringify(node.value);
    case 'path':
      return node.names.join('.');
    case 'not':
      return `!${describe(node.operand)}`;
    case 'negate':
      return `-${describe(node.operand)}`;
    case 'binary':
      return `${describe(node.left)} ${node.operator} ${describe(node.right)}`;
  }
}

/**
 * Evaluates a parsed expression over `variables`. Throws {@link JuelExpressionError}
 * (`UNKNOWN_VARIABLE`, `TYPE_MISMATCH`).
 */
export function evaluateJuel(node: JuelNode, variables: Readonly<Record<string, unknown>>): Value {
  switch (node.kind) {
    case 'literal':
      return node.value;
    case 'path': {
      const [first, ...rest] = node.names as [string, ...string[]];
      if (!Object.prototype.hasOwnProperty.call(variables, first)) throw new JuelExpressionError('UNKNOWN_VARIABLE', `unknown variable "${first}"`);
      let value: unknown = variables[first];
      for (const name of rest) {
        value = value !== null && typeof value === 'object' && Object.prototype.hasOwnProperty.call(value, name) ? (value as Record<string, unknown>)[name] : null;
      }
      return value;
    }
    case 'not':
      return !truth(evaluateJuel(node.operand, variables), node.operand);
    case 'negate': {
      const value = numeric(evaluateJuel(node.operand, variables));
      if (value === undefined) throw new JuelExpressionError('TYPE_MISMATCH', `${describe(node.operand)} is not a number`);
      return -value;
    }
    case 'binary': {
      const { operator, left, right } = node;
      if (operator === '&&') return truth(evaluateJuel(left, variables), left) && truth(evaluateJuel(right, variables), right);
      if (operator === '||') return truth(evaluateJuel(left, variables), left) || truth(evaluateJuel(right, variables), right);
      const a = evaluateJuel(left, variables);
      const b = evaluateJuel(right, variables);
      if (operator === '==') return equal(a, b);
      if (operator === '!=') return !equal(a, b);
      return compare(operator, a, b, node);
    }
  }
}

/** One piece of a template: literal text or the inside of a `${...}`. */
type TemplatePart = { text: string } | { expression: string };

/** Splits `PT${hours}H` into text and expressions; a `}` inside a quoted string does not end one. */
export function splitTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let i = 0;
  while (i < template.length) {
    const start = template.indexOf('${', i);
    if (start < 0) {
      parts.push({ text: template.slice(i) });
      break;
    }
    if (start > i) parts.push({ text: template.slice(i, start) });
    let j = start + 2;
    let quote: string | undefined;
    for (; j < template.length; j++) {
      const c = template[j];
      if (quote) {
        if (c === '\\') j++;
        else if (c === quote) quote = undefined;
      } else if (c === "'" || c === '"') quote = c;
      else if (c === '}') break;
    }
    if (j >= template.length) throw new JuelExpressionError('EXPRESSION_SYNTAX', `unterminated "\${" in "${template}"`);
    parts.push({ expression: template.slice(start + 2, j) });
    i = j + 1;
  }
  return parts;
}

/** Checks every `${...}` of a template; throws {@link JuelExpressionError} on the first that does not parse. */
export function validateJuelTemplate(template: string): void {
  for (const part of splitTemplate(template)) if ('expression' in part) parseJuel(part.expression);
}

/**
 * Resolves a template: a lone `${expr}` returns the value as it is (a boolean for a condition, a
 * duration string for a timer); `${}` mixed with text is substituted as text; text without `${`
 * comes back unchanged.
 */
export function resolveJuelTemplate(template: string, variables: Readonly<Record<string, unknown>>, cache?: Map<string, JuelNode>): unknown {
  if (!template.includes('${')) return template;
  const parse = (expression: string): JuelNode => {
    let node = cache?.get(expression);
    if (!node) {
      node = parseJuel(expression);
      cache?.set(expression, node);
    }
    return node;
  };
  const parts = splitTemplate(template);
  if (parts.length === 1 && 'expression' in parts[0]!) return evaluateJuel(parse(parts[0].expression), variables);
  return parts.map((part) => ('text' in part ? part.text : textOf(evaluateJuel(parse(part.expression), variables)))).join('');
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return value === null || value === undefined ? '' : JSON.stringify(value);
}

/**
 * Variables bpmn-engine writes into every process environment (the run message's `fields`,
 * `content`, `properties`): never business data, hidden from expressions and from readers.
 */
export const ENGINE_VARIABLES: readonly string[] = ['fields', 'content', 'properties'];

/** The process variables without the ones bpmn-engine adds. */
export function businessVariables(variables: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(variables)) if (!ENGINE_VARIABLES.includes(name)) result[name] = value;
  return result;
}

/**
 * The `expressions` option of bpmn-engine: resolves templates with this subset over the variables
 * of the process environment that asks (`context.environment.variables`).
 *
 * @example
 * new Engine({ source, expressions: juelExpressions() });
 * // <conditionExpression>${decision == 'APPROVE' && amount > 1000}</conditionExpression>
 */
export function juelExpressions(): { resolveExpression: (template: unknown, context?: unknown) => unknown } {
  const cache = new Map<string, JuelNode>();
  return {
    resolveExpression(template, context) {
      if (typeof template !== 'string') return template;
      const variables = (context as { environment?: { variables?: Record<string, unknown> } } | undefined)?.environment?.variables ?? {};
      return resolveJuelTemplate(template, businessVariables(variables), cache);
    },
  };
}
