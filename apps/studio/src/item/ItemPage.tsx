/**
 * One work item, evidence before input: header, decision summary with
 * consequences, evidence the actor may see, actions from allowed-actions (disabled ones with their
 * reasons), the generated decision form, and what will be recorded. A 409 shows what changed.
 */
import { MandateProblem, type Decision, type WorkItem } from '@mandate/client';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useItemHistory } from '../data/auditQueries.js';
import { staleItemContext, useAllowedActions, useClaim, useDecide, useDelegate, useItemBusy, usePinnedTaskType, useRelease, useWorkItem } from '../data/workItemQueries.js';
import { useSession } from '../session/SessionContext.js';
import { ProblemMessage } from '../ui/ProblemMessage.js';
import { QueryStatus } from '../ui/QueryStatus.js';
import { useNow } from '../ui/useNow.js';
import { PriorityBadge } from '../worklist/PriorityBadge.js';
import { humanizeCode } from '../worklist/priorityReasons.js';
import { SlaBadge } from '../worklist/SlaBadge.js';
import { ActionButton } from './ActionButton.js';
import { approvalWarning } from './approvalWarning.js';
import { DecisionForm, type DecisionInput } from './DecisionForm.js';
import { EvidenceList } from './EvidenceList.js';
import { itemChanges, type ItemChange } from './itemChanges.js';
import { RecoveryActions } from './RecoveryActions.js';

interface Conflict {
  problem: MandateProblem;
  changes: ItemChange[];
  /** Open items for the same business object that replaced this one. */
  successors: WorkItem[];
}

/** What the last command came to: its notice, its failure, or the conflict it ran into. */
type Outcome = { notice: string } | { error: unknown } | { conflict: Conflict };

/** Runs a command and says what it came to (see ItemPage). */
export type RunCommand = (what: string, command: () => Promise<string>) => Promise<void>;

export function ItemPage() {
  const { id = '' } = useParams();
  const { client, user } = useSession();
  const queryClient = useQueryClient();
  const now = useNow();
  const itemQuery = useWorkItem(id);
  const actionsQuery = useAllowedActions(id);
  const taskTypeQuery = usePinnedTaskType(itemQuery.data);
  const historyQuery = useItemHistory(id);
  const claimCommand = useClaim(id);
  const releaseCommand = useRelease(id);
  const delegateCommand = useDelegate(id);
  const decideCommand = useDecide(id);
  const busy = useItemBusy(id);
  const [outcome, setOutcome] = useState<Outcome>();
  const [chosen, setChosen] = useState<string>();
  const [formKey, setFormKey] = useState(0);
  const [delegateOpen, setDelegateOpen] = useState(false);

  /** Runs a command (its mutation refreshes the item); on 409 shows what changed since the screen was loaded. */
  const run: RunCommand = async (what, command) => {
    const before = itemQuery.data;
    if (!before) return;
    setOutcome(undefined);
    try {
      setOutcome({ notice: await command() });
    } catch (e) {
      if (e instanceof MandateProblem && e.status === 409) {
        const { now: fresh, successors } = await staleItemContext(queryClient, client, before);
        setOutcome({ conflict: { problem: e, changes: conflictChanges(before, fresh, successors[0]), successors } });
        setFormKey((k) => k + 1);
        setChosen(undefined);
      } else setOutcome({ error: e instanceof Error ? e : new Error(`${what} failed`) });
    }
  };

  const loaded = itemQuery.data && actionsQuery.data && taskTypeQuery.data && !historyQuery.isPending;
  if (!loaded) {
    const failed = [itemQuery, actionsQuery, taskTypeQuery].some((q) => q.isError);
    return (
      <main id="main">
        {failed && (
          <p>
            <Link to="/studio/worklist">← Worklist</Link>
          </p>
        )}
        <QueryStatus of={[itemQuery, actionsQuery, taskTypeQuery]} alsoLoading={historyQuery.isPending} loading="Loading the item" errorTitle="The item could not be loaded" />
      </main>
    );
  }

  const item = itemQuery.data;
  const actions = actionsQuery.data;
  const taskType = taskTypeQuery.data;
  const history = historyQuery.data ?? [];
  const decisions = actions.actions.filter((a) => a.kind === 'decision');
  const lifecycle = actions.actions.filter((a) => a.kind === 'lifecycle');
  const forbidden = actions.actions.filter((a) => a.kind === 'forbidden');
  const recovery = actions.actions.filter((a) => a.kind === 'recovery');
  const claim = lifecycle.find((a) => a.code === 'CLAIM');
  const release = lifecycle.find((a) => a.code === 'RELEASE');
  const delegate = lifecycle.find((a) => a.code === 'DELEGATE');
  const warning = approvalWarning(item.evidence);
  const chosenOption = taskType.decisionOptions.find((o) => o.code === chosen);
  const finished = FINISHED_STATES.has(item.state);

  const submitDecision = (input: DecisionInput) =>
    void run('The decision', async () => {
      const { result } = await decideCommand.mutateAsync({
        command: {
          decision: input.decision,
          ...(input.reasonCode ? { reasonCode: input.reasonCode } : {}),
          ...(input.comment ? { comment: input.comment } : {}),
          ...(input.acknowledged ? { acknowledged: true } : {}),
          expectedBusinessObjectVersion: item.businessObject.version,
          form: input.form,
        },
        idempotencyKey: crypto.randomUUID(),
      });
      setFormKey((k) => k + 1);
      setChosen(undefined);
      return decisionNotice(result);
    });

  return (
    <main id="main" className="item-page">
      <p className="breadcrumb">
        <Link to="/studio/worklist">← Worklist</Link>
      </p>

      <header className="item-header" aria-labelledby="item-title">
        <h1 id="item-title">{taskType.title}</h1>
        <dl className="facts">
          <div>
            <dt>Business object</dt>
            <dd>
              {item.businessObject.type} {item.businessObject.id}
              {item.businessObject.revision !== undefined ? ` rev ${item.businessObject.revision}` : ''} (version {item.businessObject.version})
            </dd>
          </div>
          <div>
            <dt>Status</dt>
            <dd>
              <span className={`state state-${item.state}`}>{item.state}</span>
              {item.assignee ? ` · ${item.assignee === user.id ? 'claimed by you' : `claimed by ${item.assignee}`}` : ''}
              {item.outcomeReason ? ` · ${humanizeCode(item.outcomeReason)}` : ''}
            </dd>
          </div>
          <div>
            <dt>SLA</dt>
            <dd>
              <SlaBadge item={item} now={now} />
            </dd>
          </div>
          <div>
            <dt>Priority</dt>
            <dd>
              <PriorityBadge priority={item.priority} reasons={item.priorityReasons} />
            </dd>
          </div>
          <div>
            <dt>Risk</dt>
            <dd>{item.riskClass ?? '—'}</dd>
          </div>
          <div>
            <dt>Candidate groups</dt>
            <dd>{item.candidateGroups.join(', ')}</dd>
          </div>
          {item.pendingApproval && (
            <div>
              <dt>Second approval</dt>
              <dd>
                {item.pendingApproval.code} asked by {item.pendingApproval.requestedBy}: the next decision by another person completes it
              </dd>
            </div>
          )}
        </dl>
      </header>

      {outcome && 'notice' in outcome && (
        <p className="notice" role="status">
          {outcome.notice}
        </p>
      )}
      {outcome && 'error' in outcome && <ProblemMessage error={outcome.error} />}
      {outcome && 'conflict' in outcome && <ConflictPanel conflict={outcome.conflict} />}
      <QueryStatus of={[itemQuery, actionsQuery]} loading="Refreshing the item" errorTitle="The item could not be refreshed" />

      <div className="item-grid">
        <div className="item-column">
          <section aria-labelledby="summary-title" className="card">
            <h2 id="summary-title">Decision requested</h2>
            {taskType.description && <p>{taskType.description}</p>}
            {warning && <p className="approval-warning">{warning}</p>}
            <ul className="consequences">
              {taskType.decisionOptions.map((o) => (
                <li key={o.code}>
                  <strong>{o.label}</strong>: {o.consequence ?? 'no consequence stated'}
                </li>
              ))}
            </ul>
          </section>

          <section aria-labelledby="evidence-title" className="card">
            <h2 id="evidence-title">Evidence</h2>
            <EvidenceList evidence={item.evidence} />
            {item.redactedPaths.length > 0 && (
              <p className="muted small">
                {item.redactedPaths.length} field{item.redactedPaths.length === 1 ? ' is' : 's are'} hidden from you by the visibility policy.
              </p>
            )}
          </section>
        </div>

        <div className="item-column">
          {finished ? (
            <section aria-labelledby="done-title" className="card">
              <h2 id="done-title">Nothing left to do here</h2>
              <p>This item is {item.state}: no action or decision can be taken on it any more. What was recorded stays with it.</p>
              <p>
                <Link to="/studio/worklist">Back to the worklist</Link>
              </p>
            </section>
          ) : (
            <>
              <section aria-labelledby="actions-title" className="card">
                <h2 id="actions-title">Actions</h2>
                <div className="lifecycle-actions">
                  {claim && (
                    <ActionButton action={claim} busy={busy} onClick={() => void run('Claim', async () => (await claimCommand.mutateAsync(), 'You claimed the item.'))} />
                  )}
                  {release && (
                    <ActionButton action={release} busy={busy} onClick={() => void run('Release', async () => (await releaseCommand.mutateAsync(), 'The item is back in its queue.'))} />
                  )}
                  {delegate && <ActionButton action={delegate} busy={busy} onClick={() => setDelegateOpen((o) => !o)} expanded={delegateOpen} />}
                </div>
                {delegate?.enabled && delegateOpen && (
                  <DelegateForm
                    busy={busy}
                    onSubmit={(delegateTo, comment) =>
                      void run('Delegate', async () => {
                        await delegateCommand.mutateAsync({ delegateTo, comment });
                        setDelegateOpen(false);
                        return `Delegated to ${delegateTo}; you stay the owner.`;
                      })
                    }
                  />
                )}
                <h3>Decisions</h3>
                <ul className="decision-actions">
                  {decisions.map((a) => (
                    <li key={a.code}>
                      <ActionButton action={a} busy={busy} pressed={chosen === a.code} onClick={() => setChosen(a.code)} />
                    </li>
                  ))}
                </ul>
                <RecoveryActions itemId={item.id} actions={recovery} reasonCodes={taskType.reasonCodes} busy={busy} run={run} />
                {forbidden.length > 0 && (
                  <>
                    <h3>Never allowed here</h3>
                    <ul className="forbidden-actions">
                      {forbidden.map((a) => (
                        <li key={a.code}>
                          <strong>{a.label === a.code ? humanizeCode(a.code) : a.label}</strong>: {a.forbiddenReason}
                          {a.instead ? <span className="muted"> Instead: {a.instead}</span> : null}
                        </li>
                      ))}
                    </ul>
              </>
            )}
          </section>

          <section aria-labelledby="decide-title" className="card">
            <h2 id="decide-title">Your decision</h2>
            {chosenOption?.consequence && <p className="consequence">If you submit {chosenOption.label.toLowerCase()}: {chosenOption.consequence}</p>}
            <DecisionForm key={formKey} taskType={taskType} actions={decisions} chosen={chosen} onChoose={setChosen} busy={busy} onSubmit={submitDecision} />
          </section>
            </>
          )}

          <section aria-labelledby="audit-title" className="card">
            <h2 id="audit-title">{finished ? 'What was recorded' : 'What will be recorded'}</h2>
            {!finished && (
              <ul className="audit-preview">
                <li>Actor: {user.name} ({user.id}), roles {user.roles.join(', ') || 'none'}</li>
                <li>Decision: {chosen ?? '—'}, with your reason code, comment and acknowledgement</li>
                <li>
                  On {item.businessObject.type} {item.businessObject.id} version {item.businessObject.version}: a newer version refuses the decision
                </li>
                <li>Under the pinned definitions {item.pinnedDefinitions.join(', ')}</li>
                <li>In the tenant's hash-chained audit trail, with the policy's trace</li>
              </ul>
            )}
            <h3>History</h3>
            {historyQuery.isError ? (
              <QueryStatus of={historyQuery} loading="Loading the history" errorTitle="The history could not be loaded" />
            ) : history.length === 0 ? (
              <p className="muted">No events yet.</p>
            ) : (
              <ol className="history">
                {history.map((e) => (
                  <li key={`${e.sequence}-${e.eventType}-${e.occurredAt}`}>
                    <time dateTime={e.occurredAt}>{new Date(e.occurredAt).toLocaleString()}</time> {humanizeCode(e.eventType.replace(/([a-z])([A-Z])/g, '$1_$2'))}
                    {e.actor ? ` by ${e.actor}` : ''}
                  </li>
                ))}
              </ol>
            )}
          </section>
        </div>
      </div>
    </main>
  );
}

/** States in which the item's lifecycle is over: the screen offers no action or decision, only the record. */
const FINISHED_STATES = new Set<string>(['decided', 'completed', 'cancelled', 'obsolete', 'expired']);

/** What changed on the item, and where a new request replaced it, how that request differs from what the worker saw. */
function conflictChanges(before: WorkItem, now: WorkItem | undefined, replacement: WorkItem | undefined): ItemChange[] {
  const onItem = now ? itemChanges(before, now) : [];
  if (!replacement) return onItem;
  const lifecycle = new Set(['Status', 'Outcome', 'Assignee', 'Delegated to', 'Escalation level', 'Waiting for second approval']);
  const seen = new Set(onItem.map((c) => c.label));
  return [...onItem, ...itemChanges(before, replacement).filter((c) => !lifecycle.has(c.label) && !seen.has(c.label)).map((c) => ({ ...c, after: `${c.after} (new request)` }))];
}

function decisionNotice(decision: Decision): string {
  return decision.status === 'AWAITING_SECOND_APPROVAL'
    ? `Your ${decision.decision} is recorded and waits for a second approver.`
    : `Decision recorded: ${decision.decision}${decision.reasonCode ? ` (${decision.reasonCode})` : ''}.`;
}

/** An action as a button; a disabled one says why, in words, next to it. */
function DelegateForm({ busy, onSubmit }: { busy: boolean; onSubmit: (delegateTo: string, comment: string) => void }) {
  const [to, setTo] = useState('');
  const [comment, setComment] = useState('');
  return (
    <form
      className="stack inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(to.trim(), comment.trim());
      }}
    >
      <label htmlFor="delegate-to">Ask for input from (user id)</label>
      <input id="delegate-to" value={to} onChange={(e) => setTo(e.target.value)} required pattern="[A-Za-z0-9._@-]+" />
      <label htmlFor="delegate-comment">What do you need from them?</label>
      <textarea id="delegate-comment" value={comment} onChange={(e) => setComment(e.target.value)} required rows={2} />
      <button type="submit" disabled={busy}>
        Delegate
      </button>
    </form>
  );
}

function ConflictPanel({ conflict }: { conflict: Conflict }) {
  return (
    <section className="conflict" role="alert" aria-labelledby="conflict-title">
      <h2 id="conflict-title">Not recorded: the item changed while you were looking at it</h2>
      <p>
        {conflict.problem.detail} <code>{conflict.problem.code}</code>
      </p>
      {conflict.changes.length > 0 ? (
        <table className="changes">
          <caption>What changed (this item, and the request that replaces it)</caption>
          <thead>
            <tr>
              <th scope="col">Fact</th>
              <th scope="col">You saw</th>
              <th scope="col">Now</th>
            </tr>
          </thead>
          <tbody>
            {conflict.changes.map((c) => (
              <tr key={c.label}>
                <th scope="row">{c.label}</th>
                <td>{c.before}</td>
                <td>{c.after}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>The item's facts you can see are unchanged; reload and try again.</p>
      )}
      {conflict.successors.length > 0 && (
        <p>
          A new request replaces it:{' '}
          {conflict.successors.map((s) => (
            <Link key={s.id} to={`/studio/items/${encodeURIComponent(s.id)}`}>
              {s.title} (version {s.businessObject.version})
            </Link>
          ))}
        </p>
      )}
    </section>
  );
}
