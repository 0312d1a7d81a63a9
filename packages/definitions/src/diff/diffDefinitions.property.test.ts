import fc from 'fast-check';
import jsonPatch from 'fast-json-patch';
import { describe, expect, it } from 'vitest';
import { mutate, mutationArbitrary } from '../../test-support/mutations.js';
import { shippedSources } from '../../test-support/shippedDefinitions.js';
import type { Definition } from '../generated/types.js';
import { validateDefinitionSources } from '../validateDefinitionSources.js';
import { validateAgainstSchema } from '../validation/validateAgainstSchema.js';
import { diffDefinitions } from './diffDefinitions.js';
import { jsonPatchOf, structuralDelta } from './structuralChanges.js';

const shipped = validateDefinitionSources(shippedSources()).definitions.map((d) => d.definition);
const anyShipped = fc.constantFrom(...shipped);
const edits = fc.array(mutationArbitrary, { minLength: 1, maxLength: 4 });

/** Compared as JSON: a JSON document cannot tell -0 from 0. */
const asJson = (x: unknown) => JSON.parse(JSON.stringify(x)) as unknown;

/** Validation refuses `__proto__` keys (FORBIDDEN_JSON_KEY), so diffs never see them. */
const hasProtoKey = (x: unknown): boolean =>
  typeof x === 'object' && x !== null && (Object.hasOwn(x, '__proto__') || Object.values(x).some(hasProtoKey));

/** Applies an RFC 6902 patch with a library independent of the one that produced it. */
function applied(doc: unknown, patch: ReturnType<typeof jsonPatchOf>): unknown {
  return jsonPatch.applyPatch(structuredClone(doc), patch as jsonPatch.Operation[], true, false).newDocument;
}

describe('diff properties', () => {
  it('applying the emitted JSON Patch to the old version yields the new one (edited definitions)', () => {
    fc.assert(
      fc.property(anyShipped, edits, (before, changes) => {
        const after = mutate(before, changes) as Definition;
        fc.pre(!hasProtoKey(after));
        expect(asJson(applied(before, diffDefinitions(before, after).patch))).toEqual(asJson(after));
      }),
      { numRuns: 500 },
    );
  });

  it('applying the emitted JSON Patch to the old value yields the new one (arbitrary JSON)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.jsonValue({ maxDepth: 4 }), (a, b) => {
        const before = { doc: a };
        const after = { doc: b };
        fc.pre(!hasProtoKey(a) && !hasProtoKey(b));
        expect(asJson(applied(before, jsonPatchOf(structuralDelta(before, after))))).toEqual(asJson(after));
      }),
      { numRuns: 2000 },
    );
  });

  it('diff(a, a) is empty for every shipped definition and any edit of one', () => {
    for (const def of shipped) expect(diffDefinitions(def, structuredClone(def)).changes).toEqual([]);
    fc.assert(
      fc.property(anyShipped, edits, (def, changes) => {
        const edited = mutate(def, changes) as Definition;
        fc.pre(!hasProtoKey(edited));
        const diff = diffDefinitions(edited, structuredClone(edited));
        expect(diff.changes).toEqual([]);
        expect(diff.patch).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('every change of a valid edit is described in words that name it', () => {
    fc.assert(
      fc.property(anyShipped, edits, (before, changes) => {
        const after = mutate(before, changes) as Definition;
        fc.pre(!hasProtoKey(after) && validateAgainstSchema(after).length === 0);
        // Each summary names what changed: an id or a key of its path.
        for (const change of diffDefinitions(before, after).changes) {
          const ids = [...change.path.matchAll(/\[([^\]]*)\]/g)].map((m) => m[1]!.toLowerCase());
          const keys = change.path.replace(/\[[^\]]*\]/g, '.').split(/[.:]/).filter(Boolean);
          const words = [...ids, ...keys.map((k) => k.toLowerCase()), ...keys.flatMap((k) => k.split(/(?=[A-Z])/)).map((w) => w.toLowerCase()).filter((w) => w.length >= 2)];
          const summary = change.summary.toLowerCase();
          expect(words.some((w) => summary.includes(w)), `${change.path}: ${change.summary}`).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('validation never throws', () => {
  it('on arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = validateDefinitionSources([{ file: 'x.json', text: JSON.stringify(value) ?? '' }]);
        expect(result.ok).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(() => validateDefinitionSources([{ file: 'x.json', text }])).not.toThrow();
      }),
      { numRuns: 1000 },
    );
  });

  it('on objects of every kind with arbitrary members', () => {
    const kinds = [...new Set(shipped.map((d) => d.kind))];
    fc.assert(
      fc.property(fc.constantFrom(...kinds), fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 })), (kind, members) => {
        const text = JSON.stringify({ ...members, kind, id: 'FUZZ', version: 1, status: 'draft', title: 'fuzz' });
        expect(() => validateDefinitionSources([{ file: 'x.json', text }])).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });

  it('on edited shipped definitions linted with the whole set (schema-valid edits reach the lint)', () => {
    const sources = shippedSources();
    fc.assert(
      fc.property(fc.nat(sources.length - 1), edits, (index, changes) => {
        const source = sources[index]!;
        const edited = { file: source.file, text: JSON.stringify(mutate(JSON.parse(source.text), changes), null, 2) };
        const set = sources.map((s, i) => (i === index ? edited : s));
        expect(() => validateDefinitionSources(set)).not.toThrow();
      }),
      { numRuns: 200 },
    );
  });
});
