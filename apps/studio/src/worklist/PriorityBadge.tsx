import { Box, Chip, Stack } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../i18n/i18n.js';
import { HIGH_PRIORITY_MIN } from './queues.js';
import { parsePriorityReason } from './priorityReasons.js';

/** The priority as a badge with its band in words and its score, with every reason that makes it up. */
export function PriorityBadge({ priority, reasons, compact = false }: { priority: number; reasons: string[]; compact?: boolean }) {
  const { t } = useTranslation('worklist');
  const parsed = reasons.map(parsePriorityReason);
  const level = priority >= HIGH_PRIORITY_MIN ? 'high' : priority >= HIGH_PRIORITY_MIN / 2 ? 'medium' : 'low';
  return (
    <Stack className="priority" sx={{ gap: 0.5, alignItems: 'flex-start' }}>
      <Chip
        size="small"
        variant={level === 'high' ? 'filled' : 'outlined'}
        color={level === 'high' ? 'error' : level === 'medium' ? 'warning' : 'default'}
        label={t('priority.badge', { level: t(`priority.${level}`), score: formatNumber(priority) })}
        sx={{ fontWeight: 700, fontVariantNumeric: 'tabular-nums' }}
      />
      {parsed.length > 0 && (
        <Box
          component="ul"
          className="priority-reasons"
          aria-label={t('priority.reasons')}
          sx={{ listStyle: 'none', m: 0, p: 0, typography: 'caption', color: 'text.secondary', ...(compact ? { '& li': { display: 'inline' }, '& li + li::before': { content: '" · "' } } : {}) }}
        >
          {parsed.map((r) => (
            <li key={r.code}>
              {r.label}
              {r.weight !== undefined && <> {formatNumber(r.weight, { signDisplay: 'always' })}</>}
            </li>
          ))}
        </Box>
      )}
    </Stack>
  );
}
