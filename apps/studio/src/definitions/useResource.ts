import { useCallback, useEffect, useState } from 'react';

/** A value loaded asynchronously, with its error and a way to load it again. */
export interface Resource<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/** Loads `load()` whenever `key` changes; an answer for an older key is dropped. */
export function useResource<T>(load: () => Promise<T>, key: string): Resource<T> {
  const [state, setState] = useState<{ key: string; data?: T; error?: unknown; loading: boolean }>({ key, loading: true });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ key, data: s.key === key ? s.data : undefined, loading: true }));
    load().then(
      (data) => live && setState({ key, data, loading: false }),
      (error: unknown) => live && setState({ key, error, loading: false }),
    );
    return () => {
      live = false;
    };
    // `load` changes every render; the key says when to load again.
  }, [key, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const current = state.key === key;
  return { data: current ? state.data : undefined, error: current ? state.error : undefined, loading: !current || state.loading, reload };
}

/** The code and detail of a problem, or the message of any other error. */
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
