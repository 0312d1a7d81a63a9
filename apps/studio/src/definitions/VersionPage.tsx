import { Link, useParams } from 'react-router-dom';
import { useDefinitionVersion } from '../data/definitionQueries.js';
import { QueryStatus } from '../ui/QueryStatus.js';
import { DefinitionForm } from './DefinitionForm.js';
import { DraftEditor } from './DraftEditor.js';
import { isKind } from './kindForms.js';
import { ReviewPanel } from './ReviewPanel.js';
import { StatusBadge } from './StatusBadge.js';
import { useGovernance } from './useGovernance.js';

/** One version: the draft editor (drafts, admins), the review (in review) or the read-only document. */
export function VersionPage() {
  const { kind = '', id = '', version: versionText = '' } = useParams();
  const version = Number(versionText);
  const { user, isAdmin } = useGovernance();
  const view = useDefinitionVersion(kind, id, version);
  const v = view.data;
  return (
    <section className="version-page">
      <nav aria-label="Breadcrumb">
        <Link to="..">Definitions</Link> › <Link to=".." relative="path">{id}</Link> › v{versionText}
      </nav>
      <h1>
        {id} v{versionText} {v && <StatusBadge status={v.status} approved={Boolean(v.approvedAt)} />}
      </h1>
      {!isKind(kind) ? <p role="alert">{kind} is not a definition kind.</p> : null}
      <QueryStatus of={view} loading="Loading the version" errorTitle="The version could not be loaded" />
      {v && (
        <p className="version-meta">
          {v.title} · by {v.author}
          {v.changeNote ? ` · ${v.changeNote}` : ''}
          {v.publishedAt ? ` · published ${new Date(v.publishedAt).toLocaleString()}` : ''}
          {v.version > 1 ? (
            <>
              {' '}
              · <Link to={`/studio/diff/${encodeURIComponent(kind)}/${encodeURIComponent(id)}?from=${v.version - 1}&to=${v.version}`}>diff with v{v.version - 1}</Link>
            </>
          ) : null}
        </p>
      )}
      {v && isKind(kind) && v.status === 'draft' && isAdmin && <DraftEditor key={v.version} view={v} kind={kind} />}
      {v && isKind(kind) && v.status === 'in_review' && <ReviewPanel view={v} userId={user.id} isAdmin={isAdmin} />}
      {v && isKind(kind) && (v.status !== 'draft' || !isAdmin) && (
        <details className="document" open={v.status !== 'in_review'}>
          <summary>Document</summary>
          <DefinitionForm kind={kind} content={v.content} readonly />
        </details>
      )}
    </section>
  );
}
