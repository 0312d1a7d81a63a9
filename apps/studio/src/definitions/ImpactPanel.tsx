import { Box, Paper, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useImpactReplay } from '../data/definitionQueries.js';
import { formatNumber } from '../i18n/i18n.js';
import { QueryStatus } from '../ui/QueryStatus.js';

const show = (x: unknown) => (typeof x === 'string' ? x : JSON.stringify(x));

const TOTALS = ['cases', 'affected', 'refusedDecisions', 'notReferencing', 'failed'] as const;

/**
 * Impact replay of a candidate version before it is published: the caller's tenant's items that
 * pin this definition, re-evaluated under the candidate: counts, and per rule the change with
 * examples.
 */
export function ImpactPanel({ kind, id, version }: { kind: string; id: string; version: number }) {
  const { t } = useTranslation('impact');
  const report = useImpactReplay(kind, id, version);
  return (
    <Paper component="section" variant="outlined" className="impact-panel" aria-labelledby="impact-heading" sx={{ p: 2, my: 2 }}>
      <Typography component="h2" variant="h2" id="impact-heading">
        {t('title', { version })}
      </Typography>
      <QueryStatus of={report} loading={t('loading', { version })} errorTitle={t('failed')} />
      {report.data && (
        <>
          <Box component="dl" className="impact-totals" sx={{ display: 'flex', flexWrap: 'wrap', gap: 3, my: 2 }}>
            {TOTALS.map((total) => (
              <div key={total}>
                <Typography component="dt" variant="body2" color="text.secondary">
                  {t(`totals.${total}`)}
                </Typography>
                <Typography component="dd" sx={{ m: 0, fontWeight: 600, fontSize: '1.2rem' }}>
                  {formatNumber(report.data.totals[total])}
                </Typography>
              </div>
            ))}
          </Box>
          {report.data.findings.length === 0 ? (
            <Typography>{t('none')}</Typography>
          ) : (
            <TableContainer className="table-scroll">
              <Table size="small">
                <caption>{t('caption')}</caption>
                <TableHead>
                  <TableRow>
                    {(['aspect', 'rule', 'change', 'items', 'examples'] as const).map((column) => (
                      <TableCell key={column} scope="col">
                        {t(`columns.${column}`)}
                      </TableCell>
                    ))}
                  </TableRow>
                </TableHead>
                <TableBody>
                  {report.data.findings.map((f, i) => (
                    <TableRow key={i}>
                      <TableCell>{f.aspect}</TableCell>
                      <TableCell>
                        <code>{f.rule}</code>
                        {f.check ? <> ({f.check})</> : null}
                      </TableCell>
                      <TableCell>{f.change}</TableCell>
                      <TableCell>{formatNumber(f.count)}</TableCell>
                      <TableCell>
                        <ul>
                          {f.examples.map((x) => (
                            <li key={`${x.itemId}-${x.decisionId ?? ''}`}>
                              {x.businessObject.type} {x.businessObject.id} ({x.taskType}): {show(x.before)} → {show(x.after)}
                            </li>
                          ))}
                        </ul>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableContainer>
          )}
          {report.data.errors.length ? (
            <details>
              <summary>{t('errors', { count: report.data.errors.length })}</summary>
              <ul>
                {report.data.errors.map((e) => (
                  <li key={e.itemId}>
                    {e.itemId}: {e.message}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </>
      )}
    </Paper>
  );
}
