import type { FieldProps } from '@rjsf/utils';
import { useState } from 'react';
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
    <input
      id={props.id}
      aria-label={props.label}
      aria-invalid={props.invalid}
      value={text}
      disabled={props.disabled}
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
    <ul className="field-errors" id={id}>
      {errors.map((e) => (
        <li key={e}>{e}</li>
      ))}
    </ul>
  );
}

/**
 * The codes of a ReasonCodeSet as a table: one row per code, every cell a labelled input, errors
 * (schema and server findings) under the cell they point at.
 */
export function ReasonCodeTable(props: FieldProps<ReasonCode[]>) {
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

  return (
    <fieldset className="reason-code-table">
      <legend>Reason codes</legend>
      <CellErrors id={`${base}__errors`} errors={tableErrors} />
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col">Label</th>
              <th scope="col">Applies to decisions</th>
              <th scope="col">Risk</th>
              <th scope="col">Second approval</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {codes.map((c, i) => {
              const rowId = `${base}_${i}`;
              const errs = (key: string) => errorsAt(errorSchema, i, key);
              const rowErrors = errorsAt(errorSchema, i);
              const rowName = c.code || `row ${i + 1}`;
              return (
                <tr key={i} className={rowErrors.length || ['code', 'label', 'appliesTo', 'riskLevel'].some((k) => errs(k).length) ? 'has-error' : undefined}>
                  <td>
                    <input
                      id={`${rowId}_code`}
                      aria-label={`Code of ${rowName}`}
                      aria-invalid={errs('code').length > 0}
                      aria-describedby={errs('code').length ? `${rowId}_code__errors` : undefined}
                      value={c.code}
                      disabled={locked}
                      onChange={(e) => patch(i, { code: e.target.value.toUpperCase() })}
                    />
                    <CellErrors id={`${rowId}_code__errors`} errors={errs('code')} />
                    <CellErrors id={`${rowId}__errors`} errors={rowErrors} />
                  </td>
                  <td>
                    <input
                      id={`${rowId}_label`}
                      aria-label={`Label of ${rowName}`}
                      aria-invalid={errs('label').length > 0}
                      value={c.label}
                      disabled={locked}
                      onChange={(e) => patch(i, { label: e.target.value })}
                    />
                    <CellErrors id={`${rowId}_label__errors`} errors={errs('label')} />
                  </td>
                  <td>
                    <CodeListInput
                      id={`${rowId}_appliesTo`}
                      label={`Decisions ${rowName} applies to (comma separated)`}
                      invalid={errs('appliesTo').length > 0}
                      value={c.appliesTo ?? []}
                      disabled={locked}
                      onChange={(appliesTo) => patch(i, { appliesTo })}
                    />
                    <CellErrors id={`${rowId}_appliesTo__errors`} errors={errs('appliesTo')} />
                  </td>
                  <td>
                    <select
                      id={`${rowId}_riskLevel`}
                      aria-label={`Risk level of ${rowName}`}
                      value={c.riskLevel}
                      disabled={locked}
                      onChange={(e) => patch(i, { riskLevel: e.target.value as ReasonCode['riskLevel'] })}
                    >
                      {RISK_LEVELS.map((r) => (
                        <option key={r}>{r}</option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input
                      type="checkbox"
                      id={`${rowId}_requiresSecondApproval`}
                      aria-label={`${rowName} requires a second approval`}
                      checked={c.requiresSecondApproval === true}
                      disabled={locked}
                      onChange={(e) => patch(i, { requiresSecondApproval: e.target.checked })}
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      disabled={locked || codes.length <= 1}
                      aria-label={`Remove ${rowName}`}
                      onClick={() => set(codes.filter((_, j) => j !== i))}
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {!locked && (
        <button type="button" onClick={() => set([...codes, { code: '', label: '', appliesTo: [], riskLevel: 'LOW' }])}>
          Add reason code
        </button>
      )}
    </fieldset>
  );
}
