import type { GovernanceApi } from './governanceTypes.js';
import { problemText, useResource } from './useResource.js';

const show = (x: unknown) => (typeof x === 'string' ? x : JSON.stringify(x));

/**
 * Impact replay of a candidate version before it is published: the caller's tenant's items that
 * pin this definition, re-evaluated under the candidate: counts, and per rule the change with
 * examples.
 */
export function ImpactPanel({ api, kind, id, version }: { api: GovernanceApi; kind: string; id: string; version: number }) {
  const report = useResource(() => api.impact(kind, id, version), `impact:${kind}/${id}/${version}`);
  return (
    <section className="impact-panel" aria-labelledby="impact-heading">
      <h2 id="impact-heading">Impact replay of v{version}</h2>
      {report.loading ? <p aria-busy="true">Replaying items under v{version}…</p> : null}
      {report.error ? (
        <p role="alert">
          Impact replay failed: {problemText(report.error)}{' '}
          <button type="button" onClick={report.reload}>
            Retry
          </button>
        </p>
      ) : null}
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
