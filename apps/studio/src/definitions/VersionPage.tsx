import { Alert, Box, Breadcrumbs, Button, Link as MuiLink, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useDefinitionVersion } from '../data/definitionQueries.js';
import { formatDate } from '../i18n/i18n.js';
import { QueryStatus } from '../ui/QueryStatus.js';
import { DefinitionForm } from './DefinitionForm.js';
import { DraftEditor } from './DraftEditor.js';
import { isKind } from './kindForms.js';
import { MigrationPanel } from './MigrationDialog.js';
import { RetireDialog } from './RetireDialog.js';
import { ReviewPanel } from './ReviewPanel.js';
import { StatusBadge } from './StatusBadge.js';
import { useGovernance } from './useGovernance.js';
import { useVersionStandings } from './useVersionStandings.js';
import { VersionUsage } from './VersionUsage.js';

/**
 * One version: its standing in words (current, superseded, ...), where it is used, then the
 * draft editor (drafts, admins), the review (in review) or the read-only document; for admins
 * on a published version, retiring it and moving a task type's open items, each with its preview.
 */
export function VersionPage() {
  const { t } = useTranslation('definitions');
  const { kind = '', id = '', version: versionText = '' } = useParams();
  const version = Number(versionText);
  const { user, isAdmin } = useGovernance();
  const view = useDefinitionVersion(kind, id, version);
  const { references, standing } = useVersionStandings(kind, id);
  const [retiring, setRetiring] = useState(false);
  const [retired, setRetired] = useState(false);
  // Said on the page: once the items moved, the panel that moved them is gone (nothing is pinned here any more).
  const [moved, setMoved] = useState<string | undefined>();
  const v = view.data;
  const own = standing(v ?? { version, status: 'draft', effectiveFrom: null });
  const base = `/studio/definitions/${encodeURIComponent(kind)}/${encodeURIComponent(id)}`;
  const live = v && (v.status === 'published' || v.status === 'retired');
  // Moving items is for a version new items no longer get (superseded, retired) while items are pinned to it. Once
  // offered it stays until the page changes: the move empties the version, and the panel must live to report it.
  const pinnedHere = references.data?.versions.find((x) => x.version === version)?.openItems.count ?? 0;
  const [offered, setOffered] = useState<string | undefined>();
  const page = `${kind}/${id}/${version}`;
  const migratable = Boolean(v && isAdmin && kind === 'TaskType' && live && own !== 'current' && pinnedHere > 0);
  if (migratable && offered !== page) setOffered(page);
  const offerMigration = migratable || offered === page;
  return (
    <Box component="section" className="version-page" sx={{ minWidth: 0 }}>
      <Breadcrumbs aria-label={t('breadcrumb')} sx={{ mb: 1 }}>
        <MuiLink component={Link} to="/studio/definitions">
          {t('title')}
        </MuiLink>
        <MuiLink component={Link} to={base}>
          {id}
        </MuiLink>
        <Typography aria-current="page">v{versionText}</Typography>
      </Breadcrumbs>
      <Stack direction="row" sx={{ alignItems: 'center', gap: 1.5, flexWrap: 'wrap', mb: 1 }}>
        <Typography variant="h1" sx={{ overflowWrap: 'anywhere' }}>
          {id} v{versionText}
        </Typography>
        {v && own ? <StatusBadge standing={own} size="medium" /> : null}
      </Stack>
      {!isKind(kind) ? <Alert severity="error">{t('version.notAKind', { kind })}</Alert> : null}
      <QueryStatus of={view} loading={t('version.loading')} errorTitle={t('version.failed')} />
      {v && (
        <>
          <Typography className="version-meta" sx={{ color: 'text.secondary' }}>
            {[
              `${v.title} · ${t(`kind.${kind}`, { defaultValue: kind })}`,
              t('version.by', { author: v.author }),
              v.changeNote ?? '',
              v.publishedAt ? t('version.publishedAt', { date: formatDate(v.publishedAt) }) : '',
              v.effectiveFrom && v.effectiveFrom !== v.publishedAt ? t('version.effectiveFrom', { date: formatDate(v.effectiveFrom) }) : '',
            ]
              .filter(Boolean)
              .join(' · ')}
          </Typography>
          {own ? <Typography sx={{ mt: 0.5 }}>{t(`standingHelp.${own}`, { date: v.effectiveFrom ? formatDate(v.effectiveFrom) : '' })}</Typography> : null}
          <Stack direction="row" sx={{ gap: 2, flexWrap: 'wrap', mt: 1 }}>
            <MuiLink component={Link} to={base}>
              {t('version.allVersions')}
            </MuiLink>
            {v.version > 1 ? (
              <MuiLink component={Link} to={`/studio/diff/${encodeURIComponent(kind)}/${encodeURIComponent(id)}?from=${v.version - 1}&to=${v.version}`}>
                {t('version.diffWith', { version: v.version - 1 })}
              </MuiLink>
            ) : null}
          </Stack>
          {retired ? (
            <Alert severity="success" sx={{ mt: 2 }}>
              {t('retire.done', { version: v.version })}
            </Alert>
          ) : null}
          {moved ? (
            <Alert severity="success" sx={{ mt: 2 }}>
              {moved}
            </Alert>
          ) : null}
          {isAdmin && v.status === 'published' && references.data ? (
            <Box sx={{ mt: 2 }}>
              <Button variant="outlined" color="error" onClick={() => setRetiring(true)}>
                {t('retire.action', { version: v.version })}
              </Button>
              <RetireDialog open={retiring} onClose={() => setRetiring(false)} onRetired={() => setRetired(true)} references={references.data} version={v.version} />
            </Box>
          ) : null}
        </>
      )}
      {v && <VersionUsage query={references} version={version} />}
      {offerMigration && references.data ? <MigrationPanel references={references.data} version={version} onMoved={setMoved} /> : null}
      {v && isKind(kind) && v.status === 'draft' && isAdmin && <DraftEditor key={v.version} view={v} kind={kind} />}
      {v && isKind(kind) && v.status === 'in_review' && <ReviewPanel view={v} userId={user.id} isAdmin={isAdmin} />}
      {v && isKind(kind) && (v.status !== 'draft' || !isAdmin) && (
        // The generated form may be wider than a phone (its owner's to fix); it scrolls inside, the page does not.
        <Box component="details" className="document" open={v.status !== 'in_review'} sx={{ maxWidth: '100%', overflowX: 'auto', mt: 2 }}>
          <summary>{t('version.document')}</summary>
          <DefinitionForm kind={kind} content={v.content} readonly />
        </Box>
      )}
    </Box>
  );
}
