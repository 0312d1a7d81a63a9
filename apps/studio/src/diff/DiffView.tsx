import type { SemanticChange } from '@mandate/definitions';
import { Box, Chip, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { alpha, type Theme } from '@mui/material/styles';
import { useTranslation } from 'react-i18next';
import type { VersionDiff } from '../definitions/governanceTypes.js';

type Control = SemanticChange['control'];

/** The palette colour of a control effect: loosening widens what people may do, so it stands out. */
const TONE: Record<Control, 'error' | 'success' | 'secondary'> = { loosening: 'error', tightening: 'success', neutral: 'secondary' };

/** The control effect as a badge with its word. */
function ControlBadge({ control }: { control: Control }) {
  const { t } = useTranslation('diff');
  return (
    <Chip
      size="small"
      className={`control-badge control-${control}`}
      label={t(`control.${control}`)}
      color={control === 'neutral' ? 'default' : TONE[control]}
      variant={control === 'neutral' ? 'outlined' : 'filled'}
      sx={{ fontWeight: 700, textTransform: 'uppercase', letterSpacing: '0.03em', height: 22 }}
    />
  );
}

/** The semantic changes, loosening ones highlighted (they widen what people may do). */
export function SemanticChangeList({ changes }: { changes: readonly SemanticChange[] }) {
  const { t } = useTranslation('diff');
  if (!changes.length) return <Typography>{t('view.noSemantic')}</Typography>;
  return (
    <Stack component="ul" className="change-list" sx={{ listStyle: 'none', m: 0, p: 0, gap: 0.75 }}>
      {changes.map((c, i) => (
        <Box
          component="li"
          key={`${c.path}-${i}`}
          className={`change change-${c.control}`}
          sx={(theme: Theme) => ({
            px: 1.25,
            py: 0.75,
            borderLeft: 4,
            borderRadius: 1,
            overflowWrap: 'anywhere',
            borderLeftColor: theme.palette[TONE[c.control]].main,
            bgcolor: c.control === 'neutral' ? 'background.default' : alpha(theme.palette[TONE[c.control]].main, 0.08),
          })}
        >
          <Stack direction="row" sx={{ gap: 1, alignItems: 'baseline', flexWrap: 'wrap' }}>
            <ControlBadge control={c.control} />
            <span className="change-summary">{c.summary}</span>
          </Stack>
          <Typography component="code" className="change-path" variant="caption" sx={{ display: 'block', fontFamily: 'monospace', color: 'text.secondary', mt: 0.25 }}>
            {c.path}
          </Typography>
        </Box>
      ))}
    </Stack>
  );
}

/** The RFC 6902 JSON Patch underneath, one operation a row. */
export function PatchView({ patch }: { patch: VersionDiff['patch'] }) {
  const { t } = useTranslation('diff');
  if (!patch.length) return <Typography>{t('view.noPatch')}</Typography>;
  return (
    <TableContainer sx={{ border: 1, borderColor: 'divider', borderRadius: 1 }}>
      <Table size="small" className="patch-table" sx={{ '& caption': { captionSide: 'top', textAlign: 'left', typography: 'caption', color: 'text.secondary', px: 1, py: 0.5 }, '& td': { verticalAlign: 'top' } }}>
        <caption>{t('patch.caption')}</caption>
        <TableHead>
          <TableRow>
            <TableCell>{t('patch.op')}</TableCell>
            <TableCell>{t('patch.path')}</TableCell>
            <TableCell>{t('patch.value')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {patch.map((op, i) => (
            <TableRow
              key={i}
              className={`patch-${op.op}`}
              sx={(theme: Theme) => ({ bgcolor: op.op === 'add' ? alpha(theme.palette.success.main, 0.08) : op.op === 'remove' ? alpha(theme.palette.error.main, 0.08) : undefined })}
            >
              <TableCell sx={{ fontWeight: 600 }}>{t(`patch.ops.${op.op}`, { defaultValue: op.op })}</TableCell>
              <TableCell sx={{ overflowWrap: 'anywhere' }}>
                <Box component="code" sx={{ fontFamily: 'monospace', typography: 'caption' }}>
                  {op.from ? `${op.from} → ${op.path}` : op.path}
                </Box>
              </TableCell>
              <TableCell>
                <Box component="pre" sx={{ m: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', fontFamily: 'monospace', typography: 'caption' }}>
                  {op.value === undefined ? '' : JSON.stringify(op.value, null, 2)}
                </Box>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

/** A version diff: counts, the semantic change list and the patch beside it. `headingLevel` fits its headings under the page's. */
export function DiffView({ diff, headingLevel = 3 }: { diff: VersionDiff; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation('diff');
  const heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <Box component="section" className="diff-view" aria-label={t('view.label', { from: diff.from, to: diff.to })}>
      <Stack direction="row" className="diff-counts" role="status" sx={{ gap: 1, alignItems: 'center', flexWrap: 'wrap', mb: 2 }}>
        <Typography component="span">{t('view.counts', { from: diff.from, to: diff.to })}</Typography>
        <Chip size="small" label={t('view.loosening', { count: diff.control.loosening })} color={diff.control.loosening > 0 ? 'error' : 'default'} variant={diff.control.loosening > 0 ? 'filled' : 'outlined'} sx={{ fontWeight: 700 }} />
        <Chip size="small" label={t('view.tightening', { count: diff.control.tightening })} color={diff.control.tightening > 0 ? 'success' : 'default'} variant="outlined" sx={{ fontWeight: 700 }} />
        <Chip size="small" label={t('view.neutral', { count: diff.control.neutral })} variant="outlined" />
      </Stack>
      <Box className="diff-columns" sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: 'minmax(0, 1fr)', md: 'minmax(0, 1fr) minmax(0, 1fr)' } }}>
        <div>
          <Typography variant="h3" component={heading} sx={{ mb: 1 }}>
            {t('view.semantic')}
          </Typography>
          <SemanticChangeList changes={diff.changes} />
        </div>
        <div>
          <Typography variant="h3" component={heading} sx={{ mb: 1 }}>
            {t('view.operations')}
          </Typography>
          <PatchView patch={diff.patch} />
        </div>
      </Box>
    </Box>
  );
}
