import AddIcon from '@mui/icons-material/Add';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlineOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import type { FieldProps } from '@rjsf/utils';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toCode } from '../../forms/widgets/CodeWidget.js';
import { errorsAt } from '../findingsToErrorSchema.js';

/** One reason code of a ReasonCodeSet. */
export interface ReasonCode {
  code: string;
  label: string;
  appliesTo: string[];
  riskLevel: 'LOW' | 'MEDIUM' | 'HIGH';
  requiresSecondApproval?: boolean;
}

const RISK_LEVELS = ['LOW', 'MEDIUM', 'HIGH'] as const;

/** `appliesTo` as typed: decision codes separated by commas or spaces. */
export function parseCodeList(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter(Boolean))];
}

/** A list of codes typed as text; keeps what the author types while it parses to the same list. */
function CodeListInput(props: { id: string; label: string; invalid: boolean; value: string[]; disabled: boolean; onChange: (codes: string[]) => void }) {
  const [text, setText] = useState(props.value.join(', '));
  const [committed, setCommitted] = useState(props.value.join());
  if (props.value.join() !== committed) {
    // Changed from outside (a reload, a removed row): show the new value.
    setCommitted(props.value.join());
    setText(props.value.join(', '));
  }
  return (
    <TextField
      id={props.id}
      size="small"
      fullWidth
      value={text}
      disabled={props.disabled}
      error={props.invalid}
      slotProps={{ htmlInput: { 'aria-label': props.label, 'aria-invalid': props.invalid } }}
      onChange={(e) => {
        const next = e.target.value.toUpperCase();
        const codes = parseCodeList(next);
        setText(next);
        setCommitted(codes.join());
        props.onChange(codes);
      }}
    />
  );
}

function CellErrors({ id, errors }: { id: string; errors: string[] }) {
  if (!errors.length) return null;
  return (
    <Box component="ul" className="field-errors" id={id} sx={{ color: 'error.main', typography: 'caption', m: 0, mt: 0.5, pl: 2 }}>
      {errors.map((e) => (
        <li key={e}>{e}</li>
      ))}
    </Box>
  );
}

/**
 * The codes of a ReasonCodeSet as a table: one row per code, every cell a labelled input, errors
 * (schema and server findings) under the cell they point at. On a narrow screen the table scrolls
 * inside its frame, never the page.
 */
export function ReasonCodeTable(props: FieldProps<ReasonCode[]>) {
  const { t } = useTranslation('forms');
  const { formData, onChange, errorSchema, fieldPathId, disabled, readonly } = props;
  const codes = formData ?? [];
  const base = fieldPathId.$id;
  const locked = disabled === true || readonly === true;
  const set = (next: ReasonCode[]) => onChange(next, fieldPathId.path);
  const patch = (index: number, change: Partial<ReasonCode>) =>
    set(
      codes.map((c, i) => {
        if (i !== index) return c;
        const next = { ...c, ...change };
        if (next.requiresSecondApproval === false) delete next.requiresSecondApproval;
        return next;
      }),
    );
  const tableErrors = errorsAt(errorSchema);
  const title = typeof props.uiSchema?.['ui:title'] === 'string' ? props.uiSchema['ui:title'] : t('labels.codes');

  return (
    <Paper component="fieldset" variant="outlined" className="reason-code-table" sx={{ p: { xs: 1.5, sm: 2 }, m: 0, minWidth: 0 }}>
      <Typography component="legend" variant="h2" sx={{ px: 0.5 }}>
        {title}
      </Typography>
      <CellErrors id={`${base}__errors`} errors={tableErrors} />
      <TableContainer className="table-scroll" sx={{ overflowX: 'auto', position: 'relative' }}>
        <Table size="small" sx={{ minWidth: 760 }}>
          <TableHead>
            <tr>
              <TableCell scope="col">{t('reasonCodes.code')}</TableCell>
              <TableCell scope="col">{t('reasonCodes.label')}</TableCell>
              <TableCell scope="col">{t('reasonCodes.appliesTo')}</TableCell>
              <TableCell scope="col">{t('reasonCodes.risk')}</TableCell>
              <TableCell scope="col">{t('reasonCodes.secondApproval')}</TableCell>
              <TableCell scope="col">
                <span className="visually-hidden">{t('reasonCodes.actions')}</span>
              </TableCell>
            </tr>
          </TableHead>
          <TableBody>
            {codes.map((c, i) => {
              const rowId = `${base}_${i}`;
              const errs = (key: string) => errorsAt(errorSchema, i, key);
              const rowErrors = errorsAt(errorSchema, i);
              const rowName = c.code || t('reasonCodes.row', { n: i + 1 });
              return (
                <tr key={i} className={rowErrors.length || ['code', 'label', 'appliesTo', 'riskLevel'].some((k) => errs(k).length) ? 'has-error' : undefined}>
                  <TableCell sx={{ verticalAlign: 'top', minWidth: 190 }}>
                    <TextField
                      id={`${rowId}_code`}
                      size="small"
                      fullWidth
                      value={c.code}
                      disabled={locked}
                      error={errs('code').length > 0}
                      slotProps={{ htmlInput: { 'aria-label': t('reasonCodes.codeOf', { row: rowName }), 'aria-invalid': errs('code').length > 0, 'aria-describedby': errs('code').length ? `${rowId}_code__errors` : undefined, spellCheck: false } }}
                      onChange={(e) => patch(i, { code: toCode(e.target.value) })}
                    />
                    <CellErrors id={`${rowId}_code__errors`} errors={errs('code')} />
                    <CellErrors id={`${rowId}__errors`} errors={rowErrors} />
                  </TableCell>
                  <TableCell sx={{ verticalAlign: 'top', minWidth: 200 }}>
                    <TextField
                      id={`${rowId}_label`}
                      size="small"
                      fullWidth
                      value={c.label}
                      disabled={locked}
                      error={errs('label').length > 0}
                      slotProps={{ htmlInput: { 'aria-label': t('reasonCodes.labelOf', { row: rowName }), 'aria-invalid': errs('label').length > 0 } }}
                      onChange={(e) => patch(i, { label: e.target.value })}
                    />
                    <CellErrors id={`${rowId}_label__errors`} errors={errs('label')} />
                  </TableCell>
                  <TableCell sx={{ verticalAlign: 'top', minWidth: 170 }}>
                    <CodeListInput
                      id={`${rowId}_appliesTo`}
                      label={t('reasonCodes.appliesToOf', { row: rowName })}
                      invalid={errs('appliesTo').length > 0}
                      value={c.appliesTo ?? []}
                      disabled={locked}
                      onChange={(appliesTo) => patch(i, { appliesTo })}
                    />
                    <CellErrors id={`${rowId}_appliesTo__errors`} errors={errs('appliesTo')} />
                  </TableCell>
                  <TableCell sx={{ verticalAlign: 'top' }}>
                    <TextField
                      select
                      id={`${rowId}_riskLevel`}
                      size="small"
                      value={c.riskLevel}
                      disabled={locked}
                      slotProps={{ select: { native: true }, htmlInput: { 'aria-label': t('reasonCodes.riskOf', { row: rowName }) } }}
                      onChange={(e) => patch(i, { riskLevel: e.target.value as ReasonCode['riskLevel'] })}
                    >
                      {RISK_LEVELS.map((r) => (
                        <option key={r} value={r}>
                          {t(`enums.riskLevel.${r}`)}
                        </option>
                      ))}
                    </TextField>
                  </TableCell>
                  <TableCell sx={{ verticalAlign: 'top' }}>
                    <Checkbox
                      id={`${rowId}_requiresSecondApproval`}
                      size="small"
                      checked={c.requiresSecondApproval === true}
                      disabled={locked}
                      slotProps={{ input: { 'aria-label': t('reasonCodes.secondApprovalOf', { row: rowName }) } }}
                      onChange={(e) => patch(i, { requiresSecondApproval: e.target.checked })}
                    />
                  </TableCell>
                  <TableCell sx={{ verticalAlign: 'top' }}>
                    {locked ? null : (
                      <Tooltip title={t('array.remove', { item: `${t('items.codes')} ${c.code || i + 1}` })}>
                        <span>
                          <IconButton size="small" disabled={codes.length <= 1} aria-label={t('array.remove', { item: `${t('items.codes')} ${c.code || i + 1}` })} onClick={() => set(codes.filter((_, j) => j !== i))}>
                            <DeleteOutlineIcon fontSize="small" aria-hidden />
                          </IconButton>
                        </span>
                      </Tooltip>
                    )}
                  </TableCell>
                </tr>
              );
            })}
          </TableBody>
        </Table>
      </TableContainer>
      {!locked && (
        <Button variant="outlined" size="small" startIcon={<AddIcon aria-hidden />} sx={{ mt: 1.5 }} onClick={() => set([...codes, { code: '', label: '', appliesTo: [], riskLevel: 'LOW' }])}>
          {t('array.add', { item: t('items.codes') })}
        </Button>
      )}
    </Paper>
  );
}
