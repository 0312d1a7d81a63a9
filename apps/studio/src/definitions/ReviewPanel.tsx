import { useState } from 'react';
import { Link } from 'react-router-dom';
import { DiffView } from '../diff/DiffView.js';
import { baseVersionOf } from './baseVersionOf.js';
import type { GovernanceApi, VersionView } from './governanceTypes.js';
import { ImpactPanel } from './ImpactPanel.js';
import { problemText, useResource } from './useResource.js';

/**
 * Four-eyes review of a version in review: the semantic diff against the version it replaces and
 * who contributed to it, approve (a governance admin who contributed nothing; the approval names
 * the content hash shown here) or reject (anyone but the author) with a comment, then publish,
 * with the impact replay shown before.
 */
export function ReviewPanel({ api, view, userId, isAdmin, onChanged }: { api: GovernanceApi; view: VersionView; userId: string; isAdmin: boolean; onChanged: () => void }) {
  const versions = useResource(() => api.versions(view.kind, view.id), `versions:${view.kind}/${view.id}/${view.version}`);
  const base = versions.data ? baseVersionOf(versions.data, view.version) : undefined;
  const diff = useResource(() => (base === undefined ? Promise.resolve(undefined) : api.diff(view.kind, view.id, base, view.version)), `diff:${view.kind}/${view.id}/${base}/${view.version}`);
  const [comment, setComment] = useState('');
  const [effectiveFrom, setEffectiveFrom] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const isAuthor = view.author === userId;
  const contributors = [...new Set(view.contributors.map((c) => c.contributor))];
  const isContributor = isAuthor || contributors.includes(userId);
  const approved = Boolean(view.approvedAt);

  const act = async (what: () => Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    try {
      await what();
      onChanged();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="review-panel" aria-label="Review">
      <h2>Changes {base !== undefined ? `from v${base}` : ''}</h2>
      {diff.loading && base !== undefined ? <p aria-busy="true">Loading the diff…</p> : null}
      {diff.error ? <p role="alert">{problemText(diff.error)}</p> : null}
      {diff.data && <DiffView diff={diff.data} />}
      {base !== undefined && (
        <p>
          <Link to={`/studio/diff/${encodeURIComponent(view.kind)}/${encodeURIComponent(view.id)}?from=${base}&to=${view.version}`}>Open this diff on its own page</Link>
        </p>
      )}
      {approved ? (
        <p className="review-comment" role="note">
          Approved by {view.reviewer}
          {view.reviewComment ? `: “${view.reviewComment}”` : ''}
        </p>
      ) : null}
      <p className="contributors">Contributors: {contributors.join(', ')}</p>
      {isAdmin && isAuthor && !approved ? <p role="note">You wrote this version: a second governance admin must review it (four-eyes).</p> : null}
      {isAdmin && !isAuthor && isContributor && !approved ? <p role="note">You edited this version: a governance admin who did not contribute to it must approve it (four-eyes).</p> : null}
      {isAdmin && (
        <div className="review-actions">
          {!isAuthor && (
            <label className="block">
              Review comment
              <textarea value={comment} onChange={(e) => setComment(e.target.value)} rows={3} required />
            </label>
          )}
          {!isContributor && !approved && (
            <button type="button" className="primary" disabled={busy || !comment.trim()} onClick={() => void act(() => api.approve(view.kind, view.id, view.version, comment.trim(), view.contentHash))}>
              Approve
            </button>
          )}
          {!isAuthor && (
            <button type="button" disabled={busy || !comment.trim()} onClick={() => void act(() => api.reject(view.kind, view.id, view.version, comment.trim()))}>
              Reject (back to draft)
            </button>
          )}
          {approved && (
            <div className="publish">
              <label>
                Effective from (optional){' '}
                <input type="datetime-local" value={effectiveFrom} onChange={(e) => setEffectiveFrom(e.target.value)} />
              </label>
              <button
                type="button"
                className="primary"
                disabled={busy}
                onClick={() => void act(() => api.publish(view.kind, view.id, view.version, effectiveFrom ? new Date(effectiveFrom).toISOString() : undefined))}
              >
                Publish v{view.version}
              </button>
            </div>
          )}
        </div>
      )}
      {error ? <p role="alert">{problemText(error)}</p> : null}
      <ImpactPanel api={api} kind={view.kind} id={view.id} version={view.version} />
    </section>
  );
}
