import type { WorkItemCount } from '@mandate/client';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useFilterChoices, useQueueCounts, useWorklist } from '../data/workItemQueries.js';
import { useSession } from '../session/SessionContext.js';
import { QueryStatus } from '../ui/QueryStatus.js';
import { useNow } from '../ui/useNow.js';
import { blockerOf, nextAction } from './nextAction.js';
import { PriorityBadge } from './PriorityBadge.js';
import { humanizeCode } from './priorityReasons.js';
import { QUEUES, queueFilter, searchFromView, viewFromSearch, type QueueFilters, type QueueId } from './queues.js';
import { formatAge } from './slaCountdown.js';
import { SlaBadge } from './SlaBadge.js';

/** A queue tab's number: exact, or "999+" when more match. */
function TabCount({ count }: { count: WorkItemCount }) {
  const text = count.capped ? `${count.count}+` : String(count.count);
  return (
    <span className="count" aria-label={count.capped ? `more than ${count.count} items` : `${count.count} items`}>
      {text}
    </span>
  );
}

/** The case worker's queues, each row with what a decision needs at a glance: title, business object, priority and its reasons, due time, state. */
export function WorklistPage() {
  const { user } = useSession();
  const [search, setSearch] = useSearchParams();
  const { queue, filters } = viewFromSearch(search);
  const now = useNow();
  const worklist = useWorklist(queueFilter(queue, filters, user.id));
  const counts = useQueueCounts(filters);
  const known = useFilterChoices();
  const items = worklist.data?.pages.flatMap((page) => page.items);
  const more = worklist.hasNextPage;

  const setView = (nextQueue: QueueId, nextFilters: QueueFilters) => setSearch(searchFromView(nextQueue, nextFilters));
  const current = useMemo(() => QUEUES.find((q) => q.id === queue)!, [queue]);

  return (
    <main id="main" className="worklist">
      <h1>Worklist</h1>
      <nav aria-label="Queues" className="queue-tabs">
        <ul>
          {QUEUES.map((q) => (
            <li key={q.id}>
              <Link to={`?${searchFromView(q.id, filters).toString()}`} aria-current={q.id === queue ? 'page' : undefined} title={q.description}>
                {q.label}
                {counts.data?.[q.id] !== undefined && <TabCount count={counts.data[q.id]} />}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <form className="filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="filter-task-type">Task type</label>
          <select id="filter-task-type" value={filters.taskType ?? ''} onChange={(e) => setView(queue, { ...filters, taskType: e.target.value || undefined })}>
            <option value="">Any</option>
            {known.taskTypes.map((t) => (
              <option key={t} value={t}>
                {humanizeCode(t)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-group">Candidate group</label>
          <select id="filter-group" value={filters.candidateGroup ?? ''} onChange={(e) => setView(queue, { ...filters, candidateGroup: e.target.value || undefined })}>
            <option value="">Any</option>
            {known.groups.map((g) => (
              <option key={g} value={g}>
                {g}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-business-object">Quote / order id</label>
          <input
            id="filter-business-object"
            type="search"
            defaultValue={filters.businessObjectId ?? ''}
            placeholder="e.g. Q-2026-000918"
            onKeyDown={(e) => {
              if (e.key === 'Enter') setView(queue, { ...filters, businessObjectId: e.currentTarget.value || undefined });
            }}
            onBlur={(e) => {
              if ((e.target.value || undefined) !== filters.businessObjectId) setView(queue, { ...filters, businessObjectId: e.target.value || undefined });
            }}
          />
        </div>
        <div className="field">
          <span className="label" id="tenant-label">
            Tenant
          </span>
          <span aria-labelledby="tenant-label" className="tenant">
            {user.tenant}
            {user.region ? ` (${user.region})` : ''}
          </span>
        </div>
      </form>
      <p className="muted" aria-live="polite">
        {current.description}
        {items ? `: ${items.length}${more ? '+' : ''} item${items.length === 1 ? '' : 's'}` : ''}
      </p>
      <QueryStatus of={[worklist, counts]} loading="Loading the queue" errorTitle="The worklist could not be loaded" />
      {items && items.length === 0 && <p className="empty">Nothing in this queue.</p>}
      {items && items.length > 0 && (
        <table className="worklist-table">
          <caption className="visually-hidden">{current.label}, highest priority first</caption>
          <thead>
            <tr>
              <th scope="col">Task</th>
              <th scope="col">Business object</th>
              <th scope="col">Priority</th>
              <th scope="col">SLA</th>
              <th scope="col">Risk</th>
              <th scope="col">Owner / group</th>
              <th scope="col">Next action</th>
              <th scope="col">Age</th>
              <th scope="col">Segment</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => {
              const blocker = blockerOf(item);
              return (
                <tr key={item.id} data-item-id={item.id}>
                  <td data-label="Task">
                    <Link to={`/studio/items/${encodeURIComponent(item.id)}`} className="item-link">
                      {humanizeCode(item.taskType)}
                    </Link>
                    <div className="muted small">{item.title}</div>
                    {blocker && <div className="blocker">{blocker}</div>}
                  </td>
                  <td data-label="Business object">
                    {item.businessObject.type} {item.businessObject.id}
                    {item.businessObject.revision !== undefined && <span className="muted"> rev {item.businessObject.revision}</span>}
                  </td>
                  <td data-label="Priority">
                    <PriorityBadge priority={item.priority} reasons={item.priorityReasons} compact />
                  </td>
                  <td data-label="SLA">
                    <SlaBadge item={item} now={now} />
                  </td>
                  <td data-label="Risk">{item.riskClass ?? '—'}</td>
                  <td data-label="Owner / group">
                    {item.assignee ?? <span className="muted">unclaimed</span>}
                    <div className="muted small">{item.candidateGroups.join(', ')}</div>
                  </td>
                  <td data-label="Next action">{nextAction(item, user.id)}</td>
                  <td data-label="Age">{formatAge(item.createdAt, now)}</td>
                  <td data-label="Segment">{[item.tenantId, item.region, item.productFamily].filter(Boolean).join(' · ')}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {more && (
        <button type="button" className="secondary" disabled={worklist.isFetchingNextPage} onClick={() => void worklist.fetchNextPage()}>
          Load more
        </button>
      )}
    </main>
  );
}
