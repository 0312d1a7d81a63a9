import { Box, Chip, Link as MuiLink, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { parseRef } from './definitionsHome.js';

/** The studio path of a definition version. */
export const versionPath = (kind: string, id: string, version: number) => `/studio/definitions/${encodeURIComponent(kind)}/${encodeURIComponent(id)}/${version}`;

/**
 * `ID@VERSION` references as links to their version pages, at most `max` (then "+N more").
 * `kindOf` finds a reference's kind by id; an id it does not know is shown without a link.
 */
export function RefLinks({ refs, kindOf, max = 4, empty, moreTo }: { refs: readonly string[]; kindOf: (id: string) => string | undefined; max?: number; empty: string; moreTo?: string }) {
  const { t } = useTranslation('definitions');
  if (!refs.length)
    return (
      <Typography component="span" variant="body2" sx={{ color: 'text.secondary' }}>
        {empty}
      </Typography>
    );
  const shown = refs.slice(0, max);
  return (
    <Box component="ul" sx={{ listStyle: 'none', m: 0, p: 0, display: 'flex', flexWrap: 'wrap', gap: 0.5 }}>
      {shown.map((ref) => {
        const { id, version } = parseRef(ref);
        const kind = kindOf(id);
        const label = `${id} v${version}`;
        return (
          <li key={ref}>
            {kind ? (
              <MuiLink component={Link} to={versionPath(kind, id, version)} variant="body2" sx={{ fontFamily: 'monospace', overflowWrap: 'anywhere' }}>
                {label}
              </MuiLink>
            ) : (
              <Typography component="span" variant="body2" sx={{ fontFamily: 'monospace' }}>
                {label}
              </Typography>
            )}
          </li>
        );
      })}
      {refs.length > max ? (
        <li>
          {moreTo ? (
            <Chip component={Link} to={moreTo} clickable size="small" label={t('home.moreRefs', { count: refs.length - max })} />
          ) : (
            <Chip component="span" size="small" label={t('home.moreRefs', { count: refs.length - max })} />
          )}
        </li>
      ) : null}
    </Box>
  );
}
