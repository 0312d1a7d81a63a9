import { Box, Table, TableBody, TableCell, TableContainer, TableHead, TableRow } from '@mui/material';
import { alpha, type Theme } from '@mui/material/styles';
import { useTranslation } from 'react-i18next';
import { lineDiff } from './lineDiff.js';

/** Two documents, pretty-printed, side by side, removed and added lines marked (in words for screen readers). */
export function SideBySide({ before, after, fromLabel, toLabel }: { before: unknown; after: unknown; fromLabel: string; toLabel: string }) {
  const { t } = useTranslation('diff');
  const rows = lineDiff(JSON.stringify(before, null, 2).split('\n'), JSON.stringify(after, null, 2).split('\n'));
  const pre = { m: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', fontFamily: 'monospace', typography: 'caption' } as const;
  return (
    <TableContainer sx={{ mt: 2, border: 1, borderColor: 'divider', borderRadius: 1 }}>
      <Table size="small" className="side-by-side" sx={{ tableLayout: 'fixed', '& caption': { captionSide: 'top', textAlign: 'left', fontWeight: 600, px: 1, py: 0.5, color: 'text.primary' }, '& td': { verticalAlign: 'top', py: 0.25 } }}>
        <caption>{t('sideBySide.caption')}</caption>
        <TableHead>
          <TableRow>
            <TableCell>{fromLabel}</TableCell>
            <TableCell>{toLabel}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((r, i) => (
            <TableRow key={i} className={`line-${r.kind}`}>
              <TableCell sx={(theme: Theme) => ({ bgcolor: r.kind === 'removed' ? alpha(theme.palette.error.main, 0.1) : undefined })}>
                <Box component="pre" sx={pre}>
                  {r.kind === 'removed' ? <span className="visually-hidden">{t('sideBySide.removed')}</span> : null}
                  {r.left ?? ''}
                </Box>
              </TableCell>
              <TableCell sx={(theme: Theme) => ({ bgcolor: r.kind === 'added' ? alpha(theme.palette.success.main, 0.1) : undefined })}>
                <Box component="pre" sx={pre}>
                  {r.kind === 'added' ? <span className="visually-hidden">{t('sideBySide.added')}</span> : null}
                  {r.right ?? ''}
                </Box>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
