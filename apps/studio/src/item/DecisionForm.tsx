/**
 * The generated decision form (the studio's themed form over the pinned task type's
 * decisionSchema/uiSchema, the same design as the authoring forms), with the acknowledgements
 * the policy requires for the chosen decision. Loaded lazily with the item screen: rjsf and ajv
 * are the heaviest part of the studio.
 */
import type { ActionAvailability } from '@mandate/client';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { UiSchema } from '@rjsf/utils';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ThemedForm } from '../forms/ThemedForm.js';
import { decisionFormSchema, formPayload } from './decisionFormSchema.js';
import type { PinnedTaskType } from './pinnedDefinitions.js';

/** What the form hands to the item screen on submit. */
export interface DecisionInput {
  decision: string;
  reasonCode?: string;
  comment?: string;
  acknowledged: boolean;
  form: Record<string, unknown>;
}

/** The decision form of an item: choose, justify, acknowledge, submit. */
export function DecisionForm({
  taskType,
  actions,
  chosen,
  onChoose,
  busy,
  onSubmit,
}: {
  taskType: PinnedTaskType;
  actions: ActionAvailability[];
  chosen: string | undefined;
  onChoose: (decision: string | undefined) => void;
  busy: boolean;
  onSubmit: (input: DecisionInput) => void;
}) {
  const { t } = useTranslation('forms');
  const [data, setData] = useState<Record<string, unknown>>({});
  const [acks, setAcks] = useState<Record<string, boolean>>({});
  const formData = useMemo(() => ({ ...data, ...(chosen ? { decision: chosen } : {}) }), [data, chosen]);
  const { schema, uiSchema } = useMemo(
    () => decisionFormSchema(taskType.decisionSchema, taskType.uiSchema, taskType.decisionOptions, taskType.reasonCodes, actions, chosen),
    [taskType, actions, chosen],
  );
  const action = actions.find((a) => a.kind === 'decision' && a.code === chosen);
  const acknowledgements = [...new Set([...(action?.requiredAcknowledgements ?? []), ...(taskType.decisionOptions.find((o) => o.code === chosen)?.acknowledgement ? [taskType.decisionOptions.find((o) => o.code === chosen)!.acknowledgement!] : [])])];
  const allAcknowledged = acknowledgements.every((a) => acks[a]);
  const enabled = action?.enabled ?? false;

  return (
    <ThemedForm
      schema={schema}
      uiSchema={uiSchema as UiSchema}
      formData={formData}
      idPrefix="decision"
      // Never preselect a decision or a reason: the worker chooses (no rubber stamps).
      experimental_defaultFormStateBehavior={{ constAsDefaults: 'never', emptyObjectFields: 'skipDefaults' }}
      showErrorList="top"
      noHtml5Validate
      disabled={busy}
      onChange={(event) => {
        const next = (event.formData ?? {});
        const decision = typeof next.decision === 'string' ? next.decision : undefined;
        // A reason code chosen for another decision may not apply to this one.
        if (decision !== chosen) {
          const { reasonCode: _dropped, ...rest } = next;
          setData(rest);
          onChoose(decision);
        } else setData(next);
      }}
      onSubmit={(event) => {
        const submitted = { ...((event.formData ?? {})) };
        const decision = typeof submitted.decision === 'string' ? submitted.decision : '';
        onSubmit({
          decision,
          ...(typeof submitted.reasonCode === 'string' ? { reasonCode: submitted.reasonCode } : {}),
          ...(typeof submitted.comment === 'string' && submitted.comment.trim() ? { comment: submitted.comment } : {}),
          acknowledged: acknowledgements.length > 0 && allAcknowledged,
          form: formPayload(taskType.decisionSchema, submitted),
        });
      }}
    >
      {acknowledgements.length > 0 && (
        <Paper component="fieldset" variant="outlined" className="acknowledgements" sx={{ p: 2, mt: 2, mx: 0 }}>
          <Typography component="legend" variant="subtitle2" sx={{ px: 0.5 }}>
            {t('decision.acknowledgement')}
          </Typography>
          {acknowledgements.map((text, i) => (
            <FormControlLabel
              key={text}
              className="checkbox"
              control={<Checkbox id={`ack-${i}`} checked={acks[text] ?? false} onChange={(e) => setAcks({ ...acks, [text]: e.target.checked })} disabled={busy} />}
              label={text}
            />
          ))}
        </Paper>
      )}
      <Box className="form-actions" sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap', mt: 2 }}>
        <Button type="submit" variant="contained" disabled={busy || !chosen || !enabled || !allAcknowledged} aria-describedby="submit-hint">
          {busy ? t('decision.submitting') : t('decision.submit')}
        </Button>
        <Typography id="submit-hint" variant="body2" color="text.secondary" component="span">
          {!chosen ? t('decision.chooseFirst') : !enabled ? t('decision.notAvailable') : !allAcknowledged ? t('decision.confirmFirst') : t('decision.recorded')}
        </Typography>
      </Box>
    </ThemedForm>
  );
}
