import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useApproveDefinition, useDefinitionDiff, useDefinitionVersions, usePublishDefinition, useRejectDefinition } from '../data/definitionQueries.js';
import { DiffView } from '../diff/DiffView.js';
import { ProblemMessage } from '../ui/ProblemMessage.js';
import { QueryStatus } from '../ui/QueryStatus.js';
import { baseVersionOf } from './baseVersionOf.js';
import type { VersionView } from './governanceTypes.js';
import { ImpactPanel } from './ImpactPanel.js';

/**
 * Four-eyes review of a version in review: the semantic diff against the version it replaces and
 * who contributed to it, approve (a governance admin who contributed nothing; the approval names
 * the content hash shown here) or reject (anyone but the author) with a comment, then publish,
 * with the impact replay shown before. Each command's answer updates the version on screen.
 */
export function ReviewPanel({ view, userId, isAdmin }: { view: VersionView; userId: string; isAdmin: boolean }) {
  const versions = useDefinitionVersions(view.kind, view.id);
  const base = versions.data ? baseVersionOf(versions.data, view.version) : undefined;
  const diff = useDefinitionDiff(view.kind, view.id, base ?? 0, view.version, base !== undefined);
  const approve = useApproveDefinition(view.kind, view.id, view.version);
  const reject = useRejectDefinition(view.kind, view.id, view.version);
  const publish = usePublishDefinition(view.kind, view.id, view.version);
  const commands = [approve, reject, publish];
  const busy = commands.some((c) => c.isPending);
  const error = commands.find((c) => c.isError)?.error;
  const [comment, setComment] = useState('');
  const [effectiveFrom, setEffectiveFrom] = useState('');
  const isAuthor = view.author === userId;
  const contributors = [...new Set(view.contributors.map((c) => c.contributor))];
  const isContributor = isAuthor || contributors.includes(userId);
  const approved = Boolean(view.approvedAt);

  /** One command at a time; a new one clears the previous one's failure. */
  const act = (command: () => void) => {
    for (const c of commands) c.reset();
    command();
  };

  return (
    <section className="review-panel" aria-label="Review">
      <h2>Changes {base !== undefined ? `from v${base}` : ''}</h2>
      <QueryStatus of={[versions, diff]} loading="Loading the diff" errorTitle="The diff could not be loaded" />
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
            <button type="button" className="primary" disabled={busy || !comment.trim()} onClick={() => act(() => approve.mutate({ comment: comment.trim(), contentHash: view.contentHash }))}>
              Approve
            </button>
          )}
          {!isAuthor && (
            <button type="button" disabled={busy || !comment.trim()} onClick={() => act(() => reject.mutate({ comment: comment.trim() }))}>
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
                onClick={() => act(() => publish.mutate(effectiveFrom ? { effectiveFrom: new Date(effectiveFrom).toISOString() } : {}))}
              >
                Publish v{view.version}
              </button>
            </div>
          )}
        </div>
      )}
      {error ? <ProblemMessage error={error} title="The review was not recorded" /> : null}
      <ImpactPanel kind={view.kind} id={view.id} version={view.version} />
    </section>
  );
}
