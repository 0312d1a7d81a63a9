import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useDefinitionList } from '../data/definitionQueries.js';
import { QueryStatus } from '../ui/QueryStatus.js';

/** Pick a definition to diff; its page picks the versions. */
export function DiffPicker() {
  const navigate = useNavigate();
  const list = useDefinitionList();
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
      <QueryStatus of={list} loading="Loading definitions" errorTitle="The definitions could not be loaded" />
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
