/** The code and detail of a problem, or the message of any other error (for one-line statuses). */
export function problemText(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error && 'detail' in error) {
    const p = error;
    return `${String(p.code)}: ${String(p.detail)}`;
  }
  return error instanceof Error ? error.message : String(error);
}

/** The `findings` a problem carries (422 DEFINITION_INVALID), if any. */
export function problemFindings(error: unknown): unknown[] {
  const extensions = typeof error === 'object' && error !== null ? (error as { extensions?: Record<string, unknown> }).extensions : undefined;
  return Array.isArray(extensions?.findings) ? extensions.findings : [];
}
