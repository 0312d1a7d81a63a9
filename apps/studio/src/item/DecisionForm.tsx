/**
 * The generated decision form (@rjsf/core over the pinned task type's decisionSchema/uiSchema),
 * with the acknowledgements the policy requires for the chosen decision. Loaded lazily with the
 * item screen: rjsf and ajv are the heaviest part of the studio.
 */
import type { ActionAvailability } from '@mandate/client';
import Form from '@rjsf/core';
import type { UiSchema } from '@rjsf/utils';
import { useMemo, useState } from 'react';
import { formValidator } from '../forms/formValidator.js';
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
    <Form
      schema={schema}
      uiSchema={uiSchema as UiSchema}
      validator={formValidator}
      formData={formData}
      idPrefix="decision"
      // Never preselect a decision or a reason: the worker chooses (no rubber stamps).
      experimental_defaultFormStateBehavior={{ constAsDefaults: 'never', emptyObjectFields: 'skipDefaults' }}
      showErrorList="top"
      noHtml5Validate
      disabled={busy}
      onChange={(event) => {
        const next = (event.formData ?? {}) as Record<string, unknown>;
        const decision = typeof next.decision === 'string' ? next.decision : undefined;
        // A reason code chosen for another decision may not apply to this one.
        if (decision !== chosen) {
          const { reasonCode: _dropped, ...rest } = next;
          setData(rest);
          onChoose(decision);
        } else setData(next);
      }}
      onSubmit={(event) => {
        const submitted = { ...((event.formData ?? {}) as Record<string, unknown>) };
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
        <fieldset className="acknowledgements">
          <legend>Required acknowledgement</legend>
          {acknowledgements.map((text, i) => (
            <div className="checkbox" key={text}>
              <input id={`ack-${i}`} type="checkbox" checked={acks[text] ?? false} onChange={(e) => setAcks({ ...acks, [text]: e.target.checked })} disabled={busy} />
              <label htmlFor={`ack-${i}`}>{text}</label>
            </div>
          ))}
        </fieldset>
      )}
      <div className="form-actions">
        <button type="submit" disabled={busy || !chosen || !enabled || !allAcknowledged} aria-describedby="submit-hint">
          {busy ? 'Submitting…' : 'Submit decision'}
        </button>
        <span id="submit-hint" className="muted small">
          {!chosen ? 'Choose a decision first.' : !enabled ? 'This decision is not available to you now (see Actions).' : !allAcknowledged ? 'Confirm the acknowledgement first.' : 'Recorded with your name, the pinned definitions and the quote version you saw.'}
        </span>
      </div>
    </Form>
  );
}
