/**
 * One work item, evidence before input: header, decision summary with
 * consequences, evidence the actor may see, actions from allowed-actions (disabled ones with their
 * reasons), the generated decision form, and what will be recorded. A 409 shows what changed.
 */
import { MandateProblem, type Decision, type WorkItem } from '@mandate/client';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import { Alert, Box, Button, Card, CardContent, Chip, Link, Paper, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useParams } from 'react-router-dom';
import { useItemHistory } from '../data/auditQueries.js';
import { staleItemContext, useAllowedActions, useClaim, useDecide, useDelegate, useItemBusy, usePinnedTaskType, useRelease, useWorkItem } from '../data/workItemQueries.js';
import { formatDate } from '../i18n/i18n.js';
import { useSession } from '../session/SessionContext.js';
import { codeAsWords } from '../ui/checkReasons.js';
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

/** A titled card section of the item screen. */
function Section({ id, title, children, className }: { id: string; title: string; children: ReactNode; className?: string }) {
  return (
    <Card component="section" variant="outlined" aria-labelledby={id} className={className}>
      <CardContent>
        <Typography variant="h2" id={id} sx={{ mb: 1.5 }}>
          {title}
        </Typography>
        {children}
      </CardContent>
    </Card>
  );
}

/** The way back to the worklist. */
function BackLink() {
  const { t } = useTranslation('item');
  return (
    <Button component={RouterLink} to="/studio/worklist" startIcon={<ArrowBackIcon aria-hidden />} sx={{ mb: 1 }}>
      {t('back')}
    </Button>
  );
}

/** One work item: evidence before input, the actions the policy allows, the decision form, what is recorded. */
export function ItemPage() {
  const { t } = useTranslation('item');
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
        setOutcome({ conflict: { problem: e, changes: conflictChanges(before, fresh, successors[0], t), successors } });
        setFormKey((k) => k + 1);
        setChosen(undefined);
      } else setOutcome({ error: e instanceof Error ? e : new Error(t('commandFailed', { what })) });
    }
  };

  const loaded = itemQuery.data && actionsQuery.data && taskTypeQuery.data && !historyQuery.isPending;
  if (!loaded) {
    const failed = [itemQuery, actionsQuery, taskTypeQuery].some((q) => q.isError);
    return (
      <main id="main">
        {failed && (
          <>
            <BackLink />
            {/* The page keeps its one heading (focus moves to it) when the item cannot be shown. */}
            <Typography variant="h1" sx={{ mb: 1.5 }}>
              {t('heading', { id })}
            </Typography>
          </>
        )}
        <QueryStatus of={[itemQuery, actionsQuery, taskTypeQuery]} alsoLoading={historyQuery.isPending} loading={t('loading')} errorTitle={t('failed')} />
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
  const warning = approvalWarning(item.evidence, t);
  const chosenOption = taskType.decisionOptions.find((o) => o.code === chosen);
  const finished = FINISHED_STATES.has(item.state);
  const bo = item.businessObject;
  /** An action code (a forbidden action's "instead") as the label the screen shows for it. */
  const labelOfAction = (code: string) => actions.actions.find((a) => a.code === code)?.label ?? taskType.decisionOptions.find((o) => o.code === code)?.label ?? codeAsWords(code);

  const submitDecision = (input: DecisionInput) =>
    void run(t('decide.title'), async () => {
      const { result } = await decideCommand.mutateAsync({
        command: {
          decision: input.decision,
          ...(input.reasonCode ? { reasonCode: input.reasonCode } : {}),
          ...(input.comment ? { comment: input.comment } : {}),
          ...(input.acknowledged ? { acknowledged: true } : {}),
          expectedBusinessObjectVersion: bo.version,
          form: input.form,
        },
        idempotencyKey: crypto.randomUUID(),
      });
      setFormKey((k) => k + 1);
      setChosen(undefined);
      return decisionNotice(result, t);
    });

  return (
    <main id="main" className="item-page">
      <BackLink />

      <Paper component="header" variant="outlined" className="item-header" aria-labelledby="item-title" sx={{ p: 2, mb: 2 }}>
        <Typography variant="h1" id="item-title" sx={{ mb: 1.5 }}>
          {taskType.title}
        </Typography>
        <Box
          component="dl"
          className="facts"
          sx={{ m: 0, display: 'grid', gap: 1.5, columnGap: 2, gridTemplateColumns: 'repeat(auto-fill, minmax(14rem, 1fr))', '& dt': { typography: 'caption', fontWeight: 600, color: 'text.secondary' }, '& dd': { m: 0, overflowWrap: 'anywhere' } }}
        >
          <div>
            <dt>{t('facts.businessObject')}</dt>
            <dd>
              {t('facts.businessObjectValue', { type: bo.type, id: bo.id })}
              {bo.revision !== undefined ? t('facts.revision', { revision: bo.revision }) : ''}
              {t('facts.version', { version: bo.version })}
            </dd>
          </div>
          <div>
            <dt>{t('facts.status')}</dt>
            <dd>
              <Chip size="small" className={`state state-${item.state}`} label={t(`state.${item.state}`, { defaultValue: item.state })} color={finished ? 'default' : 'primary'} variant={finished ? 'filled' : 'outlined'} sx={{ fontWeight: 600 }} />
              {item.assignee && !finished ? ` · ${item.assignee === user.id ? t('facts.claimedByYou') : t('facts.claimedBy', { who: item.assignee })}` : ''}
              {item.outcomeReason ? ` · ${humanizeCode(item.outcomeReason)}` : ''}
            </dd>
          </div>
          <div>
            <dt>{t('facts.sla')}</dt>
            {/* A finished item's countdown no longer means anything. */}
            <dd>{finished ? t('facts.slaOver') : <SlaBadge item={item} now={now} />}</dd>
          </div>
          <div>
            <dt>{t('facts.priority')}</dt>
            <dd>
              <PriorityBadge priority={item.priority} reasons={item.priorityReasons} />
            </dd>
          </div>
          <div>
            <dt>{t('facts.risk')}</dt>
            <dd>{item.riskClass ? humanizeCode(item.riskClass) : '—'}</dd>
          </div>
          <div>
            <dt>{t('facts.groups')}</dt>
            <dd>{item.candidateGroups.join(', ')}</dd>
          </div>
          {item.pendingApproval && (
            <div>
              <dt>{t('facts.secondApproval')}</dt>
              <dd>{t('facts.secondApprovalValue', { code: humanizeCode(item.pendingApproval.code), who: item.pendingApproval.requestedBy })}</dd>
            </div>
          )}
        </Box>
      </Paper>

      {outcome && 'notice' in outcome && (
        <Alert severity="success" role="status" className="notice" sx={{ mb: 2 }}>
          {outcome.notice}
        </Alert>
      )}
      {outcome && 'error' in outcome && <ProblemMessage error={outcome.error} />}
      {outcome && 'conflict' in outcome && <ConflictPanel conflict={outcome.conflict} />}
      <QueryStatus of={[itemQuery, actionsQuery]} loading={t('refreshing')} errorTitle={t('refreshFailed')} />

      <Box className="item-grid" sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: 'minmax(0, 1fr)', md: 'minmax(0, 1fr) minmax(0, 1fr)' }, alignItems: 'start' }}>
        <Stack sx={{ gap: 2, minWidth: 0 }}>
          <Section id="summary-title" title={t('summary.title')}>
            {taskType.description && <Typography sx={{ mb: 1 }}>{taskType.description}</Typography>}
            {warning && (
              <Alert severity={warning.exceeded ? 'warning' : 'info'} className="approval-warning" sx={{ mb: 1 }}>
                {warning.text}
              </Alert>
            )}
            <Box component="ul" className="consequences" sx={{ m: 0, pl: 2.5 }}>
              {taskType.decisionOptions.map((o) => (
                <li key={o.code}>
                  <strong>{o.label}</strong>: {o.consequence ?? t('summary.noConsequence')}
                </li>
              ))}
            </Box>
          </Section>

          <Section id="evidence-title" title={t('evidence.title')}>
            <EvidenceList evidence={item.evidence} />
            {item.redactedPaths.length > 0 && (
              <Typography variant="body2" sx={{ color: 'text.secondary', mt: 1.5 }}>
                {t('evidence.hidden', { count: item.redactedPaths.length })}
              </Typography>
            )}
          </Section>
        </Stack>

        <Stack sx={{ gap: 2, minWidth: 0 }}>
          {finished ? (
            <Section id="done-title" title={t('done.title')}>
              <Typography sx={{ mb: 1 }}>{t('done.body', { state: t(`state.${item.state}`, { defaultValue: item.state }) })}</Typography>
              <Link component={RouterLink} to="/studio/worklist">
                {t('back')}
              </Link>
            </Section>
          ) : (
            <>
              <Section id="actions-title" title={t('actions.title')}>
                <Stack direction="row" className="lifecycle-actions" sx={{ flexWrap: 'wrap', gap: 1.5 }}>
                  {claim && <ActionButton action={claim} busy={busy} onClick={() => void run(claim.label, async () => (await claimCommand.mutateAsync(), t('actions.claimed')))} />}
                  {release && <ActionButton action={release} busy={busy} onClick={() => void run(release.label, async () => (await releaseCommand.mutateAsync(), t('actions.released')))} />}
                  {delegate && <ActionButton action={delegate} busy={busy} onClick={() => setDelegateOpen((o) => !o)} expanded={delegateOpen} />}
                </Stack>
                {delegate?.enabled && delegateOpen && (
                  <DelegateForm
                    busy={busy}
                    onSubmit={(delegateTo, comment) =>
                      void run(delegate.label, async () => {
                        await delegateCommand.mutateAsync({ delegateTo, comment });
                        setDelegateOpen(false);
                        return t('actions.delegated', { who: delegateTo });
                      })
                    }
                  />
                )}
                <Typography variant="h3" sx={{ mt: 2, mb: 1 }}>
                  {t('actions.decisions')}
                </Typography>
                <Stack component="ul" className="decision-actions" sx={{ listStyle: 'none', m: 0, p: 0, gap: 1 }}>
                  {decisions.map((a) => (
                    <li key={a.code}>
                      <ActionButton action={a} busy={busy} pressed={chosen === a.code} onClick={() => setChosen(a.code)} />
                    </li>
                  ))}
                </Stack>
                <RecoveryActions itemId={item.id} actions={recovery} reasonCodes={taskType.reasonCodes} busy={busy} run={run} />
                {forbidden.length > 0 && (
                  <>
                    <Typography variant="h3" sx={{ mt: 2, mb: 1 }}>
                      {t('actions.forbidden')}
                    </Typography>
                    <Box component="ul" className="forbidden-actions" sx={{ m: 0, pl: 2.5 }}>
                      {forbidden.map((a) => (
                        <li key={a.code}>
                          <strong>{a.label === a.code ? humanizeCode(a.code) : a.label}</strong>: {a.forbiddenReason}
                          {a.instead ? (
                            <Box component="span" sx={{ color: 'text.secondary' }}>
                              {' '}
                              {t('actions.instead', { what: labelOfAction(a.instead) })}
                            </Box>
                          ) : null}
                        </li>
                      ))}
                    </Box>
                  </>
                )}
              </Section>

              <Section id="decide-title" title={t('decide.title')} className="decision-card">
                {chosenOption?.consequence && (
                  <Alert severity="info" className="consequence" sx={{ mb: 1.5 }}>
                    {t('decide.consequence', { decision: chosenOption.label.toLowerCase(), consequence: chosenOption.consequence })}
                  </Alert>
                )}
                <DecisionForm key={formKey} taskType={taskType} actions={decisions} chosen={chosen} onChoose={setChosen} busy={busy} onSubmit={submitDecision} />
              </Section>
            </>
          )}

          <Section id="audit-title" title={finished ? t('record.wasTitle') : t('record.willTitle')}>
            {!finished && (
              <Box component="ul" className="audit-preview" sx={{ m: 0, pl: 2.5 }}>
                <li>{t('record.actor', { name: user.name, id: user.id, roles: user.roles.map(codeAsWords).join(', ') || t('record.noRoles') })}</li>
                <li>{t('record.decision', { decision: chosenOption?.label ?? '—' })}</li>
                <li>{t('record.version', { type: bo.type, id: bo.id, version: bo.version })}</li>
                <li>{t('record.pinned', { definitions: item.pinnedDefinitions.join(', ') })}</li>
                <li>{t('record.trail')}</li>
              </Box>
            )}
            <Typography variant="h3" sx={{ mt: 2, mb: 1 }}>
              {t('record.history')}
            </Typography>
            {historyQuery.isError ? (
              <QueryStatus of={historyQuery} loading={t('record.historyLoading')} errorTitle={t('record.historyFailed')} />
            ) : history.length === 0 ? (
              <Typography sx={{ color: 'text.secondary' }}>{t('record.noEvents')}</Typography>
            ) : (
              <Box component="ol" className="history" sx={{ m: 0, pl: 2.5, typography: 'body2', '& li': { mb: 0.5 } }}>
                {history.map((e) => (
                  <li key={`${e.sequence}-${e.eventType}-${e.occurredAt}`}>
                    <Box component="time" dateTime={e.occurredAt} sx={{ color: 'text.secondary' }}>
                      {formatDate(e.occurredAt)}
                    </Box>{' '}
                    {humanizeCode(e.eventType.replace(/([a-z])([A-Z])/g, '$1_$2'))}
                    {e.actor ? t('record.by', { actor: e.actor }) : ''}
                  </li>
                ))}
              </Box>
            )}
          </Section>
        </Stack>
      </Box>
    </main>
  );
}

/** States in which the item's lifecycle is over: the screen offers no action or decision, only the record. */
const FINISHED_STATES = new Set<string>(['decided', 'completed', 'cancelled', 'obsolete', 'expired']);

/** What changed on the item, and where a new request replaced it, how that request differs from what the worker saw. */
function conflictChanges(before: WorkItem, now: WorkItem | undefined, replacement: WorkItem | undefined, t: TFunction): ItemChange[] {
  const onItem = now ? itemChanges(before, now, t) : [];
  if (!replacement) return onItem;
  const lifecycle = new Set(['status', 'outcome', 'assignee', 'delegatedTo', 'escalationLevel', 'secondApproval'].map((key) => t(`changes.${key}`)));
  const seen = new Set(onItem.map((c) => c.label));
  return [
    ...onItem,
    ...itemChanges(before, replacement, t)
      .filter((c) => !lifecycle.has(c.label) && !seen.has(c.label))
      .map((c) => ({ ...c, after: t('conflict.newRequest', { value: c.after }) })),
  ];
}

function decisionNotice(decision: Decision, t: TFunction): string {
  if (decision.status === 'AWAITING_SECOND_APPROVAL') return t('decide.waitsForSecond', { decision: decision.decision });
  return decision.reasonCode ? t('decide.recordedWithReason', { decision: decision.decision, reason: decision.reasonCode }) : t('decide.recorded', { decision: decision.decision });
}

/** Asks another person for input: whom, and what is needed from them. */
function DelegateForm({ busy, onSubmit }: { busy: boolean; onSubmit: (delegateTo: string, comment: string) => void }) {
  const { t } = useTranslation('item');
  const [to, setTo] = useState('');
  const [comment, setComment] = useState('');
  return (
    <Stack
      component="form"
      className="inline-form"
      sx={{ gap: 2, mt: 2, maxWidth: '32rem' }}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(to.trim(), comment.trim());
      }}
    >
      <TextField size="small" id="delegate-to" label={t('delegate.to')} value={to} onChange={(e) => setTo(e.target.value)} required slotProps={{ htmlInput: { pattern: '[A-Za-z0-9._@-]+' } }} />
      <TextField id="delegate-comment" label={t('delegate.comment')} value={comment} onChange={(e) => setComment(e.target.value)} required multiline minRows={2} />
      <Box>
        <Button type="submit" variant="contained" disabled={busy}>
          {t('delegate.submit')}
        </Button>
      </Box>
    </Stack>
  );
}

function ConflictPanel({ conflict }: { conflict: Conflict }) {
  const { t } = useTranslation('item');
  return (
    <Paper component="section" variant="outlined" className="conflict" role="alert" aria-labelledby="conflict-title" sx={{ p: 2, mb: 2, borderWidth: 2, borderColor: 'error.main' }}>
      <Typography variant="h2" id="conflict-title" sx={{ color: 'error.main', mb: 1 }}>
        {t('conflict.title')}
      </Typography>
      <Typography sx={{ mb: 1 }}>
        {conflict.problem.detail}
      </Typography>
      <Typography variant="body2" sx={{ color: 'text.secondary', mb: 1 }}>
        {t('problem.code', { ns: 'common', code: conflict.problem.code })}
      </Typography>
      {conflict.changes.length > 0 ? (
        <Box sx={{ overflowX: 'auto' }}>
          <Table size="small" className="changes" sx={{ '& caption': { captionSide: 'top', textAlign: 'left', fontWeight: 600, p: 0, pb: 1, color: 'text.primary' } }}>
            <caption>{t('conflict.caption')}</caption>
            <TableHead>
              <TableRow>
                <TableCell scope="col">{t('conflict.fact')}</TableCell>
                <TableCell scope="col">{t('conflict.saw')}</TableCell>
                <TableCell scope="col">{t('conflict.now')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {conflict.changes.map((c) => (
                <TableRow key={c.label}>
                  <TableCell component="th" scope="row" sx={{ fontWeight: 600 }}>
                    {c.label}
                  </TableCell>
                  <TableCell sx={{ overflowWrap: 'anywhere' }}>{codeAsWords(c.before)}</TableCell>
                  <TableCell sx={{ overflowWrap: 'anywhere' }}>{codeAsWords(c.after)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      ) : (
        <Typography>{t('conflict.unchanged')}</Typography>
      )}
      {conflict.successors.length > 0 && (
        <Typography sx={{ mt: 1.5 }}>
          {t('conflict.replaced')}{' '}
          {conflict.successors.map((s) => (
            <Link key={s.id} component={RouterLink} to={`/studio/items/${encodeURIComponent(s.id)}`}>
              {t('conflict.successor', { title: s.title, version: s.businessObject.version })}
            </Link>
          ))}
        </Typography>
      )}
    </Paper>
  );
}
