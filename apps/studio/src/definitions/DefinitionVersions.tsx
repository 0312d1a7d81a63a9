import { Box, Breadcrumbs, Button, Link as MuiLink, Paper, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useCreateDraft, useDefinitionVersions } from '../data/definitionQueries.js';
import { formatDate, formatNumber } from '../i18n/i18n.js';
import { ProblemMessage } from '../ui/ProblemMessage.js';
import { QueryStatus } from '../ui/QueryStatus.js';
import { StatusBadge } from './StatusBadge.js';
import { useGovernance } from './useGovernance.js';
import { useVersionStandings } from './useVersionStandings.js';

/** The versions of one definition, newest first, with their standing and pinned open items; a new draft from the latest. */
export function DefinitionVersions() {
  const { t } = useTranslation('definitions');
  const { kind = '', id = '' } = useParams();
  const { isAdmin } = useGovernance();
  const navigate = useNavigate();
  const versions = useDefinitionVersions(kind, id);
  const { references, standing } = useVersionStandings(kind, id);
  const createDraft = useCreateDraft(kind, id);
  const list = versions.data ?? [];
  const open = list.find((v) => v.status === 'draft' || v.status === 'in_review');
  const latest = list[list.length - 1];
  const published = list.filter((v) => v.status === 'published');
  const openItems = new Map(references.data?.versions.map((v) => [v.version, v.openItems]) ?? []);

  const newDraft = () => createDraft.mutate(latest ? { from: latest.version } : {}, { onSuccess: (draft) => void navigate(String(draft.version)) });
  const openStanding = open ? standing(open) : undefined;

  return (
    <Box component="section" className="definition-versions" sx={{ minWidth: 0 }}>
      <Breadcrumbs aria-label={t('breadcrumb')} sx={{ mb: 1 }}>
        <MuiLink component={Link} to="/studio/definitions">
          {t('title')}
        </MuiLink>
        <Typography aria-current="page">{t(`kind.${kind}`, { defaultValue: kind })}</Typography>
      </Breadcrumbs>
      <Typography variant="h1" sx={{ overflowWrap: 'anywhere', mb: 2 }}>
        {id}{' '}
        <Typography component="small" sx={{ color: 'text.secondary', fontSize: '1rem' }}>
          {t(`kind.${kind}`, { defaultValue: kind })}
        </Typography>
      </Typography>
      <QueryStatus of={[versions, references]} loading={t('versions.loading')} errorTitle={t('versions.failed')} />
      <Stack direction="row" sx={{ gap: 2, flexWrap: 'wrap', alignItems: 'center', mb: 2 }}>
        {isAdmin && !open && (
          <Button variant="contained" onClick={newDraft} disabled={createDraft.isPending || versions.isPending}>
            {latest ? t('versions.newDraft', { version: latest.version }) : t('versions.newEmptyDraft')}
          </Button>
        )}
        {open && openStanding && (
          <MuiLink component={Link} to={String(open.version)}>
            {t('versions.openVersion', { version: open.version, standing: t(`standing.${openStanding}`) })}
          </MuiLink>
        )}
        {published.length >= 2 && (
          <MuiLink component={Link} to={`/studio/diff/${encodeURIComponent(kind)}/${encodeURIComponent(id)}?from=${published[published.length - 2]!.version}&to=${published[published.length - 1]!.version}`}>
            {t('versions.diffLastTwo')}
          </MuiLink>
        )}
      </Stack>
      {createDraft.error ? <ProblemMessage error={createDraft.error} title={t('versions.draftFailed')} /> : null}
      {list.length > 0 && (
        <TableContainer component={Paper} variant="outlined">
          <Table size="small">
            <caption className="visually-hidden">{t('versions.caption', { id })}</caption>
            <TableHead>
              <TableRow>
                <TableCell scope="col">{t('versions.version')}</TableCell>
                <TableCell scope="col">{t('versions.status')}</TableCell>
                <TableCell scope="col">{t('versions.openItems')}</TableCell>
                <TableCell scope="col">{t('versions.author')}</TableCell>
                <TableCell scope="col">{t('versions.reviewer')}</TableCell>
                <TableCell scope="col">{t('versions.published')}</TableCell>
                <TableCell scope="col">{t('versions.changeNote')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {[...list].reverse().map((v) => {
                const s = standing(v);
                const items = openItems.get(v.version);
                return (
                  <TableRow key={v.version}>
                    <TableCell>
                      <MuiLink component={Link} to={String(v.version)}>
                        v{v.version}
                      </MuiLink>
                    </TableCell>
                    <TableCell>{s ? <StatusBadge standing={s} /> : null}</TableCell>
                    <TableCell>{items ? `${formatNumber(items.count)}${items.capped ? '+' : ''}` : ''}</TableCell>
                    <TableCell>{v.author}</TableCell>
                    <TableCell>{v.reviewer ?? ''}</TableCell>
                    <TableCell>{v.publishedAt ? formatDate(v.publishedAt) : ''}</TableCell>
                    <TableCell sx={{ overflowWrap: 'anywhere' }}>{v.changeNote ?? ''}</TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </Box>
  );
}
