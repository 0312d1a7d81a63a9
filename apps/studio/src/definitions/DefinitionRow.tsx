import { Box, Chip, Link as MuiLink, ListItem, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { headlineVersion, standingOf } from './definitionsHome.js';
import type { DefinitionSummary } from './governanceTypes.js';
import { RefLinks, versionPath } from './RefLinks.js';
import { STANDING_COLOUR, StatusBadge } from './StatusBadge.js';


/**
 * One definition on the home: its title (and id in small type), its current version, its other
 * versions with their standing, and what its headline version uses and is used by, as links.
 */
export function DefinitionRow({ summary, now, kindOf, matchedFacts }: { summary: DefinitionSummary; now: Date; kindOf: (id: string) => string | undefined; matchedFacts: readonly string[] }) {
  const { t } = useTranslation('definitions');
  const headline = headlineVersion(summary);
  const current = [...summary.currentVersions].sort((a, b) => b - a);
  const others = [...summary.versions].filter((v) => !summary.currentVersions.includes(v.version)).sort((a, b) => b.version - a.version);
  const base = `/studio/definitions/${encodeURIComponent(summary.kind)}/${encodeURIComponent(summary.id)}`;
  const versionChip = (v: DefinitionSummary['versions'][number]) => {
    const standing = standingOf(summary, v, now);
    return (
      <li key={v.version}>
        <Chip
          component={Link}
          to={versionPath(summary.kind, summary.id, v.version)}
          clickable
          size="small"
          color={STANDING_COLOUR[standing]}
          variant={standing === 'current' ? 'filled' : 'outlined'}
          label={`v${v.version} · ${t(`standing.${standing}`)}`}
        />
      </li>
    );
  };
  return (
    <ListItem className="definition-row" divider sx={{ display: 'grid', gridTemplateColumns: { xs: 'minmax(0,1fr)', md: 'minmax(0,2fr) minmax(0,1.6fr) minmax(0,2.2fr)' }, gap: { xs: 1, md: 2 }, alignItems: 'start', py: 1.5 }}>
      <Box sx={{ minWidth: 0 }}>
        <MuiLink component={Link} to={base} sx={{ fontWeight: 600, overflowWrap: 'anywhere' }}>
          {summary.title}
        </MuiLink>
        <Typography variant="caption" component="div" sx={{ fontFamily: 'monospace', color: 'text.secondary', overflowWrap: 'anywhere' }}>
          {summary.id}
        </Typography>
        {matchedFacts.length ? (
          <Typography variant="body2" component="div" sx={{ mt: 0.5 }}>
            {t('home.readsFacts', { facts: matchedFacts.join(', ') })}
          </Typography>
        ) : null}
      </Box>
      <Box sx={{ minWidth: 0 }}>
        <Stack direction="row" sx={{ alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
          {current.length ? (
            current.map((c) => (
              <Stack key={c} direction="row" sx={{ alignItems: 'center', gap: 0.75 }}>
                <MuiLink component={Link} to={versionPath(summary.kind, summary.id, c)} sx={{ fontWeight: 600 }} aria-label={t('home.versionLink', { id: summary.id, version: c })}>
                  v{c}
                </MuiLink>
                <StatusBadge standing="current" />
              </Stack>
            ))
          ) : (
            <Typography variant="body2" sx={{ color: 'text.secondary' }}>
              {t('home.noCurrent')}
            </Typography>
          )}
        </Stack>
        {others.length ? (
          <Box component="ul" aria-label={t('home.otherVersions')} sx={{ listStyle: 'none', m: 0, mt: 0.75, p: 0, display: 'flex', flexWrap: 'wrap', gap: 0.5 }}>
            {others.map(versionChip)}
          </Box>
        ) : null}
      </Box>
      <Box component="dl" sx={{ m: 0, minWidth: 0, display: 'grid', gridTemplateColumns: 'auto minmax(0,1fr)', columnGap: 1, rowGap: 0.5, alignItems: 'baseline' }}>
        <Typography component="dt" variant="body2" sx={{ color: 'text.secondary' }}>
          {headline ? t('home.versionUses', { version: headline.version }) : t('home.references')}
        </Typography>
        <Box component="dd" sx={{ m: 0, minWidth: 0 }}>
          <RefLinks refs={headline?.references ?? []} kindOf={kindOf} max={8} empty={t('home.nothing')} />
        </Box>
        <Typography component="dt" variant="body2" sx={{ color: 'text.secondary' }}>
          {headline ? t('home.versionUsedBy', { version: headline.version }) : t('home.referencedBy')}
        </Typography>
        <Box component="dd" sx={{ m: 0, minWidth: 0 }}>
          <RefLinks refs={headline?.referencedBy ?? []} kindOf={kindOf} max={4} empty={t('home.nothing')} {...(headline ? { moreTo: versionPath(summary.kind, summary.id, headline.version) } : {})} />
        </Box>
      </Box>
    </ListItem>
  );
}
