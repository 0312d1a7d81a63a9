import FormControlLabel from '@mui/material/FormControlLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { getUiOptions, type FieldProps } from '@rjsf/utils';
import { useContext, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConditionNode } from '../../definitions/fields/conditionTree.js';
import { newLeaf } from '../../definitions/fields/conditionTree.js';
import { ConditionEditor } from '../../definitions/fields/ConditionEditor.js';
import { ArrayItemsContext, identifierOf } from '../formContexts.js';

/**
 * The condition unions (`TopLevelCondition`, `Condition`) as one field, drawn once: an optional
 * condition first asks "Always / When a condition holds"; the condition itself names its cases
 * ("All of these hold", "Any of these holds", "This does not hold") in the editor.
 */
export function ConditionField(props: FieldProps<ConditionNode>) {
  const { t } = useTranslation('forms');
  const { formData, onChange, errorSchema, fieldPathId, disabled, readonly, required, uiSchema, name } = props;
  const items = useContext(ArrayItemsContext);
  const radioName = useId();
  const title = typeof uiSchema?.['ui:title'] === 'string' ? uiSchema['ui:title'] : name;
  const help = typeof uiSchema?.['ui:description'] === 'string' ? uiSchema['ui:description'] : undefined;
  // In a list (a decision option, a rule) the condition's name says whose it is: "Enabled when (APPROVE)".
  const index = [...fieldPathId.path].reverse().find((step) => typeof step === 'number');
  const owner = typeof index === 'number' ? identifierOf(items?.formData[index]) : undefined;
  const label = owner ? `${title} (${owner})` : title;
  const present = formData !== undefined && formData !== null && typeof formData === 'object' && Object.keys(formData).length > 0;
  const locked = disabled === true || readonly === true;
  const leafAllowed = getUiOptions(uiSchema).leafAllowed === true;
  const set = (next: ConditionNode | undefined) => onChange(next, fieldPathId.path);
  return (
    <Stack spacing={1} id={fieldPathId.$id} component="section" aria-labelledby={`${fieldPathId.$id}__title`}>
      <Typography id={`${fieldPathId.$id}__title`} variant="subtitle2" component="p">
        {title}
      </Typography>
      {help ? (
        <Typography variant="caption" color="text.secondary">
          {help}
        </Typography>
      ) : null}
      {!required ? (
        <RadioGroup row name={radioName} aria-label={t('union.mode', { label })} value={present ? 'when' : 'always'} onChange={(e) => set(e.target.value === 'when' ? { all: [newLeaf()] } : undefined)}>
          <FormControlLabel value="always" control={<Radio size="small" />} label={t('union.always')} disabled={locked} />
          <FormControlLabel value="when" control={<Radio size="small" />} label={t('union.when')} disabled={locked} />
        </RadioGroup>
      ) : null}
      {required || present ? <ConditionEditor value={formData} onChange={set} errorSchema={errorSchema} locked={locked} label={label} leafAllowed={leafAllowed} /> : null}
    </Stack>
  );
}
