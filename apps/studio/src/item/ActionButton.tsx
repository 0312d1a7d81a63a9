import type { AllowedActions } from '@mandate/client';
import { explainCheck } from '../ui/checkReasons.js';

/**
 * An action from allowed-actions: a button, and when it is disabled the one reason that decides it
 * (the server orders the checks most permanent first: a four-eyes refusal before "claim first"),
 * linked for screen readers.
 */
export function ActionButton({ action, busy, onClick, pressed, expanded }: { action: AllowedActions['actions'][number]; busy: boolean; onClick: () => void; pressed?: boolean; expanded?: boolean }) {
  const reasonId = `reason-${action.kind}-${action.code}`;
  const reason = action.disabledReason ?? action.failedChecks[0];
  return (
    <div className={`action ${action.enabled ? 'enabled' : 'disabled'}`}>
      <button
        type="button"
        className={pressed ? 'pressed' : 'secondary'}
        disabled={!action.enabled || busy}
        onClick={onClick}
        {...(pressed !== undefined ? { 'aria-pressed': pressed } : {})}
        {...(expanded !== undefined ? { 'aria-expanded': expanded } : {})}
        {...(!action.enabled && reason !== undefined ? { 'aria-describedby': reasonId } : {})}
      >
        {action.label}
      </button>
      {!action.enabled && reason !== undefined && (
        <p className="disabled-reason" id={reasonId} data-check={reason}>
          {explainCheck(reason)}
        </p>
      )}
    </div>
  );
}
