/** The decision options of a task type draft as the builder needs them: code and label, codes unique. */
export interface DraftOption {
  code: string;
  label: string;
}

/** The draft's decision options that have a code. */
export function draftOptions(draft: Record<string, unknown>): DraftOption[] {
  const options = Array.isArray(draft.decisionOptions) ? (draft.decisionOptions as unknown[]) : [];
  const seen = new Set<string>();
  return options.flatMap((o) => {
    if (typeof o !== 'object' || o === null) return [];
    const { code, label } = o as { code?: unknown; label?: unknown };
    if (typeof code !== 'string' || !code || seen.has(code)) return [];
    seen.add(code);
    return [{ code, label: typeof label === 'string' && label ? label : code }];
  });
}
