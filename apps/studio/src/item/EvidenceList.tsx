import { labelOf } from './itemChanges.js';

function Value({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span className="muted">—</span>;
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="muted">none</span>;
    return (
      <ul className="evidence-array">
        {(value as unknown[]).map((v, i) => (
          <li key={i}>
            <Value value={v} />
          </li>
        ))}
      </ul>
    );
  }
  if (typeof value === 'object') return <EvidenceList evidence={value as Record<string, unknown>} nested />;
  if (typeof value === 'boolean') return <>{value ? 'yes' : 'no'}</>;
  if (typeof value === 'number' || typeof value === 'string') return <>{String(value)}</>;
  return <>{JSON.stringify(value)}</>;
}

/** The evidence the actor may see, field by field (hidden fields never reach the browser). */
export function EvidenceList({ evidence, nested = false }: { evidence: Record<string, unknown>; nested?: boolean }) {
  const entries = Object.entries(evidence);
  if (entries.length === 0) return <p className="muted">No evidence.</p>;
  return (
    <dl className={nested ? 'evidence nested' : 'evidence'}>
      {entries.map(([key, value]) => (
        <div key={key} data-field={key}>
          <dt>{labelOf(key)}</dt>
          <dd>
            <Value value={value} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
