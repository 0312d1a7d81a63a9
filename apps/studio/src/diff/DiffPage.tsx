import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useDefinitionDiff, useDefinitionVersion, useDefinitionVersions } from '../data/definitionQueries.js';
import { QueryStatus } from '../ui/QueryStatus.js';
import { DiffView } from './DiffView.js';
import { SideBySide } from './SideBySide.js';

/** The diff of `?from=` and `?to=` of one definition; changing a version changes the URL. */
export function DiffPage() {
  const { kind = '', id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const versions = useDefinitionVersions(kind, id);
  const list = versions.data ?? [];
  const last = list[list.length - 1]?.version;
  const from = Number(params.get('from') ?? (last !== undefined ? last - 1 : NaN));
  const to = Number(params.get('to') ?? last);
  const ready = Number.isInteger(from) && Number.isInteger(to) && from > 0 && to > 0;
  const diff = useDefinitionDiff(kind, id, from, to, ready);
  const view = params.get('view') === 'json' ? 'json' : 'patch';
  const before = useDefinitionVersion(kind, id, from, ready && view === 'json');
  const after = useDefinitionVersion(kind, id, to, ready && view === 'json');
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
      <QueryStatus of={[versions, diff]} loading="Loading the diff" errorTitle="The diff could not be loaded" />
      {diff.data && <DiffView diff={diff.data} />}
      {view === 'json' && <QueryStatus of={[before, after]} loading="Loading both documents" errorTitle="The documents could not be loaded" />}
      {view === 'json' && before.data && after.data && <SideBySide before={before.data.content} after={after.data.content} fromLabel={`v${from}`} toLabel={`v${to}`} />}
    </section>
  );
}
