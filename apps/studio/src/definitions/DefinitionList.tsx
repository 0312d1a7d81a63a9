import SearchIcon from '@mui/icons-material/Search';
import { Box, Chip, InputAdornment, List, MenuItem, Paper, Stack, Tab, Tabs, TextField, Typography } from '@mui/material';
import { DEFINITION_KINDS } from '@mandate/definitions';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useDefinitionList, useDefinitionVersionViews } from '../data/definitionQueries.js';
import { QueryStatus } from '../ui/QueryStatus.js';
import { DefinitionRow } from './DefinitionRow.js';
import { groupByKind, kindsById, openVersionRefs, reviewInbox, searchMatch } from './definitionsHome.js';
import type { VersionView } from './governanceTypes.js';
import { ReviewInbox } from './ReviewInbox.js';
import { NewDefinitionButton } from './NewDefinitionDialog.js';
import { useGovernance } from './useGovernance.js';

type View = 'all' | 'review' | 'drafts';

/**
 * The definitions home: every definition the user may read, grouped by kind, each with its
 * current version, its other versions and what it uses and is used by; a search by id, title and
 * the facts its rules read; for governance admins the inbox (awaiting my review, my drafts).
 * View, kind and search live in the URL, so a view can be shared.
 */
export function DefinitionList() {
  const { t } = useTranslation('definitions');
  const { user, isAdmin } = useGovernance();
  const [params, setParams] = useSearchParams();
  const set = (name: string, value: string) =>
    setParams(
      (p) => {
        if (value) p.set(name, value);
        else p.delete(name);
        return p;
      },
      { replace: true },
    );
  const view: View = isAdmin && (params.get('view') === 'review' || params.get('view') === 'drafts') ? (params.get('view') as View) : 'all';
  const kind = params.get('kind') ?? '';
  const query = params.get('q') ?? '';
  const list = useDefinitionList();
  const definitions = useMemo(() => list.data ?? [], [list.data]);
  const kinds = useMemo(() => kindsById(definitions), [definitions]);
  // "Scheduled" is judged at the instant the list was read.
  const now = new Date(list.dataUpdatedAt || Date.now());

  // The inbox reads each open version's author and contributors (few: drafts and reviews).
  const openViews = useDefinitionVersionViews(isAdmin ? openVersionRefs(definitions) : []);
  const loaded = openViews.map((q) => q.data).filter((v): v is VersionView => v !== undefined);
  const inbox = reviewInbox(loaded, user.id);

  const shown = definitions
    .filter((d) => !kind || d.kind === kind)
    .map((d) => ({ summary: d, match: searchMatch(d, query) }))
    .filter((x): x is { summary: typeof x.summary; match: NonNullable<typeof x.match> } => x.match !== undefined);
  const groups = groupByKind(shown.map((x) => x.summary));
  const factsOf = new Map(shown.map((x) => [`${x.summary.kind}/${x.summary.id}`, x.match.facts]));

  const tabLabel = (label: string, count?: number) => (
    <Stack direction="row" sx={{ alignItems: 'center', gap: 1 }}>
      <span>{label}</span>
      {count !== undefined ? <Chip component="span" size="small" label={count} color={count ? 'primary' : 'default'} /> : null}
    </Stack>
  );

  return (
    <Box component="section" className="definitions-list" sx={{ minWidth: 0 }}>
      <Stack direction="row" sx={{ mb: 2, gap: 2, alignItems: 'center', justifyContent: 'space-between', flexWrap: 'wrap' }}>
        <Typography variant="h1" sx={{ m: 0 }}>
          {t('title')}
        </Typography>
        {isAdmin ? <NewDefinitionButton /> : null}
      </Stack>
      {isAdmin ? (
        <Tabs value={view} onChange={(_e, v: View) => set('view', v === 'all' ? '' : v)} aria-label={t('home.tabs')} variant="scrollable" allowScrollButtonsMobile sx={{ mb: 2, borderBottom: 1, borderColor: 'divider' }}>
          <Tab value="all" id="tab-all" aria-controls="panel-all" label={tabLabel(t('home.all'))} />
          <Tab value="review" id="tab-review" aria-controls="panel-review" label={tabLabel(t('home.awaitingReview'), inbox.awaitingMyReview.length)} />
          <Tab value="drafts" id="tab-drafts" aria-controls="panel-drafts" label={tabLabel(t('home.myDrafts'), inbox.myDrafts.length)} />
        </Tabs>
      ) : null}
      <QueryStatus of={list} loading={t('home.loading')} errorTitle={t('home.failed')} />

      {view === 'all' ? (
        <Box role={isAdmin ? 'tabpanel' : undefined} id="panel-all" aria-labelledby={isAdmin ? 'tab-all' : undefined}>
          <Stack direction={{ xs: 'column', sm: 'row' }} sx={{ gap: 2, mb: 2 }}>
            <TextField
              type="search"
              size="small"
              label={t('home.search')}
              helperText={t('home.searchHelp')}
              value={query}
              onChange={(e) => set('q', e.target.value)}
              sx={{ flex: 1, maxWidth: { sm: 480 } }}
              slotProps={{ input: { startAdornment: <InputAdornment position="start"><SearchIcon fontSize="small" aria-hidden /></InputAdornment> } }}
            />
            <TextField
              select
              size="small"
              label={t('home.kindFilter')}
              value={kind}
              onChange={(e) => set('kind', e.target.value)}
              sx={{ minWidth: 220 }}
              slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
            >
              <MenuItem value="">{t('home.allKinds')}</MenuItem>
              {DEFINITION_KINDS.map((k) => (
                <MenuItem key={k} value={k}>
                  {t(`kinds.${k}`)}
                </MenuItem>
              ))}
            </TextField>
          </Stack>
          {groups.map((g) => (
            <Box component="section" key={g.kind} aria-labelledby={`kind-${g.kind}`} sx={{ mb: 3 }}>
              <Stack direction="row" sx={{ alignItems: 'baseline', gap: 1, mb: 1 }}>
                <Typography variant="h2" id={`kind-${g.kind}`}>
                  {t(`kinds.${g.kind}`, { defaultValue: g.kind })}
                </Typography>
                <Typography variant="body2" sx={{ color: 'text.secondary' }}>
                  {t('home.count', { count: g.definitions.length })}
                </Typography>
              </Stack>
              <Paper variant="outlined">
                <List disablePadding aria-labelledby={`kind-${g.kind}`}>
                  {g.definitions.map((d) => (
                    <DefinitionRow key={d.id} summary={d} now={now} kindOf={(id) => kinds.get(id)} matchedFacts={factsOf.get(`${d.kind}/${d.id}`) ?? []} />
                  ))}
                </List>
              </Paper>
            </Box>
          ))}
          {list.data && shown.length === 0 ? <Typography role="status">{t('home.none', { query })}</Typography> : null}
        </Box>
      ) : (
        <Box role="tabpanel" id={`panel-${view}`} aria-labelledby={`tab-${view}`}>
          <Typography sx={{ color: 'text.secondary' }}>{t(view === 'review' ? 'inbox.awaitingIntro' : 'inbox.draftsIntro')}</Typography>
          <QueryStatus of={openViews} loading={t('inbox.loading')} errorTitle={t('inbox.failed')} />
          <ReviewInbox versions={view === 'review' ? inbox.awaitingMyReview : inbox.myDrafts} mode={view === 'review' ? 'review' : 'drafts'} caption={t(view === 'review' ? 'home.awaitingReview' : 'home.myDrafts')} />
        </Box>
      )}
    </Box>
  );
}
