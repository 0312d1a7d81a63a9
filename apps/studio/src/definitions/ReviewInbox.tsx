import { Link as MuiLink, Paper, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDate } from '../i18n/i18n.js';
import { standingOf } from './definitionsHome.js';
import type { VersionView } from './governanceTypes.js';
import { versionPath } from './RefLinks.js';
import { StatusBadge } from './StatusBadge.js';

/**
 * One list of the inbox: versions awaiting the user's review (who submitted it, when) or the
 * user's own open versions (their status, when last changed), each with a link to its page.
 */
export function ReviewInbox({ versions, mode, caption }: { versions: readonly VersionView[]; mode: 'review' | 'drafts'; caption: string }) {
  const { t } = useTranslation('definitions');
  if (!versions.length) return <Typography sx={{ my: 2 }}>{t(mode === 'review' ? 'inbox.awaitingEmpty' : 'inbox.draftsEmpty')}</Typography>;
  return (
    <TableContainer component={Paper} variant="outlined" sx={{ my: 2 }}>
      <Table size="small">
        <caption className="visually-hidden">{caption}</caption>
        <TableHead>
          <TableRow>
            <TableCell scope="col">{t('inbox.definition')}</TableCell>
            <TableCell scope="col">{t('inbox.version')}</TableCell>
            <TableCell scope="col">{mode === 'review' ? t('inbox.author') : t('inbox.status')}</TableCell>
            <TableCell scope="col">{mode === 'review' ? t('inbox.submitted') : t('inbox.changed')}</TableCell>
            <TableCell scope="col" sx={{ display: { xs: 'none', sm: 'table-cell' } }}>
              {t('inbox.changeNote')}
            </TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {versions.map((v) => (
            <TableRow key={`${v.kind}/${v.id}/${v.version}`}>
              <TableCell>
                <MuiLink component={Link} to={versionPath(v.kind, v.id, v.version)} sx={{ fontWeight: 600 }}>
                  {v.title}
                </MuiLink>
                <Typography variant="caption" component="div" sx={{ fontFamily: 'monospace', color: 'text.secondary', overflowWrap: 'anywhere' }}>
                  {v.id} · {t(`kind.${v.kind}`, { defaultValue: v.kind })}
                </Typography>
              </TableCell>
              <TableCell>v{v.version}</TableCell>
              <TableCell>{mode === 'review' ? v.author : <StatusBadge standing={standingOf({ currentVersions: [] }, v, new Date())} />}</TableCell>
              <TableCell>{mode === 'review' ? (v.submittedAt ? formatDate(v.submittedAt) : '') : formatDate(v.updatedAt)}</TableCell>
              <TableCell sx={{ overflowWrap: 'anywhere', display: { xs: 'none', sm: 'table-cell' } }}>{v.changeNote ?? ''}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
