import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import type { WidgetProps } from '@rjsf/utils';
import { useContext, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fromParts, toParts, unitsFor, type DurationBasis, type DurationUnit } from '../duration.js';
import { ObjectDataContext } from '../formContexts.js';

/** The basis of the durations in an object with a `basis` member: its value, business by default (as the SLA schema says). */
function useBasis(): DurationBasis | undefined {
  const object = useContext(ObjectDataContext);
  if (!object?.schema.properties || !('basis' in object.schema.properties)) return undefined;
  return object.formData?.basis === 'calendar' ? 'calendar' : 'business';
}

/**
 * A duration as a number and a unit ("4 business hours" where the terms count business time),
 * stored as the duration text the schema requires (`PT4H`).
 */
export function DurationWidget(props: WidgetProps) {
  const { t } = useTranslation('forms');
  const value: unknown = props.value;
  const { id, onChange, label, required, disabled, readonly, rawErrors = [] } = props;
  const basis = useBasis();
  const units = unitsFor(basis);
  const parts = toParts(typeof value === 'string' ? value : undefined, basis);
  const [unit, setUnit] = useState<DurationUnit>(parts?.unit ?? 'hours');
  const [amount, setAmount] = useState(parts ? String(parts.amount) : '');
  const shownUnit = parts && parts.unit !== unit && amount === String(parts.amount) ? parts.unit : unit;
  const invalid = amount !== '' && fromParts({ amount: Number(amount), unit: shownUnit }) === undefined;
  const unitWord = (u: DurationUnit) => t(`duration.units.${basis ?? 'calendar'}.${u}`);

  const commit = (nextAmount: string, nextUnit: DurationUnit) => {
    setAmount(nextAmount);
    setUnit(nextUnit);
    if (nextAmount.trim() === '') return onChange(undefined);
    const stored = fromParts({ amount: Number(nextAmount), unit: nextUnit });
    if (stored) onChange(stored);
  };

  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
      <TextField
        id={id}
        label={label}
        required={required}
        type="number"
        value={amount}
        disabled={disabled || readonly}
        error={invalid || rawErrors.length > 0}
        helperText={invalid ? t('duration.invalid') : undefined}
        slotProps={{ htmlInput: { min: 0, step: 1, inputMode: 'numeric' } }}
        onChange={(e) => commit(e.target.value, shownUnit)}
        sx={{ flex: 1, minWidth: '4.5rem' }}
      />
      <TextField
        select
        id={`${id}__unit`}
        label={t('duration.unitShort')}
        value={shownUnit}
        disabled={disabled || readonly}
        onChange={(e) => commit(amount, e.target.value as DurationUnit)}
        slotProps={{ select: { native: true }, inputLabel: { shrink: true }, htmlInput: { 'aria-label': t('duration.unit', { label }) } }}
        sx={{ width: { xs: '55%', sm: '13rem' }, flexShrink: 0 }}
      >
        {units.map((u) => (
          <option key={u} value={u}>
            {unitWord(u)}
          </option>
        ))}
      </TextField>
    </Stack>
  );
}
