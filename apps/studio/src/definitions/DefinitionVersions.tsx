import { Link, useNavigate, useParams } from 'react-router-dom';
import { useCreateDraft, useDefinitionVersions } from '../data/definitionQueries.js';
import { ProblemMessage } from '../ui/ProblemMessage.js';
import { QueryStatus } from '../ui/QueryStatus.js';
import { StatusBadge } from './StatusBadge.js';
import { useGovernance } from './useGovernance.js';

const when = (iso?: string | null) => (iso ? new Date(iso).toLocaleString() : '');

/** The versions of one definition, oldest first, and a new draft from the latest. */
export function DefinitionVersions() {
  const { kind = '', id = '' } = useParams();
  const { isAdmin } = useGovernance();
  const navigate = useNavigate();
  const versions = useDefinitionVersions(kind, id);
  const createDraft = useCreateDraft(kind, id);
  const list = versions.data ?? [];
  const open = list.find((v) => v.status === 'draft' || v.status === 'in_review');
  const latest = list[list.length - 1];
  const published = list.filter((v) => v.status === 'published');

  const newDraft = () => createDraft.mutate(latest ? { from: latest.version } : {}, { onSuccess: (draft) => void navigate(String(draft.version)) });

  return (
    <section className="definition-versions">
      <nav aria-label="Breadcrumb">
        <Link to="..">Definitions</Link> › {kind}
      </nav>
      <h1>
        {id} <small>{kind}</small>
      </h1>
      <QueryStatus of={versions} loading="Loading versions" errorTitle="The versions could not be loaded" />
      <div className="actions">
        {isAdmin && !open && (
          <button type="button" onClick={newDraft} disabled={createDraft.isPending || versions.isPending}>
            {latest ? `New draft from v${latest.version}` : 'New draft'}
          </button>
        )}
        {open && (
          <Link to={String(open.version)}>
            Open v{open.version} ({open.status === 'draft' ? 'draft' : 'in review'})
          </Link>
        )}
        {published.length >= 2 && (
          <Link to={`/studio/diff/${encodeURIComponent(kind)}/${encodeURIComponent(id)}?from=${published[published.length - 2]!.version}&to=${published[published.length - 1]!.version}`}>
            Diff the last two published versions
          </Link>
        )}
      </div>
      {createDraft.error ? <ProblemMessage error={createDraft.error} title="The draft could not be created" /> : null}
      {list.length > 0 && (
        <div className="table-scroll">
          <table>
            <caption>Versions of {id}</caption>
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Status</th>
                <th scope="col">Author</th>
                <th scope="col">Reviewer</th>
                <th scope="col">Published</th>
                <th scope="col">Change note</th>
              </tr>
            </thead>
            <tbody>
              {list.map((v) => (
                <tr key={v.version}>
                  <td>
                    <Link to={String(v.version)}>v{v.version}</Link>
                  </td>
                  <td>
                    <StatusBadge status={v.status} approved={Boolean(v.approvedAt)} />
                  </td>
                  <td>{v.author}</td>
                  <td>{v.reviewer ?? ''}</td>
                  <td>{when(v.publishedAt)}</td>
                  <td>{v.changeNote ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
