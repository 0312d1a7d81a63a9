/**
 * The case worker's form of the draft, live: the item screen's own DecisionForm over the generated
 * schema, with a switch for the decision it is shown for. Submitting only checks the form.
 */
import { Alert, Box, Paper, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDefinitionVersion } from '../../data/definitionQueries.js';
import { DecisionForm } from '../../item/DecisionForm.js';
import { parseRef, reasonCodesOf } from '../../item/pinnedDefinitions.js';
import type { DraftOption } from './draftOptions.js';
import { previewActions, previewTaskType } from './previewTaskType.js';

type Schema = Record<string, unknown>;
const NONE = '';

export function FormPreview({ draft, decisionSchema, uiSchema, options }: { draft: Schema; decisionSchema: Schema; uiSchema: Schema; options: DraftOption[] }) {
  const { t } = useTranslation('formBuilder');
  const [chosen, setChosen] = useState<string>();
  const [checked, setChecked] = useState(false);
  const reasonRef = parseRef(typeof draft.reasonCodeSet === 'string' ? draft.reasonCodeSet : '');
  const reasons = useDefinitionVersion('ReasonCodeSet', reasonRef?.id ?? '', reasonRef?.version ?? 0, reasonRef !== undefined);
  const reasonCodes = useMemo(() => (reasons.data ? reasonCodesOf(reasons.data.content) : []), [reasons.data]);
  const taskType = useMemo(() => previewTaskType(draft, decisionSchema, uiSchema, reasonCodes), [draft, decisionSchema, uiSchema, reasonCodes]);
  const actions = useMemo(() => previewActions(draft, decisionSchema), [draft, decisionSchema]);
  const current = chosen && options.some((o) => o.code === chosen) ? chosen : undefined;
  const choose = (code: string | undefined) => {
    setChosen(code);
    setChecked(false);
  };

  return (
    <Paper component="section" variant="outlined" aria-labelledby="form-preview-title" sx={{ p: 2, minWidth: 0 }}>
      <Typography id="form-preview-title" component="h3" variant="h3">
        {t('preview.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
        {t('preview.intro')}
      </Typography>
      <Typography id="form-preview-switch" variant="body2" sx={{ fontWeight: 600, mb: 0.5 }}>
        {t('preview.decision')}
      </Typography>
      <ToggleButtonGroup
        size="small"
        exclusive
        value={current ?? NONE}
        onChange={(_, value: string | null) => value !== null && choose(value === NONE ? undefined : value)}
        aria-labelledby="form-preview-switch"
        sx={{ flexWrap: 'wrap', mb: 2 }}
      >
        <ToggleButton value={NONE}>{t('preview.noDecision')}</ToggleButton>
        {options.map((o) => (
          <ToggleButton key={o.code} value={o.code}>
            {o.label}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
      <Box
        className="form-preview"
        // The case worker's form is a page of its own; in the narrow preview column it wraps instead of overflowing.
        sx={{ minWidth: 0, '& .form-actions': { position: 'static' }, '& fieldset': { minWidth: 0, maxWidth: '100%' }, '& input:not([type=checkbox]):not([type=radio]), & select, & textarea': { maxWidth: '100%', boxSizing: 'border-box' }, '& label': { overflowWrap: 'anywhere' } }}
      >
        <DecisionForm taskType={taskType} actions={actions} chosen={current} onChoose={choose} busy={false} onSubmit={() => setChecked(true)} />
      </Box>
      <Box role="status" aria-live="polite">
        {checked && (
          <Alert severity="success" sx={{ mt: 1 }}>
            {t('preview.complete')}
          </Alert>
        )}
      </Box>
    </Paper>
  );
}
