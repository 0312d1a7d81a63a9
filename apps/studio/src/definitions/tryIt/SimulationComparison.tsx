/**
 * One simulated item as a table a person compares: what they may do, what they see, the
 * priority and the deadlines, this version beside the published one, rows that differ marked
 * (colour and the word "Changed", so the mark does not rest on colour alone).
 */
import { Chip, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import type { SimulatedItem } from '@mandate/client';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber } from '../../i18n/i18n.js';
import { explainCheck } from '../../ui/checkReasons.js';
import { comparedRows, type ComparedRow, type RowValue } from './simulationRows.js';

const GROUPS = ['actions', 'view', 'priority', 'sla'] as const;

export function SimulationComparison({ item, version, publishedVersion, labels }: { item: SimulatedItem; version: number; publishedVersion?: number; labels: Record<string, string> }) {
  const { t } = useTranslation('tryIt');
  const rows = comparedRows(item, labels);
  const changed = rows.filter((row) => row.differs).length;
  const label = (row: ComparedRow) => (row.group === 'priority' ? t('rows.score') : row.group === 'sla' ? t(`rows.${row.key}`) : row.label);
  return (
    <>
      <Typography component="p" sx={{ fontWeight: 600, my: 1 }} data-testid="simulation-summary">
        {publishedVersion === undefined ? t('results.noPublished') : changed === 0 ? t('results.same') : t('results.changed', { count: changed })}
      </Typography>
      <TableContainer>
        <Table size="small" aria-label={t('results.table')}>
          <TableHead>
            <TableRow>
              <TableCell scope="col">{t('columns.what')}</TableCell>
              <TableCell scope="col">{t('columns.this', { version })}</TableCell>
              <TableCell scope="col">{publishedVersion === undefined ? t('columns.noPublished') : t('columns.published', { version: publishedVersion })}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {GROUPS.map((group) => {
              const inGroup = rows.filter((row) => row.group === group);
              if (inGroup.length === 0) return null;
              return (
                <Fragment key={group}>
                  <TableRow>
                    <TableCell component="th" scope="rowgroup" colSpan={3} sx={{ bgcolor: 'background.default', fontWeight: 600 }}>
                      {t(`groups.${group}`)}
                    </TableCell>
                  </TableRow>
                  {inGroup.map((row) => (
                    <TableRow key={`${group}-${row.key}`} data-differs={row.differs} sx={row.differs ? { bgcolor: 'rgba(122, 74, 0, 0.08)' } : undefined}>
                      <TableCell component="th" scope="row">
                        {label(row)} {row.differs ? <Chip size="small" color="warning" variant="outlined" label={t('changed')} sx={{ ml: 1 }} /> : null}
                      </TableCell>
                      <TableCell>
                        <Value value={row.draft} />
                      </TableCell>
                      <TableCell>
                        <Value value={row.published} />
                      </TableCell>
                    </TableRow>
                  ))}
                </Fragment>
              );
            })}
          </TableBody>
        </Table>
      </TableContainer>
    </>
  );
}

function Value({ value }: { value: RowValue | undefined }) {
  const { t } = useTranslation('tryIt');
  if (!value) return <span>{t('values.none')}</span>;
  switch (value.type) {
    case 'action':
      return <span>{value.enabled ? t('values.allowed') : t('values.notAllowed', { reason: value.reason ? explainCheck(value.reason, t) : t('values.noReason') })}</span>;
    case 'visibility':
      return <span>{value.visible ? (value.withheld ? t('values.visibleWithheld') : t('values.visible')) : t('values.hidden')}</span>;
    case 'score':
      return (
        <span>
          {formatNumber(value.score)}
          {value.reasons.length ? <Typography component="span" variant="body2" color="text.secondary">{` (${value.reasons.join(', ')})`}</Typography> : null}
        </span>
      );
    case 'instant':
      return <span>{value.at ? formatDate(value.at) : t('values.none')}</span>;
  }
}
