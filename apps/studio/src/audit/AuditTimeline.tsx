import type { AuditEvent } from '@mandate/client';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useAuditTimeline, useAuditVerification } from '../data/auditQueries.js';
import { problemText } from '../ui/problemText.js';
import { QueryStatus } from '../ui/QueryStatus.js';
import { AUDIT_FILTER_FIELDS, auditFilterOf, auditFilterProblem, instantOf } from './auditFilter.js';

const LABELS: Record<(typeof AUDIT_FILTER_FIELDS)[number], string> = {
  workItemId: 'Work item id',
  businessObjectType: 'Business object type',
  businessObjectId: 'Business object id',
  actor: 'Actor',
  from: 'From (instant)',
  to: 'To (instant)',
};

/** The evidence a decision event carries, in the words the timeline shows. */
function Evidence({ event }: { event: AuditEvent }) {
  const p = event.payload;
  const facts = ['decision', 'reasonCode', 'comment', 'definition', 'taskType', 'taskTypeVersion', 'status', 'state', 'assignee', 'action'] as const;
  const shown = facts.filter((k) => p[k] !== undefined && p[k] !== null);
  return (
    <>
      {shown.length > 0 && (
        <dl className="audit-facts">
          {shown.map((k) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{typeof p[k] === 'string' ? (p[k]) : JSON.stringify(p[k])}</dd>
            </div>
          ))}
        </dl>
      )}
      <details>
        <summary>Evidence and chain</summary>
        <pre>{JSON.stringify(p, null, 2)}</pre>
        <p>
          hash <code>{event.hash}</code>
          <br />
          previous <code>{event.prevHash}</code>
        </p>
      </details>
    </>
  );
}

/** Filtered audit events in chain order, each with its evidence, and the chain's verification. */
export function AuditTimeline() {
  const route = useParams();
  const [query, setQuery] = useSearchParams();
  const filter = auditFilterOf(route, query);
  const problem = auditFilterProblem(filter);
  const timeline = useAuditTimeline(filter, !problem);
  const verify = useAuditVerification();
  const events = timeline.data?.pages.flatMap((page) => page.events) ?? [];
  const [draft, setDraft] = useState<Record<string, string>>(() => Object.fromEntries(AUDIT_FILTER_FIELDS.map((f) => [f, query.get(f) ?? ''])));

  return (
    <section className="audit-timeline">
      <h1>Audit</h1>
      <p className={`chain-status ${verify.data ? (verify.data.ok ? 'chain-ok' : 'chain-broken') : ''}`} role="status">
        {verify.isPending
          ? 'Verifying the hash chain…'
          : verify.isError
            ? `Chain verification unavailable: ${problemText(verify.error)}`
            : verify.data?.ok
              ? `Hash chain verified: ${verify.data.events} events intact${verify.data.checkpoint ? `, signed up to sequence ${verify.data.checkpoint.sequence} at ${new Date(verify.data.checkpoint.signedAt).toLocaleString()}` : ', no signed checkpoint yet'}.`
              : verify.data
                ? `Audit trail BROKEN${verify.data.brokenAt !== undefined ? ` at sequence ${verify.data.brokenAt}` : ''}: ${verify.data.reason}${verify.data.findings.length > 1 ? ` (${verify.data.findings.length} findings)` : ''}`
                : ''}
      </p>
      {(route.workItemId ?? route.id) ? (
        <p>
          Timeline of {route.workItemId ? `work item ${route.workItemId}` : `${route.type} ${route.id}`} · <Link to="/studio/audit">all events</Link>
        </p>
      ) : (
        <form
          className="filters"
          aria-label="Audit filters"
          onSubmit={(e) => {
            e.preventDefault();
            const next = new URLSearchParams();
            for (const f of AUDIT_FILTER_FIELDS) if (draft[f]) next.set(f, f === 'from' || f === 'to' ? instantOf(draft[f]) : draft[f]);
            setQuery(next);
          }}
        >
          {AUDIT_FILTER_FIELDS.map((f) => (
            <label key={f}>
              {LABELS[f]} <input value={draft[f] ?? ''} placeholder={f === 'from' || f === 'to' ? '2026-01-01T00:00:00Z' : undefined} onChange={(e) => setDraft((d) => ({ ...d, [f]: e.target.value }))} />
            </label>
          ))}
          <button type="submit">Show</button>
        </form>
      )}
      {problem ? <p role="alert">{problem}</p> : null}
      <QueryStatus of={timeline} loading="Loading events" errorTitle="The events could not be loaded" />
      {timeline.data && events.length === 0 ? <p>No events match.</p> : null}
      <ol className="timeline">
        {events.map((e) => (
          <li key={`${e.tenantId}-${e.sequence}`} className={`audit-event audit-${e.eventType}`}>
            <p className="audit-head">
              <time dateTime={e.occurredAt}>{new Date(e.occurredAt).toLocaleString()}</time> <strong>{e.eventType}</strong> by {e.actor ?? 'system'} · #{e.sequence}
              {e.workItemId && !route.workItemId ? (
                <>
                  {' '}
                  · <Link to={`/studio/audit/work-items/${encodeURIComponent(e.workItemId)}`}>item timeline</Link>
                </>
              ) : null}
              {e.businessObject && !route.id ? (
                <>
                  {' '}
                  · <Link to={`/studio/audit/business-objects/${encodeURIComponent(e.businessObject.type)}/${encodeURIComponent(e.businessObject.id)}`}>
                    {e.businessObject.type} {e.businessObject.id}
                  </Link>
                </>
              ) : null}
            </p>
            <Evidence event={e} />
          </li>
        ))}
      </ol>
      {timeline.hasNextPage ? (
        <button type="button" disabled={timeline.isFetchingNextPage} onClick={() => void timeline.fetchNextPage()}>
          Load more
        </button>
      ) : null}
    </section>
  );
}
