/** A priority reason as the runtime gives it (`HIGH_VALUE_QUOTE:+50`), split for display. */
export interface PriorityReason {
  code: string;
  /** Signed weight, e.g. 50 or -10; undefined when the reason carries none. */
  weight?: number;
  /** "High value quote". */
  label: string;
}

/** SCREAMING_SNAKE as a sentence: `HIGH_VALUE_QUOTE` -> "High value quote". */
export function humanizeCode(code: string): string {
  const words = code.toLowerCase().split('_').filter(Boolean).join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Parses `CODE:+50` / `CODE:-10` / `CODE`. */
export function parsePriorityReason(reason: string): PriorityReason {
  const match = /^([^:]+):([+-]?\d+(?:\.\d+)?)$/.exec(reason.trim());
  if (!match) return { code: reason, label: humanizeCode(reason) };
  return { code: match[1]!, weight: Number(match[2]), label: humanizeCode(match[1]!) };
}
