import { useImpactReplay } from '../data/definitionQueries.js';
import { QueryStatus } from '../ui/QueryStatus.js';

const show = (x: unknown) => (typeof x === 'string' ? x : JSON.stringify(x));

/**
 * Impact replay of a candidate version before it is published: the caller's tenant's items that
 * pin this definition, re-evaluated under the candidate: counts, and per rule the change with
 * examples.
 */
export function ImpactPanel({ kind, id, version }: { kind: string; id: string; version: number }) {
  const report = useImpactReplay(kind, id, version);
  return (
    <section className="impact-panel" aria-labelledby="impact-heading">
      <h2 id="impact-heading">Impact replay of v{version}</h2>
      <QueryStatus of={report} loading={`Replaying items under v${version}`} errorTitle="Impact replay failed" />
      {report.data && (
        <>
          <dl className="impact-totals">
            <div>
              <dt>Items replayed</dt>
              <dd>{report.data.totals.cases}</dd>
            </div>
            <div>
              <dt>Affected</dt>
              <dd>{report.data.totals.affected}</dd>
            </div>
            <div>
              <dt>Decisions it would refuse</dt>
              <dd>{report.data.totals.refusedDecisions}</dd>
            </div>
            <div>
              <dt>Not referencing it</dt>
              <dd>{report.data.totals.notReferencing}</dd>
            </div>
            <div>
              <dt>Failed</dt>
              <dd>{report.data.totals.failed}</dd>
            </div>
          </dl>
          {report.data.findings.length === 0 ? (
            <p>No item would be decided, prioritised or scheduled differently.</p>
          ) : (
            <div className="table-scroll">
              <table>
                <caption>What would differ, per rule</caption>
                <thead>
                  <tr>
                    <th scope="col">Aspect</th>
                    <th scope="col">Rule</th>
                    <th scope="col">Change</th>
                    <th scope="col">Items</th>
                    <th scope="col">Examples</th>
                  </tr>
                </thead>
                <tbody>
                  {report.data.findings.map((f, i) => (
                    <tr key={i}>
                      <td>{f.aspect}</td>
                      <td>
                        <code>{f.rule}</code>
                        {f.check ? <> ({f.check})</> : null}
                      </td>
                      <td>{f.change}</td>
                      <td>{f.count}</td>
                      <td>
                        <ul>
                          {f.examples.map((x) => (
                            <li key={`${x.itemId}-${x.decisionId ?? ''}`}>
                              {x.businessObject.type} {x.businessObject.id} ({x.taskType}): {show(x.before)} → {show(x.after)}
                            </li>
                          ))}
                        </ul>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {report.data.errors.length ? (
            <details>
              <summary>{report.data.errors.length} items could not be replayed</summary>
              <ul>
                {report.data.errors.map((e) => (
                  <li key={e.itemId}>
                    {e.itemId}: {e.message}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </>
      )}
    </section>
  );
}
