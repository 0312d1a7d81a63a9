import type { NextFunction, Request, Response } from 'express';
import { InputError } from '@mandate/problems';

/**
 * How deeply objects and arrays may nest in a request body. Definitions (rule conditions, decision
 * schemas) nest a dozen levels at most; 64 leaves room and keeps every recursive reader of a body
 * (validation, NUL check, canonical JSON) far from the stack limit.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * Refuses a body nested deeper than {@link MAX_JSON_DEPTH} with 400 `JSON_TOO_DEEP`. `JSON.parse`
 * accepts any depth, but the first recursive walk over a 10,000-deep body throws a RangeError (a
 * 500); this walk is iterative, so it cannot overflow itself, and it stops at the first level too deep.
 */
export function refuseDeepJson(req: Request, _res: Response, next: NextFunction): void {
  if (depthExceeds(req.body, MAX_JSON_DEPTH)) throw new InputError('JSON_TOO_DEEP', `the request body nests objects and arrays deeper than ${MAX_JSON_DEPTH} levels`, { maxDepth: MAX_JSON_DEPTH });
  next();
}

/** Whether objects and arrays nest more than `max` levels in `value` (an object or array counts as one level). */
export function depthExceeds(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [node, depth] = top;
    if (node === null || typeof node !== 'object') continue;
    if (depth > max) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}
