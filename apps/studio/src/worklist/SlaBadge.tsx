import { Chip } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../i18n/i18n.js';
import { formatDuration, slaCountdown, type SlaState } from './slaCountdown.js';

const COLOURS: Record<SlaState, 'default' | 'success' | 'warning' | 'error'> = { none: 'default', ok: 'default', warning: 'warning', overdue: 'error', escalated: 'error' };

/** The live SLA countdown of an item as a badge: words and colour (never colour alone), the due time on hover. */
export function SlaBadge({ item, now }: { item: { dueAt?: string; slaWarnAt?: string; slaEscalateAt?: string }; now: Date }) {
  const { t } = useTranslation('worklist');
  const sla = slaCountdown(item, now);
  const duration = sla.remainingMs !== undefined ? formatDuration(sla.remainingMs) : '';
  return (
    <Chip
      size="small"
      className={`sla sla-${sla.state}`}
      color={COLOURS[sla.state]}
      variant={sla.state === 'overdue' || sla.state === 'escalated' ? 'filled' : 'outlined'}
      label={t(`sla.${sla.state}`, { duration })}
      title={item.dueAt ? t('sla.dueAt', { when: formatDate(item.dueAt) }) : undefined}
      sx={{ fontVariantNumeric: 'tabular-nums', fontWeight: sla.state === 'none' || sla.state === 'ok' ? 400 : 700 }}
    />
  );
}
