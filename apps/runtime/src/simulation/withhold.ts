/**
 * A simulation shows an existing item through someone else's eyes, but never more of it than the
 * caller reads at `GET /work-items/{id}`: the simulated principal's evidence is cut to what the
 * caller's own projection (under the item's pinned policy) keeps. What is cut is named, not shown.
 */

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** `shown` without what `allowed` (the caller's projection of the same evidence) lacks; the cut paths go into `withheld`. */
export function withhold(shown: unknown, allowed: unknown, at: string, withheld: string[]): unknown {
  if (Array.isArray(shown)) {
    if (!Array.isArray(allowed)) {
      withheld.push(at);
      return undefined;
    }
    return shown.map((element, i) => {
      // The projection hides a whole element as null: hide it the same way.
      if (i >= allowed.length || (allowed[i] === null && element !== null)) {
        withheld.push(`${at}[${i}]`);
        return null;
      }
      return withhold(element, allowed[i], `${at}[${i}]`, withheld);
    });
  }
  if (isRecord(shown)) {
    if (!isRecord(allowed)) {
      withheld.push(at);
      return undefined;
    }
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(shown)) {
      if (!Object.hasOwn(allowed, key)) {
        withheld.push(`${at}.${key}`);
        continue;
      }
      const kept = withhold(value, allowed[key], `${at}.${key}`, withheld);
      if (kept !== undefined) out[key] = kept;
    }
    return out;
  }
  return shown;
}
