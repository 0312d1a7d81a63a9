import { Box } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber } from '../i18n/i18n.js';
import { labelOf } from './itemChanges.js';

/** An ISO 8601 instant (`2026-07-02T10:15:30Z`): shown as the reader's locale writes a date and time. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function Value({ value }: { value: unknown }) {
  const { t } = useTranslation();
  if (value === null || value === undefined) return <Box component="span" sx={{ color: 'text.secondary' }}>—</Box>;
  if (Array.isArray(value)) {
    if (value.length === 0) return <Box component="span" sx={{ color: 'text.secondary' }}>{t('none')}</Box>;
    return (
      <Box component="ul" className="evidence-array" sx={{ m: 0, pl: 2 }}>
        {(value as unknown[]).map((v, i) => (
          <li key={i}>
            <Value value={v} />
          </li>
        ))}
      </Box>
    );
  }
  if (typeof value === 'object') return <EvidenceList evidence={value as Record<string, unknown>} nested />;
  if (typeof value === 'boolean') return <>{value ? t('yes') : t('no')}</>;
  // Numbers as the reader's locale writes them, but without grouping: evidence holds ids and years too.
  if (typeof value === 'number') return <>{formatNumber(value, { useGrouping: false, maximumFractionDigits: 20 })}</>;
  if (typeof value === 'string' && INSTANT.test(value)) return <time dateTime={value}>{formatDate(value)}</time>;
  if (typeof value === 'string') return <>{value}</>;
  return <>{JSON.stringify(value)}</>;
}

/** The evidence the actor may see, field by field (hidden fields never reach the browser). */
export function EvidenceList({ evidence, nested = false }: { evidence: Record<string, unknown>; nested?: boolean }) {
  const { t } = useTranslation('item');
  const entries = Object.entries(evidence);
  if (entries.length === 0) return <Box component="p" sx={{ color: 'text.secondary' }}>{t('evidence.none')}</Box>;
  return (
    <Box
      component="dl"
      className={nested ? 'evidence nested' : 'evidence'}
      sx={{
        m: 0,
        display: 'grid',
        gap: 1,
        columnGap: 2,
        gridTemplateColumns: nested ? '1fr' : 'repeat(auto-fill, minmax(12rem, 1fr))',
        ...(nested ? { pl: 1, borderLeft: 2, borderColor: 'divider' } : {}),
        '& dt': { typography: 'caption', fontWeight: 600, color: 'text.secondary' },
        '& dd': { m: 0, overflowWrap: 'anywhere' },
      }}
    >
      {entries.map(([key, value]) => (
        <div key={key} data-field={key}>
          <dt>{labelOf(key)}</dt>
          <dd>
            <Value value={value} />
          </dd>
        </div>
      ))}
    </Box>
  );
}
