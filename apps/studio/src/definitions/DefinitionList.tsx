import { DEFINITION_KINDS } from '@mandate/definitions';
import { Link, useSearchParams } from 'react-router-dom';
import { useDefinitionList } from '../data/definitionQueries.js';
import { QueryStatus } from '../ui/QueryStatus.js';
import { StatusBadge } from './StatusBadge.js';

/** Every definition the user may read, by kind, with its versions. */
export function DefinitionList() {
  const [params, setParams] = useSearchParams();
  const kind = params.get('kind') ?? '';
  const [search, setSearch] = [params.get('q') ?? '', (q: string) => setParams((p) => (q ? p.set('q', q) : p.delete('q'), p), { replace: true })];
  const list = useDefinitionList(kind || undefined);
  const shown = (list.data ?? []).filter((d) => !search || `${d.id} ${d.title}`.toLowerCase().includes(search.toLowerCase()));
  const kinds = [...new Set(shown.map((d) => d.kind))].sort((a, b) => DEFINITION_KINDS.indexOf(a as never) - DEFINITION_KINDS.indexOf(b as never));
  return (
    <section className="definitions-list">
      <h1>Definitions</h1>
      <div className="filters">
        <label>
          Kind{' '}
          <select value={kind} onChange={(e) => setParams((p) => (e.target.value ? p.set('kind', e.target.value) : p.delete('kind'), p))}>
            <option value="">all kinds</option>
            {DEFINITION_KINDS.map((k) => (
              <option key={k}>{k}</option>
            ))}
          </select>
        </label>
        <label>
          Search <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </label>
      </div>
      <QueryStatus of={list} loading="Loading definitions" errorTitle="The definitions could not be loaded" />
      {kinds.map((k) => (
        <section key={k} aria-labelledby={`kind-${k}`}>
          <h2 id={`kind-${k}`}>{k}</h2>
          <ul className="definition-cards">
            {shown
              .filter((d) => d.kind === k)
              .map((d) => (
                <li key={d.id}>
                  <Link to={`${encodeURIComponent(d.kind)}/${encodeURIComponent(d.id)}`}>{d.id}</Link> <span className="title">{d.title}</span>
                  <span className="versions">
                    {d.versions.map((v) => (
                      <Link key={v.version} to={`${encodeURIComponent(d.kind)}/${encodeURIComponent(d.id)}/${v.version}`} aria-label={`${d.id} version ${v.version}, ${v.status}`}>
                        v{v.version} <StatusBadge status={v.status} />
                      </Link>
                    ))}
                  </span>
                </li>
              ))}
          </ul>
        </section>
      ))}
      {list.data && shown.length === 0 ? <p>No definitions match.</p> : null}
    </section>
  );
}
