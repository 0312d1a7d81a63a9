import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, Link as MuiLink, MenuItem, Paper, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useMigrateWorkItems, useMigrationPreview } from '../data/definitionQueries.js';
import { formatDate, formatNumber } from '../i18n/i18n.js';
import { ProblemMessage } from '../ui/ProblemMessage.js';
import { QueryStatus } from '../ui/QueryStatus.js';
import type { DefinitionReferences, MigrationResult } from './governanceTypes.js';

const when = (iso: string | null) => (iso ? formatDate(iso) : '—');

/** What a dry run says would change for each item, and what blocks it. */
function PreviewTable({ result }: { result: MigrationResult }) {
  const { t } = useTranslation('definitions');
  return (
    <TableContainer component={Paper} variant="outlined" sx={{ my: 1 }}>
      <Table size="small">
        <caption className="visually-hidden">{t('migrate.heading')}</caption>
        <TableHead>
          <TableRow>
            <TableCell scope="col">{t('migrate.item')}</TableCell>
            <TableCell scope="col">{t('migrate.priority')}</TableCell>
            <TableCell scope="col">{t('migrate.due')}</TableCell>
            <TableCell scope="col">{t('migrate.changes')}</TableCell>
            <TableCell scope="col">{t('migrate.blockers')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {result.items.map((i) => (
            <TableRow key={i.workItemId} selected={i.blockers.length > 0}>
              <TableCell>
                <MuiLink component={Link} to={`/studio/items/${encodeURIComponent(i.workItemId)}`} sx={{ fontFamily: 'monospace' }}>
                  {i.workItemId.slice(0, 8)}
                </MuiLink>
              </TableCell>
              <TableCell>
                {i.priority.from === i.priority.to ? formatNumber(i.priority.to) : `${formatNumber(i.priority.from)} → ${formatNumber(i.priority.to)}`}
              </TableCell>
              <TableCell>
                {i.dueAt.from === i.dueAt.to ? when(i.dueAt.to) : `${when(i.dueAt.from)} → ${when(i.dueAt.to)}`}
              </TableCell>
              <TableCell sx={{ fontFamily: 'monospace', overflowWrap: 'anywhere' }}>{i.pinnedDefinitions.changed.map((ref) => ref.replace(/@(\d+)$/, ' v$1')).join(', ') || t('migrate.none')}</TableCell>
              <TableCell>{i.blockers.length ? i.blockers.map((b) => <div key={b.code}>{b.message}</div>) : t('migrate.none')}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

/**
 * Moving a task type's open items from this version to another: a target, a preview (the
 * server's dry run: per item what changes, what blocks it), then the move of the items nothing
 * blocks. The dialog names the consequence before the confirmation.
 */
export function MigrationPanel({ references, version, onMoved }: { references: DefinitionReferences; version: number; onMoved: (message: string) => void }) {
  const { t } = useTranslation('definitions');
  // Items move only to a published version in effect (the server refuses others: MIGRATION_TARGET_NOT_IN_EFFECT).
  const now = Date.now();
  const targets = references.versions.filter((v) => v.version !== version && v.status === 'published' && (!v.effectiveFrom || Date.parse(v.effectiveFrom) <= now)).sort((a, b) => Number(b.current) - Number(a.current) || b.version - a.version);
  const [target, setTarget] = useState<number | undefined>(targets[0]?.version);
  const [open, setOpen] = useState(false);
  const to = target ?? 0;
  const preview = useMigrationPreview(references.id, version, to, open && target !== undefined);
  const migrate = useMigrateWorkItems(references.id);
  const result = preview.data;
  const movable = result?.items.filter((i) => i.blockers.length === 0) ?? [];
  const blocked = result?.items.filter((i) => i.blockers.length > 0) ?? [];
  const close = () => {
    migrate.reset();
    setOpen(false);
  };
  return (
    <Paper variant="outlined" component="section" aria-labelledby="migrate-heading" sx={{ p: 2, my: 2 }}>
      <Typography variant="h2" id="migrate-heading" sx={{ mb: 1 }}>
        {t('migrate.heading')}
      </Typography>
      <Typography sx={{ mb: 2 }}>{t('migrate.intro')}</Typography>
      {targets.length === 0 ? (
        <Typography>{t('migrate.noTarget')}</Typography>
      ) : (
        <Stack direction={{ xs: 'column', sm: 'row' }} sx={{ gap: 2, alignItems: { sm: 'center' } }}>
          <TextField select size="small" label={t('migrate.target')} value={to} onChange={(e) => setTarget(Number(e.target.value))} sx={{ minWidth: 220 }}>
            {targets.map((v) => (
              <MenuItem key={v.version} value={v.version}>
                v{v.version}
                {v.current ? ` · ${t('standing.current')}` : ''}
              </MenuItem>
            ))}
          </TextField>
          <Button variant="outlined" onClick={() => setOpen(true)}>
            {t('migrate.preview')}
          </Button>
        </Stack>
      )}
      <Dialog open={open} onClose={close} aria-labelledby="migrate-title" fullWidth maxWidth="md">
        <DialogTitle id="migrate-title">{t('migrate.title', { id: references.id, from: version, to })}</DialogTitle>
        <DialogContent>
          <QueryStatus of={preview} loading={t('migrate.loading')} errorTitle={t('migrate.failed')} />
          {result ? (
            <>
              {result.items.length === 0 ? <Typography>{t('migrate.noItems', { from: version })}</Typography> : <Typography sx={{ mb: 1 }}>{t('migrate.summary', { count: movable.length })}</Typography>}
              {result.decisionOptions.added.length ? <Typography variant="body2">{t('migrate.optionsAdded', { codes: result.decisionOptions.added.join(', ') })}</Typography> : null}
              {result.decisionOptions.removed.length ? <Typography variant="body2">{t('migrate.optionsRemoved', { codes: result.decisionOptions.removed.join(', ') })}</Typography> : null}
              {blocked.length ? (
                <Alert severity="warning" sx={{ my: 1 }}>
                  {t('migrate.blockedCount', { count: blocked.length, from: version })}
                </Alert>
              ) : null}
              {result.truncated ? <Alert severity="info">{t('migrate.truncated', { from: version })}</Alert> : null}
              {result.items.length ? <PreviewTable result={result} /> : null}
              {movable.length ? (
                <Box sx={{ mt: 1 }}>
                  <Typography sx={{ fontWeight: 600 }}>{t('migrate.consequence', { to })}</Typography>
                </Box>
              ) : null}
            </>
          ) : null}
          {migrate.error ? <ProblemMessage error={migrate.error} title={t('migrate.applyFailed')} /> : null}
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>{t('migrate.cancel')}</Button>
          <Button
            variant="contained"
            disabled={!movable.length || migrate.isPending || preview.isFetching}
            onClick={() =>
              migrate.mutate(
                { fromVersion: version, toVersion: to, ...(blocked.length ? { workItemIds: movable.map((i) => i.workItemId) } : {}) },
                {
                  onSuccess: (applied) => {
                    onMoved(t('migrate.done', { count: applied.items.length, to }));
                    close();
                  },
                },
              )
            }
          >
            {t('migrate.confirm', { count: movable.length, to })}
          </Button>
        </DialogActions>
      </Dialog>
    </Paper>
  );
}
