/**
 * Recovery actions of the item's action policy (reconcile, retry, compensate,
 * force a state...), from allowed-actions like every other action: disabled ones show why. Taking
 * one asks for what the policy requires (reason code, comment, acknowledgements) and sends it once
 * under an idempotency key; a dangerous action may come back waiting for a second person (202).
 */
import type { AllowedActions } from '@mandate/client';
import { useState } from 'react';
import { useRunAction } from '../data/workItemQueries.js';
import { ActionButton } from './ActionButton.js';
import type { RunCommand } from './ItemPage.js';
import type { ReasonCode } from './pinnedDefinitions.js';

type Action = AllowedActions['actions'][number];

export function RecoveryActions({ itemId, actions, reasonCodes, busy, run }: { itemId: string; actions: Action[]; reasonCodes: ReasonCode[]; busy: boolean; run: RunCommand }) {
  const runAction = useRunAction(itemId);
  const [open, setOpen] = useState<string>();
  if (actions.length === 0) return null;
  const chosen = actions.find((a) => a.code === open && a.enabled);
  return (
    <>
      <h3>Recovery actions</h3>
      <ul className="decision-actions">
        {actions.map((a) => (
          <li key={a.code}>
            <ActionButton action={a} busy={busy} expanded={open === a.code} onClick={() => setOpen((o) => (o === a.code ? undefined : a.code))} />
          </li>
        ))}
      </ul>
      {chosen && (
        <RecoveryActionForm
          key={chosen.code}
          action={chosen}
          reasonCodes={reasonCodes.filter((r) => r.appliesTo.includes(chosen.code))}
          busy={busy}
          onSubmit={(body) =>
            void run(chosen.label, async () => {
              const { status, result } = await runAction.mutateAsync({ code: chosen.code, body, idempotencyKey: crypto.randomUUID() });
              setOpen(undefined);
              return status === 202 ? `${chosen.label} is waiting for a second person's approval.` : `${chosen.label}: done (${result.action}).`;
            })
          }
        />
      )}
    </>
  );
}

function RecoveryActionForm({ action, reasonCodes, busy, onSubmit }: { action: Action; reasonCodes: ReasonCode[]; busy: boolean; onSubmit: (body: { reasonCode?: string; comment?: string; acknowledged?: boolean }) => void }) {
  const needs = new Set(action.requiredFields);
  const [reasonCode, setReasonCode] = useState('');
  const [comment, setComment] = useState('');
  const [acknowledged, setAcknowledged] = useState(false);
  const id = (field: string) => `recovery-${action.code}-${field}`;
  return (
    <form
      className="stack inline-form"
      aria-label={action.label}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit({
          ...(reasonCode ? { reasonCode } : {}),
          ...(comment.trim() ? { comment: comment.trim() } : {}),
          ...(action.requiredAcknowledgements.length ? { acknowledged } : {}),
        });
      }}
    >
      {(needs.has('reasonCode') || reasonCodes.length > 0) && (
        <>
          <label htmlFor={id('reason')}>Reason{needs.has('reasonCode') ? '' : ' (optional)'}</label>
          <select id={id('reason')} value={reasonCode} onChange={(e) => setReasonCode(e.target.value)} required={needs.has('reasonCode')}>
            <option value="">Choose a reason</option>
            {reasonCodes.map((r) => (
              <option key={r.code} value={r.code}>
                {r.label}
              </option>
            ))}
          </select>
        </>
      )}
      <label htmlFor={id('comment')}>Comment{needs.has('comment') ? '' : ' (optional)'}</label>
      <textarea id={id('comment')} value={comment} onChange={(e) => setComment(e.target.value)} required={needs.has('comment')} rows={2} />
      {action.requiredAcknowledgements.map((text) => (
        <label key={text} className="checkbox">
          <input type="checkbox" checked={acknowledged} onChange={(e) => setAcknowledged(e.target.checked)} required /> {text}
        </label>
      ))}
      {action.requiresSecondApproval && <p className="muted small">A second person must approve this action before it takes effect.</p>}
      <button type="submit" disabled={busy}>
        {action.label}
      </button>
    </form>
  );
}
