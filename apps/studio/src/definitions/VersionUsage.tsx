import { Box, Chip, Link as MuiLink, Paper, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { QueryStatus, type QueryLike } from '../ui/QueryStatus.js';
import { standingOf } from './definitionsHome.js';
import type { DefinitionLink, DefinitionReferences } from './governanceTypes.js';
import { versionPath } from './RefLinks.js';
import { StatusBadge } from './StatusBadge.js';

/** A referenced or referring version as a link with its kind and standing. */
function LinkRow({ link }: { link: DefinitionLink }) {
  const { t } = useTranslation('definitions');
  const standing = link.status ? standingOf({ currentVersions: link.current ? [link.version] : [] }, { version: link.version, status: link.status, effectiveFrom: null }, new Date()) : undefined;
  return (
    <Stack component="li" direction="row" sx={{ alignItems: 'center', gap: 1, flexWrap: 'wrap', py: 0.5 }}>
      {link.status ? (
        <MuiLink component={Link} to={versionPath(link.kind, link.id, link.version)} sx={{ fontFamily: 'monospace', overflowWrap: 'anywhere' }}>
          {link.id} v{link.version}
        </MuiLink>
      ) : (
        <Typography component="span" sx={{ fontFamily: 'monospace' }}>
          {link.id} v{link.version}
        </Typography>
      )}
      <Typography component="span" variant="body2" sx={{ color: 'text.secondary' }}>
        {t(`kind.${link.kind}`, { defaultValue: link.kind })}
      </Typography>
      {/* A superseded referrer is still a referrer; "current" here means new items get that version. */}
      {standing && standing !== 'superseded' && standing !== 'notInUse' ? <StatusBadge standing={standing} /> : null}
      {!link.status ? <Chip component="span" size="small" label={t('usage.notReadable')} /> : null}
    </Stack>
  );
}

/** Where a version is used: what it references, which versions reference it, and the open items pinned to it. */
export function VersionUsage({ query, version }: { query: QueryLike & { data?: DefinitionReferences }; version: number }) {
  const { t } = useTranslation('definitions');
  const entry = query.data?.versions.find((v) => v.version === version);
  return (
    <Paper variant="outlined" component="section" aria-labelledby="usage-heading" sx={{ p: 2, my: 2 }}>
      <Typography variant="h2" id="usage-heading" sx={{ mb: 1 }}>
        {t('usage.heading')}
      </Typography>
      <QueryStatus of={query} loading={t('usage.loading')} errorTitle={t('usage.failed')} />
      {entry ? (
        <>
          <Typography sx={{ mb: 1 }}>
            {entry.openItems.count === 0
              ? t('usage.noOpenItems')
              : t(entry.openItems.capped ? 'usage.openItemsCapped' : 'usage.openItems', { count: entry.openItems.count })}
          </Typography>
          <Box sx={{ display: 'grid', gridTemplateColumns: { xs: 'minmax(0,1fr)', md: 'minmax(0,1fr) minmax(0,1fr)' }, gap: 2 }}>
            <Box>
              <Typography variant="h3">{t('usage.references')}</Typography>
              {entry.references.length ? (
                <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0 }}>
                  {entry.references.map((l) => (
                    <LinkRow key={l.ref} link={l} />
                  ))}
                </Box>
              ) : (
                <Typography variant="body2">{t('usage.noReferences')}</Typography>
              )}
            </Box>
            <Box>
              <Typography variant="h3">{t('usage.referencedBy')}</Typography>
              {entry.referencedBy.length ? (
                <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0 }}>
                  {entry.referencedBy.map((l) => (
                    <LinkRow key={l.ref} link={l} />
                  ))}
                </Box>
              ) : (
                <Typography variant="body2">{t('usage.noReferrers')}</Typography>
              )}
            </Box>
          </Box>
        </>
      ) : null}
    </Paper>
  );
}
