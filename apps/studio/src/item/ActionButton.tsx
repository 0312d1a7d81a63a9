import type { AllowedActions } from '@mandate/client';
import { explainCheck, rankChecks } from '../ui/checkReasons.js';

/** An action from allowed-actions: a button, and when it is disabled the reasons, linked for screen readers. */
export function ActionButton({ action, busy, onClick, pressed, expanded }: { action: AllowedActions['actions'][number]; busy: boolean; onClick: () => void; pressed?: boolean; expanded?: boolean }) {
  const reasonId = `reason-${action.kind}-${action.code}`;
  const checks = rankChecks(action.failedChecks);
  return (
    <div className={`action ${action.enabled ? 'enabled' : 'disabled'}`}>
      <button
        type="button"
        className={pressed ? 'pressed' : 'secondary'}
        disabled={!action.enabled || busy}
        onClick={onClick}
        {...(pressed !== undefined ? { 'aria-pressed': pressed } : {})}
        {...(expanded !== undefined ? { 'aria-expanded': expanded } : {})}
        {...(!action.enabled ? { 'aria-describedby': reasonId } : {})}
      >
        {action.label}
      </button>
      {!action.enabled && (
        <ul className="disabled-reasons" id={reasonId}>
          {checks.map((c) => (
            <li key={c} data-check={c}>
              {explainCheck(c)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
