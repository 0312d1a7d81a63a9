import './diff.css';
import type { SemanticChange } from '@mandate/definitions';
import type { VersionDiff } from '../definitions/governanceTypes.js';

const CONTROL_LABELS = { tightening: 'tightening', loosening: 'loosening', neutral: 'neutral' } as const;

/** The semantic changes, loosening ones highlighted (they widen what people may do). */
export function SemanticChangeList({ changes }: { changes: readonly SemanticChange[] }) {
  if (!changes.length) return <p>No semantic change.</p>;
  return (
    <ul className="change-list">
      {changes.map((c, i) => (
        <li key={`${c.path}-${i}`} className={`change change-${c.control}`}>
          <span className={`control-badge control-${c.control}`}>{CONTROL_LABELS[c.control]}</span> <span className="change-summary">{c.summary}</span>{' '}
          <code className="change-path">{c.path}</code>
        </li>
      ))}
    </ul>
  );
}

/** The RFC 6902 JSON Patch underneath, one operation a row. */
export function PatchView({ patch }: { patch: VersionDiff['patch'] }) {
  if (!patch.length) return <p>No JSON change.</p>;
  return (
    <table className="patch-table">
      <caption>RFC 6902 JSON Patch</caption>
      <thead>
        <tr>
          <th scope="col">op</th>
          <th scope="col">path</th>
          <th scope="col">value</th>
        </tr>
      </thead>
      <tbody>
        {patch.map((op, i) => (
          <tr key={i} className={`patch-${op.op}`}>
            <td>{op.op}</td>
            <td>
              <code>{op.from ? `${op.from} → ${op.path}` : op.path}</code>
            </td>
            <td>
              <pre>{op.value === undefined ? '' : JSON.stringify(op.value, null, 2)}</pre>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A version diff: counts, the semantic change list and the JSON patch beside it. */
export function DiffView({ diff }: { diff: VersionDiff }) {
  return (
    <section className="diff-view" aria-label={`Changes from ${diff.from} to ${diff.to}`}>
      <p className="diff-counts" role="status">
        {diff.from} → {diff.to}: <strong>{diff.control.loosening}</strong> loosening, <strong>{diff.control.tightening}</strong> tightening, {diff.control.neutral} neutral
      </p>
      <div className="diff-columns">
        <div>
          <h3>Semantic changes</h3>
          <SemanticChangeList changes={diff.changes} />
        </div>
        <div>
          <h3>JSON patch</h3>
          <PatchView patch={diff.patch} />
        </div>
      </div>
    </section>
  );
}
