import type { AllowedActions } from '@mandate/client';
import { Box, Button, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { explainCheck } from '../ui/checkReasons.js';

/**
 * An action from allowed-actions: a button, and when it is disabled the one reason that decides it
 * (the server orders the checks most permanent first: a four-eyes refusal before "claim first"),
 * linked for screen readers.
 */
export function ActionButton({ action, busy, onClick, pressed, expanded }: { action: AllowedActions['actions'][number]; busy: boolean; onClick: () => void; pressed?: boolean; expanded?: boolean }) {
  const { t } = useTranslation();
  const reasonId = `reason-${action.kind}-${action.code}`;
  const reason = action.disabledReason ?? action.failedChecks[0];
  return (
    <Box className={`action ${action.enabled ? 'enabled' : 'disabled'}`} sx={{ display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: 0.25 }}>
      <Button
        variant={pressed ? 'contained' : 'outlined'}
        disabled={!action.enabled || busy}
        onClick={onClick}
        {...(pressed !== undefined ? { 'aria-pressed': pressed } : {})}
        {...(expanded !== undefined ? { 'aria-expanded': expanded } : {})}
        {...(!action.enabled && reason !== undefined ? { 'aria-describedby': reasonId } : {})}
      >
        {action.label}
      </Button>
      {!action.enabled && reason !== undefined && (
        <Typography variant="body2" className="disabled-reason" id={reasonId} data-check={reason} sx={{ color: 'warning.main' }}>
          {explainCheck(reason, t)}
        </Typography>
      )}
    </Box>
  );
}
