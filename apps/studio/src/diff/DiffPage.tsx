import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useGovernance } from '../definitions/useGovernance.js';
import { problemText, useResource } from '../definitions/useResource.js';
import { DiffView } from './DiffView.js';
import { SideBySide } from './SideBySide.js';

/** The diff of `?from=` and `?to=` of one definition; changing a version changes the URL. */
export function DiffPage() {
  const { kind = '', id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const { api } = useGovernance();
  const versions = useResource(() => api.versions(kind, id), `diff-versions:${kind}/${id}`);
  const list = versions.data ?? [];
  const last = list[list.length - 1]?.version;
  const from = Number(params.get('from') ?? (last !== undefined ? last - 1 : NaN));
  const to = Number(params.get('to') ?? last);
  const ready = Number.isInteger(from) && Number.isInteger(to) && from > 0 && to > 0;
  const diff = useResource(() => (ready ? api.diff(kind, id, from, to) : Promise.resolve(undefined)), `diff:${kind}/${id}/${from}/${to}`);
  const view = params.get('view') === 'json' ? 'json' : 'patch';
  const sides = useResource(
    () => (ready && view === 'json' ? Promise.all([api.version(kind, id, from), api.version(kind, id, to)]) : Promise.resolve(undefined)),
    `sides:${kind}/${id}/${from}/${to}/${view}`,
  );
  const set = (name: string, value: string) =>
    setParams((p) => {
      p.set(name, value);
      return p;
    });
  const picker = (name: 'from' | 'to', value: number) => (
    <label>
      {name === 'from' ? 'From' : 'To'}{' '}
      <select value={Number.isInteger(value) ? value : ''} onChange={(e) => set(name, e.target.value)}>
        {list.map((v) => (
          <option key={v.version} value={v.version}>
            v{v.version} ({v.status})
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <section className="diff-page">
      <nav aria-label="Breadcrumb">
        <Link to="..">Diff</Link> › {kind} › <Link to={`/studio/definitions/${encodeURIComponent(kind)}/${encodeURIComponent(id)}`}>{id}</Link>
      </nav>
      <h1>
        {id}: v{params.get('from') ?? '?'} → v{params.get('to') ?? '?'}
      </h1>
      <div className="filters">
        {picker('from', from)} {picker('to', to)}
        <label>
          Beside the changes{' '}
          <select value={view} onChange={(e) => set('view', e.target.value)}>
            <option value="patch">JSON Patch</option>
            <option value="json">both documents</option>
          </select>
        </label>
      </div>
      {versions.error ? <p role="alert">{problemText(versions.error)}</p> : null}
      {diff.error ? <p role="alert">{problemText(diff.error)}</p> : null}
      {diff.loading ? <p aria-busy="true">Loading the diff…</p> : null}
      {diff.data && <DiffView diff={diff.data} />}
      {view === 'json' && sides.data && <SideBySide before={sides.data[0].content} after={sides.data[1].content} fromLabel={`v${from}`} toLabel={`v${to}`} />}
    </section>
  );
}
