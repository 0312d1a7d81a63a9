import { Alert, Box, Button, Link as MuiLink, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation('definitions');
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
    <Box component="section" className="review-panel" aria-label={t('review.label')} sx={{ my: 2 }}>
      <Typography variant="h2" sx={{ mb: 1 }}>
        {base !== undefined ? t('review.changesFrom', { version: base }) : t('review.changes')}
      </Typography>
      <QueryStatus of={[versions, diff]} loading={t('review.loadingDiff')} errorTitle={t('review.diffFailed')} />
      {diff.data && <DiffView diff={diff.data} />}
      {base !== undefined && (
        <Typography sx={{ my: 1 }}>
          <MuiLink component={Link} to={`/studio/diff/${encodeURIComponent(view.kind)}/${encodeURIComponent(view.id)}?from=${base}&to=${view.version}`}>
            {t('review.openDiff')}
          </MuiLink>
        </Typography>
      )}
      {approved ? (
        <Alert severity="success" className="review-comment" role="note" sx={{ my: 1 }}>
          {view.reviewComment ? t('review.approvedByWithComment', { reviewer: view.reviewer, comment: view.reviewComment }) : t('review.approvedBy', { reviewer: view.reviewer })}
        </Alert>
      ) : null}
      <Typography className="contributors">{t('review.contributors', { names: contributors.join(', ') })}</Typography>
      {isAdmin && isAuthor && !approved ? (
        <Alert severity="info" role="note" sx={{ my: 1 }}>
          {t('review.youWrote')}
        </Alert>
      ) : null}
      {isAdmin && !isAuthor && isContributor && !approved ? (
        <Alert severity="info" role="note" sx={{ my: 1 }}>
          {t('review.youEdited')}
        </Alert>
      ) : null}
      {isAdmin && (
        <Stack className="review-actions" direction="row" sx={{ flexWrap: 'wrap', gap: 1.5, alignItems: 'flex-end', my: 2 }}>
          {!isAuthor && <TextField label={t('review.comment')} value={comment} onChange={(e) => setComment(e.target.value)} multiline minRows={3} required fullWidth />}
          {!isContributor && !approved && (
            <Button variant="contained" disabled={busy || !comment.trim()} onClick={() => act(() => approve.mutate({ comment: comment.trim(), contentHash: view.contentHash }))}>
              {t('review.approve')}
            </Button>
          )}
          {!isAuthor && (
            <Button variant="outlined" disabled={busy || !comment.trim()} onClick={() => act(() => reject.mutate({ comment: comment.trim() }))}>
              {t('review.reject')}
            </Button>
          )}
          {approved && (
            <Stack direction={{ xs: 'column', sm: 'row' }} sx={{ gap: 1.5, alignItems: { sm: 'center' } }}>
              <TextField
                type="datetime-local"
                size="small"
                label={t('review.effectiveFrom')}
                value={effectiveFrom}
                onChange={(e) => setEffectiveFrom(e.target.value)}
                slotProps={{ inputLabel: { shrink: true } }}
              />
              <Button variant="contained" disabled={busy} onClick={() => act(() => publish.mutate(effectiveFrom ? { effectiveFrom: new Date(effectiveFrom).toISOString() } : {}))}>
                {t('review.publish', { version: view.version })}
              </Button>
            </Stack>
          )}
        </Stack>
      )}
      {error ? <ProblemMessage error={error} title={t('review.failed')} /> : null}
      <ImpactPanel kind={view.kind} id={view.id} version={view.version} />
    </Box>
  );
}
