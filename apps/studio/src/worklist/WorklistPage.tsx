import type { WorkItemCount } from '@mandate/client';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import { Alert, Box, Button, Link, Paper, Stack, Tab, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Tabs, TextField, Typography } from '@mui/material';
import type { Theme } from '@mui/material/styles';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useSearchParams } from 'react-router-dom';
import { useFilterChoices, useQueueCounts, useWorklist } from '../data/workItemQueries.js';
import { formatNumber } from '../i18n/i18n.js';
import { useSession } from '../session/SessionContext.js';
import { QueryStatus } from '../ui/QueryStatus.js';
import { useNow } from '../ui/useNow.js';
import { blockerOf, nextAction } from './nextAction.js';
import { PriorityBadge } from './PriorityBadge.js';
import { humanizeCode } from './priorityReasons.js';
import { HIGH_PRIORITY_MIN, QUEUES, queueFilter, searchFromView, viewFromSearch, type QueueFilters, type QueueId } from './queues.js';
import { formatAge } from './slaCountdown.js';
import { SlaBadge } from './SlaBadge.js';

const COLUMNS = ['task', 'businessObject', 'priority', 'sla', 'risk', 'owner', 'next', 'age', 'segment'] as const;

/** Below the `md` breakpoint each row is a card of labelled cells: no sideways scroll at 390 px. */
const stackedRows = (theme: Theme) => ({
  [theme.breakpoints.down('md')]: {
    '& thead': { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)' },
    '& table, & tbody, & tr, & td': { display: 'block', width: '100%' },
    '& tbody tr': { borderBottom: `2px solid ${theme.palette.divider}`, py: 0.5 },
    '& td': { border: 0, py: 0.5, px: 1.5 },
    '& td::before': { content: 'attr(data-label)', display: 'block', typography: 'caption', fontWeight: 600, color: 'text.secondary' },
  },
});

/** A queue tab's number: exact, or "999+" when more match; read out as words. */
function TabCount({ count }: { count: WorkItemCount }) {
  const { t } = useTranslation('worklist');
  return (
    <Box component="span" sx={{ ml: 0.75, px: 0.75, borderRadius: 999, bgcolor: 'action.selected', typography: 'caption', fontWeight: 600, color: 'text.primary' }}>
      <span aria-hidden>{count.capped ? `${formatNumber(count.count)}+` : formatNumber(count.count)}</span>
      <span className="visually-hidden">{count.capped ? t('countCapped', { count: count.count }) : t('count', { count: count.count })}</span>
    </Box>
  );
}

/** The case worker's queues, each row with what a decision needs at a glance: title, business object, priority and its reasons, due time, state. */
export function WorklistPage() {
  const { t } = useTranslation('worklist');
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
  const label = (id: QueueId) => t(`queues.${id}.label`);
  const description = t(`queues.${queue}.description`, { min: HIGH_PRIORITY_MIN });

  return (
    <main id="main" className="worklist">
      <Typography variant="h1" sx={{ mb: 1.5 }}>
        {t('title')}
      </Typography>
      <Box component="nav" aria-label={t('queuesLabel')} sx={{ borderBottom: 1, borderColor: 'divider', mb: 2 }}>
        <Tabs value={queue} variant="scrollable" scrollButtons="auto" allowScrollButtonsMobile aria-label={t('queuesLabel')}>
          {QUEUES.map((q) => (
            <Tab
              key={q.id}
              value={q.id}
              component={RouterLink}
              to={`?${searchFromView(q.id, filters).toString()}`}
              aria-current={q.id === queue ? 'page' : undefined}
              label={
                <span>
                  {label(q.id)}
                  {counts.data?.[q.id] !== undefined && <TabCount count={counts.data[q.id]} />}
                </span>
              }
              sx={{ minHeight: 44 }}
            />
          ))}
        </Tabs>
      </Box>
      <Stack component="form" direction="row" aria-label={t('filters.label')} onSubmit={(e) => e.preventDefault()} sx={{ flexWrap: 'wrap', gap: 1.5, mb: 1.5, '& > *': { flex: { xs: '1 1 100%', sm: '0 1 14rem' } } }}>
        <TextField
          select
          size="small"
          id="filter-task-type"
          label={t('filters.taskType')}
          value={filters.taskType ?? ''}
          onChange={(e) => setView(queue, { ...filters, taskType: e.target.value || undefined })}
          slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
        >
          <option value="">{t('filters.any')}</option>
          {known.taskTypes.map((type) => (
            <option key={type} value={type}>
              {humanizeCode(type)}
            </option>
          ))}
        </TextField>
        <TextField
          select
          size="small"
          id="filter-group"
          label={t('filters.group')}
          value={filters.candidateGroup ?? ''}
          onChange={(e) => setView(queue, { ...filters, candidateGroup: e.target.value || undefined })}
          slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
        >
          <option value="">{t('filters.any')}</option>
          {known.groups.map((g) => (
            <option key={g} value={g}>
              {g}
            </option>
          ))}
        </TextField>
        <TextField
          size="small"
          id="filter-business-object"
          type="search"
          label={t('filters.businessObject')}
          defaultValue={filters.businessObjectId ?? ''}
          placeholder={t('filters.businessObjectHint')}
          slotProps={{ inputLabel: { shrink: true } }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') setView(queue, { ...filters, businessObjectId: (e.target as HTMLInputElement).value || undefined });
          }}
          onBlur={(e) => {
            if ((e.target.value || undefined) !== filters.businessObjectId) setView(queue, { ...filters, businessObjectId: e.target.value || undefined });
          }}
        />
        {/* The header names the tenant too; on a phone the queue comes first. */}
        <Box sx={{ alignSelf: 'center', display: { xs: 'none', sm: 'block' } }}>
          <Typography variant="caption" component="div" sx={{ fontWeight: 600, color: 'text.secondary' }}>
            {t('filters.tenant')}
          </Typography>
          <Typography variant="body2">
            {user.tenant}
            {user.region ? ` (${user.region})` : ''}
          </Typography>
        </Box>
      </Stack>
      <Typography aria-live="polite" sx={{ color: 'text.secondary', mb: 1 }}>
        {items ? (more ? t('summaryMore', { description, count: items.length }) : t('summary', { description, count: items.length })) : description}
      </Typography>
      <QueryStatus of={[worklist, counts]} loading={t('loading')} errorTitle={t('failed')} />
      {items && items.length === 0 && (
        <Alert severity="info" className="empty">
          {t('empty')}
        </Alert>
      )}
      {items && items.length > 0 && (
        <TableContainer component={Paper} variant="outlined" sx={stackedRows}>
          <Table size="small" className="worklist-table" sx={{ '& td': { verticalAlign: 'top', overflowWrap: 'break-word' } }}>
            <caption className="visually-hidden">{t('caption', { queue: label(queue) })}</caption>
            <TableHead>
              <TableRow>
                {COLUMNS.map((c) => (
                  <TableCell key={c} scope="col" sx={{ typography: 'caption', fontWeight: 700, textTransform: 'uppercase', color: 'text.secondary', whiteSpace: 'nowrap' }}>
                    {t(`columns.${c}`)}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {items.map((item) => {
                const blocker = blockerOf(item, t);
                const cell = (column: (typeof COLUMNS)[number]) => ({ 'data-label': t(`columns.${column}`) });
                return (
                  <TableRow key={item.id} data-item-id={item.id} hover>
                    <TableCell {...cell('task')} sx={{ minWidth: { md: '12rem' } }}>
                      <Link component={RouterLink} to={`/studio/items/${encodeURIComponent(item.id)}`} className="item-link" sx={{ fontWeight: 600 }}>
                        {humanizeCode(item.taskType)}
                      </Link>
                      <Typography variant="body2" sx={{ color: 'text.secondary' }}>
                        {item.title}
                      </Typography>
                      {blocker && (
                        <Typography variant="body2" className="blocker" sx={{ color: 'warning.main', fontWeight: 600 }}>
                          {/^[A-Z0-9_]+$/.test(blocker) ? humanizeCode(blocker) : blocker}
                        </Typography>
                      )}
                    </TableCell>
                    <TableCell {...cell('businessObject')}>
                      {item.businessObject.type}{' '}
                      <Box component="span" sx={{ whiteSpace: 'nowrap' }}>
                        {item.businessObject.id}
                      </Box>
                      {item.businessObject.revision !== undefined && (
                        <Box component="span" sx={{ color: 'text.secondary' }}>
                          {' '}
                          {t('revision', { revision: item.businessObject.revision })}
                        </Box>
                      )}
                    </TableCell>
                    <TableCell {...cell('priority')} sx={{ minWidth: { md: '11rem' } }}>
                      <PriorityBadge priority={item.priority} reasons={item.priorityReasons} compact />
                    </TableCell>
                    <TableCell {...cell('sla')}>
                      <SlaBadge item={item} now={now} />
                    </TableCell>
                    <TableCell {...cell('risk')}>{item.riskClass ? humanizeCode(item.riskClass) : '—'}</TableCell>
                    <TableCell {...cell('owner')}>
                      {item.assignee ?? <Box component="span" sx={{ color: 'text.secondary' }}>{t('unclaimed')}</Box>}
                      <Typography variant="body2" sx={{ color: 'text.secondary' }}>
                        {item.candidateGroups.join(', ')}
                      </Typography>
                    </TableCell>
                    <TableCell {...cell('next')}>{nextAction(item, user.id, t)}</TableCell>
                    <TableCell {...cell('age')} sx={{ whiteSpace: 'nowrap' }}>
                      {formatAge(item.createdAt, now)}
                    </TableCell>
                    <TableCell {...cell('segment')}>
                      <Typography variant="body2" sx={{ color: 'text.secondary' }}>
                        {/* The tenant is the signed-in user's (the header names it): the segment is where in it. */}
                        {[item.region, item.productFamily].filter(Boolean).join(' · ') || item.tenantId}
                      </Typography>
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      {more && (
        <Button variant="outlined" startIcon={<ExpandMoreIcon aria-hidden />} disabled={worklist.isFetchingNextPage} onClick={() => void worklist.fetchNextPage()} sx={{ mt: 1.5 }}>
          {t('loadMore', { ns: 'common' })}
        </Button>
      )}
    </main>
  );
}
