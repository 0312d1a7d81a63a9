import { refOf } from '@mandate/definitions';
import { compilePolicy, type CompiledPolicy } from './compilePolicy.js';
import type { PinnedDefinitions } from './PinnedDefinitions.js';

const fingerprints = new WeakMap<object, string>();

/** FNV-1a over the definition's JSON: cheap, and computed once per definition object. */
function fingerprint(definition: object): string {
  let cached = fingerprints.get(definition);
  if (cached === undefined) {
    const text = JSON.stringify(definition);
    let hash = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
    cached = `${refOf(definition as { id: string; version: number })}#${hash.toString(16)}:${text.length}`;
    fingerprints.set(definition, cached);
  }
  return cached;
}

const cache = new Map<string, CompiledPolicy>();

/**
 * The compiled policy of pinned definitions, compiled once per distinct content. Published
 * versions never change, so their `ID@VERSION` plus a content fingerprint is a stable key; a draft
 * edited in place gets a new fingerprint.
 */
export function policyFor(pinned: PinnedDefinitions): CompiledPolicy {
  const parts = [pinned.taskType, pinned.reasonCodes, pinned.sla, pinned.calendar, pinned.priority, pinned.visibility, pinned.actions, pinned.authority];
  const key = parts.map((d) => (d ? fingerprint(d) : '-')).join('|');
  let policy = cache.get(key);
  if (!policy) {
    policy = compilePolicy(pinned);
    cache.set(key, policy);
  }
  return policy;
}
