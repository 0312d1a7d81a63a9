import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useGovernance } from '../definitions/useGovernance.js';
import { problemText, useResource } from '../definitions/useResource.js';

/** Pick a definition to diff; its page picks the versions. */
export function DiffPicker() {
  const { api } = useGovernance();
  const navigate = useNavigate();
  const list = useResource(() => api.list(), 'diff:list');
  const [choice, setChoice] = useState('');
  const definitions = (list.data ?? []).filter((d) => d.versions.length >= 2);
  const go = () => {
    const d = definitions.find((x) => `${x.kind}/${x.id}` === choice);
    if (!d) return;
    const [a, b] = d.versions.slice(-2);
    void navigate(`${encodeURIComponent(d.kind)}/${encodeURIComponent(d.id)}?from=${a!.version}&to=${b!.version}`);
  };
  return (
    <section className="diff-picker">
      <h1>Diff two versions</h1>
      {list.error ? <p role="alert">{problemText(list.error)}</p> : null}
      {list.loading ? <p aria-busy="true">Loading definitions…</p> : null}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          go();
        }}
      >
        <label>
          Definition{' '}
          <select value={choice} onChange={(e) => setChoice(e.target.value)} required>
            <option value="">choose one with two or more versions</option>
            {definitions.map((d) => (
              <option key={`${d.kind}/${d.id}`} value={`${d.kind}/${d.id}`}>
                {d.kind} {d.id} (v{d.versions.map((v) => v.version).join(', v')})
              </option>
            ))}
          </select>
        </label>{' '}
        <button type="submit" disabled={!choice}>
          Compare
        </button>
      </form>
    </section>
  );
}
