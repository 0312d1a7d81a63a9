/** Fields that are not content: the lifecycle (`version`, `status`, set by the runtime) and the editor hint `$schema`. */
const NOT_CONTENT = new Set(['version', 'status', '$schema']);

function canonical(value: unknown, top = false): unknown {
  if (Array.isArray(value)) return value.map((v) => canonical(v));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .filter((k) => !(top && NOT_CONTENT.has(k)))
      .sort()
      .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
  );
}

/**
 * Whether two definition documents say the same, whatever their key order, formatting, version,
 * status and `$schema` (as the runtime's content hash sees it, plus the version it assigns).
 */
export function sameContent(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return JSON.stringify(canonical(a, true)) === JSON.stringify(canonical(b, true));
}
