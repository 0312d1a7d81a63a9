import type { AuditEvent } from '@mandate/client';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import SearchIcon from '@mui/icons-material/Search';
import { Alert, Box, Button, Link, Paper, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useParams, useSearchParams } from 'react-router-dom';
import { useAuditTimeline, useAuditVerification } from '../data/auditQueries.js';
import { formatDate, formatNumber } from '../i18n/i18n.js';
import { problemText } from '../ui/problemText.js';
import { QueryStatus } from '../ui/QueryStatus.js';
import { AUDIT_FILTER_FIELDS, auditFilterOf, auditFilterProblem, instantOf, localInputOf } from './auditFilter.js';

/** The payload facts a timeline entry shows in words, in this order; the rest is in its details. */
const FACTS = ['decision', 'reasonCode', 'comment', 'definition', 'taskType', 'taskTypeVersion', 'status', 'state', 'assignee', 'action'] as const;
const INSTANT_FIELDS = new Set<string>(['from', 'to']);

/** A payload fact as words: a definition reference as "Kind ID v4", a snake_case status as words, numbers formatted. */
function factText(value: unknown): string {
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'string') return /^[a-z]+(_[a-z]+)+$/.test(value) ? value.replace(/_/g, ' ') : value;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const { kind, id, version } = value as { kind?: unknown; id?: unknown; version?: unknown };
    if (typeof id === 'string') return [typeof kind === 'string' ? kind : '', id, typeof version === 'number' ? `v${version}` : ''].filter(Boolean).join(' ');
    return Object.entries(value)
      .map(([k, v]) => `${k}: ${typeof v === 'string' || typeof v === 'number' ? v : JSON.stringify(v)}`)
      .join(' · ');
  }
  return JSON.stringify(value);
}

/** `DefinitionPublished` -> "Definition published". */
function eventTitle(eventType: string): string {
  const words = eventType.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The evidence a decision event carries, in the words the timeline shows, and the full record with its chain links. */
function Evidence({ event }: { event: AuditEvent }) {
  const { t } = useTranslation('audit');
  const p = event.payload;
  const shown = FACTS.filter((k) => p[k] !== undefined && p[k] !== null);
  return (
    <>
      {shown.length > 0 && (
        <Box component="dl" className="audit-facts" sx={{ display: 'flex', flexWrap: 'wrap', columnGap: 2, rowGap: 0.5, my: 0.5, '& dt': { typography: 'caption', fontWeight: 600, color: 'text.secondary' }, '& dd': { m: 0 } }}>
          {shown.map((k) => (
            <div key={k}>
              <dt>{t(`facts.${k}`)}</dt>
              <dd>{factText(p[k])}</dd>
            </div>
          ))}
        </Box>
      )}
      <Box component="details" sx={{ mt: 0.5, '& summary': { cursor: 'pointer', color: 'primary.main', fontWeight: 600, typography: 'body2' } }}>
        <summary>{t('event.details')}</summary>
        <Box component="pre" sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', typography: 'caption', fontFamily: 'monospace', bgcolor: 'background.default', p: 1, borderRadius: 1 }}>
          {JSON.stringify(p, null, 2)}
        </Box>
        <Box component="dl" sx={{ m: 0, typography: 'caption', '& dt': { fontWeight: 600 }, '& dd': { m: 0, mb: 0.5, fontFamily: 'monospace', overflowWrap: 'anywhere' } }}>
          <dt>{t('event.hash')}</dt>
          <dd>{event.hash}</dd>
          <dt>{t('event.previous')}</dt>
          <dd>{event.prevHash}</dd>
        </Box>
      </Box>
    </>
  );
}

/** The chain's verification, in words, as a status. */
function ChainStatus() {
  const { t } = useTranslation('audit');
  const verify = useAuditVerification();
  const data = verify.data;
  const severity = verify.isError ? 'warning' : data ? (data.ok ? 'success' : 'error') : 'info';
  let text = t('chain.verifying');
  if (verify.isError) text = t('chain.unavailable', { reason: problemText(verify.error) });
  else if (data?.ok)
    text = data.checkpoint
      ? t('chain.verified', { events: formatNumber(data.events), sequence: formatNumber(data.checkpoint.sequence), when: formatDate(data.checkpoint.signedAt) })
      : t('chain.verifiedUnsigned', { events: formatNumber(data.events) });
  else if (data)
    text =
      (data.brokenAt !== undefined ? t('chain.brokenAt', { sequence: formatNumber(data.brokenAt), reason: data.reason }) : t('chain.broken', { reason: data.reason })) +
      (data.findings.length > 1 ? t('chain.findings', { count: data.findings.length }) : '');
  return (
    <Alert severity={severity} role="status" className={`chain-status ${data ? (data.ok ? 'chain-ok' : 'chain-broken') : ''}`} sx={{ mb: 2 }}>
      {text}
    </Alert>
  );
}

/** Filtered audit events in chain order, each with its evidence, and the chain's verification. */
export function AuditTimeline() {
  const { t } = useTranslation('audit');
  const route = useParams();
  const [query, setQuery] = useSearchParams();
  const filter = auditFilterOf(route, query);
  const problem = auditFilterProblem(filter);
  const timeline = useAuditTimeline(filter, !problem);
  const events = timeline.data?.pages.flatMap((page) => page.events) ?? [];
  const [draft, setDraft] = useState<Record<string, string>>(() =>
    Object.fromEntries(AUDIT_FILTER_FIELDS.map((f) => [f, INSTANT_FIELDS.has(f) ? localInputOf(query.get(f) ?? '') : (query.get(f) ?? '')])),
  );

  return (
    <main id="main" className="audit-timeline">
      <Typography variant="h1" sx={{ mb: 1.5 }}>
        {t('title')}
      </Typography>
      <ChainStatus />
      {(route.workItemId ?? route.id) ? (
        <Typography sx={{ mb: 2 }}>
          {route.workItemId ? t('scope.workItem', { id: route.workItemId }) : t('scope.businessObject', { type: route.type, id: route.id })} ·{' '}
          <Link component={RouterLink} to="/studio/audit">
            {t('scope.all')}
          </Link>
        </Typography>
      ) : (
        <Paper
          component="form"
          variant="outlined"
          aria-label={t('filtersLabel')}
          sx={{ p: 2, mb: 2, display: 'grid', gap: 1.5, gridTemplateColumns: { xs: 'minmax(0, 1fr)', sm: 'repeat(2, minmax(0, 1fr))', md: 'repeat(3, minmax(0, 1fr))' }, alignItems: 'center' }}
          onSubmit={(e) => {
            e.preventDefault();
            const next = new URLSearchParams();
            for (const f of AUDIT_FILTER_FIELDS) if (draft[f]) next.set(f, INSTANT_FIELDS.has(f) ? instantOf(draft[f]) : draft[f]);
            setQuery(next);
          }}
        >
          {AUDIT_FILTER_FIELDS.map((f) => (
            <TextField
              key={f}
              size="small"
              id={`audit-${f}`}
              label={t(`fields.${f}`)}
              type={INSTANT_FIELDS.has(f) ? 'datetime-local' : 'text'}
              value={draft[f] ?? ''}
              onChange={(e) => setDraft((d) => ({ ...d, [f]: e.target.value }))}
              slotProps={{ inputLabel: { shrink: true } }}
            />
          ))}
          <Box>
            <Button type="submit" variant="contained" startIcon={<SearchIcon aria-hidden />}>
              {t('show')}
            </Button>
          </Box>
        </Paper>
      )}
      {problem ? (
        <Alert severity="error" role="alert" sx={{ mb: 2 }}>
          {t(problem)}
        </Alert>
      ) : null}
      <QueryStatus of={timeline} loading={t('loading')} errorTitle={t('failed')} />
      {timeline.data && events.length === 0 ? <Alert severity="info">{t('empty')}</Alert> : null}
      {events.length > 0 && (
        <Box component="ol" className="timeline" aria-label={t('timelineLabel')} sx={{ listStyle: 'none', m: 0, p: 0, display: 'flex', flexDirection: 'column', gap: 1 }}>
          {events.map((e) => (
            <Paper component="li" variant="outlined" key={`${e.tenantId}-${e.sequence}`} className={`audit-event audit-${e.eventType}`} sx={{ p: 1.5, borderLeft: 4, borderLeftColor: 'primary.main', overflowWrap: 'anywhere' }}>
              <Stack direction="row" className="audit-head" sx={{ flexWrap: 'wrap', columnGap: 1, rowGap: 0.25, alignItems: 'baseline' }}>
                <Typography component="strong" sx={{ fontWeight: 700 }}>
                  {eventTitle(e.eventType)}
                </Typography>
                <Typography component="code" variant="caption" sx={{ fontFamily: 'monospace', color: 'text.secondary' }}>
                  {e.eventType}
                </Typography>
                <Typography variant="body2">{e.actor ? t('event.by', { actor: e.actor }) : t('event.system')}</Typography>
                <Typography variant="body2" component="time" dateTime={e.occurredAt} sx={{ color: 'text.secondary' }}>
                  {formatDate(e.occurredAt, { dateStyle: 'medium', timeStyle: 'medium' })}
                </Typography>
                <Typography variant="body2" sx={{ color: 'text.secondary' }}>
                  {t('event.sequence', { sequence: formatNumber(e.sequence) })}
                </Typography>
                {e.workItemId && !route.workItemId ? (
                  <Link component={RouterLink} variant="body2" to={`/studio/audit/work-items/${encodeURIComponent(e.workItemId)}`}>
                    {t('event.itemTimeline')}
                  </Link>
                ) : null}
                {e.businessObject && !route.id ? (
                  <Link component={RouterLink} variant="body2" to={`/studio/audit/business-objects/${encodeURIComponent(e.businessObject.type)}/${encodeURIComponent(e.businessObject.id)}`}>
                    {e.businessObject.type} {e.businessObject.id}
                  </Link>
                ) : null}
              </Stack>
              <Evidence event={e} />
            </Paper>
          ))}
        </Box>
      )}
      {timeline.hasNextPage ? (
        <Button variant="outlined" startIcon={<ExpandMoreIcon aria-hidden />} disabled={timeline.isFetchingNextPage} onClick={() => void timeline.fetchNextPage()} sx={{ mt: 1.5 }}>
          {t('loadMore', { ns: 'common' })}
        </Button>
      ) : null}
    </main>
  );
}
