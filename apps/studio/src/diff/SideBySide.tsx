import { lineDiff } from './lineDiff.js';

/** Two documents as pretty JSON, side by side, removed and added lines marked. */
export function SideBySide({ before, after, fromLabel, toLabel }: { before: unknown; after: unknown; fromLabel: string; toLabel: string }) {
  const rows = lineDiff(JSON.stringify(before, null, 2).split('\n'), JSON.stringify(after, null, 2).split('\n'));
  return (
    <div className="table-scroll">
      <table className="side-by-side">
        <caption>Both documents</caption>
        <thead>
          <tr>
            <th scope="col">{fromLabel}</th>
            <th scope="col">{toLabel}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i} className={`line-${r.kind}`}>
              <td>
                <pre>
                  {r.kind === 'removed' ? <span className="visually-hidden">removed: </span> : null}
                  {r.left ?? ''}
                </pre>
              </td>
              <td>
                <pre>
                  {r.kind === 'added' ? <span className="visually-hidden">added: </span> : null}
                  {r.right ?? ''}
                </pre>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
