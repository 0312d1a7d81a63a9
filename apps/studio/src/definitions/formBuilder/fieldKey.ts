/**
 * A field's key (its name in the decision payload, in the audit trail and in process variables),
 * derived from its label in camelCase and unique within the form.
 */
import { BUILTIN_KEYS } from './builderModel.js';

/** What a key may look like: a letter, then letters and digits. */
export const KEY_PATTERN = /^[a-z][A-Za-z0-9]*$/;

/**
 * The camelCase key of a label, accents dropped.
 *
 * @example keyFromLabel('Customer informed?') // 'customerInformed'
 * @example keyFromLabel('Begründung (Detail)') // 'begrundungDetail'
 */
export function keyFromLabel(label: string): string {
  const words = label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  const key = words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0]!.toUpperCase() + w.slice(1).toLowerCase())).join('');
  if (!key) return 'field';
  return /^[0-9]/.test(key) ? `field${key}` : key;
}

/** `key`, or `key2`, `key3`... whichever no other field has (the built-in keys are always taken). */
export function uniqueKey(key: string, taken: Iterable<string>): string {
  const used = new Set([...taken, ...BUILTIN_KEYS]);
  if (!used.has(key)) return key;
  let n = 2;
  while (used.has(`${key}${n}`)) n += 1;
  return `${key}${n}`;
}

/** Why `key` cannot be used, or undefined when it can. */
export function keyProblem(key: string, otherKeys: Iterable<string>): 'pattern' | 'taken' | undefined {
  if (!KEY_PATTERN.test(key)) return 'pattern';
  if (new Set([...otherKeys, ...BUILTIN_KEYS]).has(key)) return 'taken';
  return undefined;
}
