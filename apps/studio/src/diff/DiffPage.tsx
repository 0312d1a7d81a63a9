import { Box, Breadcrumbs, Link, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useParams, useSearchParams } from 'react-router-dom';
import { useDefinitionDiff, useDefinitionVersion, useDefinitionVersions } from '../data/definitionQueries.js';
import { humanizeCode } from '../worklist/priorityReasons.js';
import { QueryStatus } from '../ui/QueryStatus.js';
import { DiffView } from './DiffView.js';
import { SideBySide } from './SideBySide.js';

/** The diff of `?from=` and `?to=` of one definition; changing a version changes the URL. */
export function DiffPage() {
  const { t } = useTranslation('diff');
  const { kind = '', id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const versions = useDefinitionVersions(kind, id);
  const list = versions.data ?? [];
  const last = list[list.length - 1]?.version;
  const from = Number(params.get('from') ?? (last !== undefined ? last - 1 : NaN));
  const to = Number(params.get('to') ?? last);
  const ready = Number.isInteger(from) && Number.isInteger(to) && from > 0 && to > 0;
  const diff = useDefinitionDiff(kind, id, from, to, ready);
  const view = params.get('view') === 'json' ? 'json' : 'patch';
  const before = useDefinitionVersion(kind, id, from, ready && view === 'json');
  const after = useDefinitionVersion(kind, id, to, ready && view === 'json');
  const set = (name: string, value: string) =>
    setParams((p) => {
      p.set(name, value);
      return p;
    });
  const picker = (name: 'from' | 'to', value: number) => (
    <TextField
      select
      size="small"
      id={`diff-${name}`}
      label={t(`page.${name}`)}
      value={Number.isInteger(value) ? value : ''}
      onChange={(e) => set(name, e.target.value)}
      slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
    >
      {list.map((v) => (
        <option key={v.version} value={v.version}>
          {t('page.version', { version: v.version, status: humanizeCode(v.status).toLowerCase() })}
        </option>
      ))}
    </TextField>
  );
  return (
    <main id="main" className="diff-page">
      <Breadcrumbs aria-label={t('page.breadcrumb')} sx={{ mb: 1, '& ol': { flexWrap: 'wrap' }, overflowWrap: 'anywhere' }}>
        <Link component={RouterLink} to="/studio/diff">
          {t('page.area')}
        </Link>
        <Typography component="span" sx={{ color: 'text.secondary' }}>
          {kind}
        </Typography>
        <Link component={RouterLink} to={`/studio/definitions/${encodeURIComponent(kind)}/${encodeURIComponent(id)}`}>
          {id}
        </Link>
      </Breadcrumbs>
      <Typography variant="h1" sx={{ mb: 2, overflowWrap: 'anywhere' }}>
        {t('page.title', { id, from: params.get('from') ?? '?', to: params.get('to') ?? '?' })}
      </Typography>
      <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 1.5, mb: 2, '& > *': { flex: { xs: '1 1 100%', sm: '0 1 14rem' } } }}>
        {picker('from', from)}
        {picker('to', to)}
        <TextField
          select
          size="small"
          id="diff-view"
          label={t('page.beside')}
          value={view}
          onChange={(e) => set('view', e.target.value)}
          slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
        >
          <option value="patch">{t('page.patch')}</option>
          <option value="json">{t('page.documents')}</option>
        </TextField>
      </Stack>
      <QueryStatus of={[versions, diff]} loading={t('page.loading')} errorTitle={t('page.failed')} />
      {diff.data && <DiffView diff={diff.data} headingLevel={2} />}
      {view === 'json' && <QueryStatus of={[before, after]} loading={t('page.documentsLoading')} errorTitle={t('page.documentsFailed')} />}
      {view === 'json' && before.data && after.data && (
        <Box>
          <SideBySide before={before.data.content} after={after.data.content} fromLabel={`v${from}`} toLabel={`v${to}`} />
        </Box>
      )}
    </main>
  );
}
