/**
 * Recovery actions of the item's action policy (reconcile, retry, compensate,
 * force a state...), from allowed-actions like every other action: disabled ones show why. Taking
 * one asks for what the policy requires (reason code, comment, acknowledgements) and sends it once
 * under an idempotency key; a dangerous action may come back waiting for a second person (202).
 */
import type { AllowedActions } from '@mandate/client';
import { Alert, Box, Button, Checkbox, FormControlLabel, Paper, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRunAction } from '../data/workItemQueries.js';
import { ActionButton } from './ActionButton.js';
import type { RunCommand } from './ItemPage.js';
import type { ReasonCode } from './pinnedDefinitions.js';

type Action = AllowedActions['actions'][number];

export function RecoveryActions({ itemId, actions, reasonCodes, busy, run }: { itemId: string; actions: Action[]; reasonCodes: ReasonCode[]; busy: boolean; run: RunCommand }) {
  const { t } = useTranslation('item');
  const runAction = useRunAction(itemId);
  const [open, setOpen] = useState<string>();
  if (actions.length === 0) return null;
  const chosen = actions.find((a) => a.code === open && a.enabled);
  return (
    <>
      <Typography variant="h3" sx={{ mt: 2, mb: 1 }}>
        {t('actions.recovery')}
      </Typography>
      <Stack component="ul" sx={{ listStyle: 'none', m: 0, p: 0, gap: 1 }}>
        {actions.map((a) => (
          <li key={a.code}>
            <ActionButton action={a} busy={busy} expanded={open === a.code} onClick={() => setOpen((o) => (o === a.code ? undefined : a.code))} />
          </li>
        ))}
      </Stack>
      {chosen && (
        <RecoveryActionForm
          key={chosen.code}
          action={chosen}
          reasonCodes={reasonCodes.filter((r) => r.appliesTo.includes(chosen.code))}
          busy={busy}
          onSubmit={(body) =>
            void run(chosen.label, async () => {
              const { status } = await runAction.mutateAsync({ code: chosen.code, body, idempotencyKey: crypto.randomUUID() });
              setOpen(undefined);
              return status === 202 ? t('recovery.waiting', { action: chosen.label }) : t('recovery.done', { action: chosen.label });
            })
          }
        />
      )}
    </>
  );
}

function RecoveryActionForm({ action, reasonCodes, busy, onSubmit }: { action: Action; reasonCodes: ReasonCode[]; busy: boolean; onSubmit: (body: { reasonCode?: string; comment?: string; acknowledged?: boolean }) => void }) {
  const { t } = useTranslation('item');
  const needs = new Set(action.requiredFields);
  const [reasonCode, setReasonCode] = useState('');
  const [comment, setComment] = useState('');
  const [acknowledged, setAcknowledged] = useState(false);
  const id = (field: string) => `recovery-${action.code}-${field}`;
  return (
    <Paper
      component="form"
      variant="outlined"
      aria-label={action.label}
      sx={{ p: 2, mt: 1.5 }}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit({
          ...(reasonCode ? { reasonCode } : {}),
          ...(comment.trim() ? { comment: comment.trim() } : {}),
          ...(action.requiredAcknowledgements.length ? { acknowledged } : {}),
        });
      }}
    >
      <Stack sx={{ gap: 2 }}>
        {(needs.has('reasonCode') || reasonCodes.length > 0) && (
          <TextField
            select
            size="small"
            id={id('reason')}
            label={needs.has('reasonCode') ? t('recovery.reason') : t('recovery.reasonOptional')}
            value={reasonCode}
            onChange={(e) => setReasonCode(e.target.value)}
            required={needs.has('reasonCode')}
            slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
          >
            <option value="">{t('recovery.chooseReason')}</option>
            {reasonCodes.map((r) => (
              <option key={r.code} value={r.code}>
                {r.label}
              </option>
            ))}
          </TextField>
        )}
        <TextField
          id={id('comment')}
          label={needs.has('comment') ? t('recovery.comment') : t('recovery.commentOptional')}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          required={needs.has('comment')}
          multiline
          minRows={2}
        />
        {action.requiredAcknowledgements.map((text) => (
          <FormControlLabel key={text} control={<Checkbox checked={acknowledged} onChange={(e) => setAcknowledged(e.target.checked)} required />} label={text} />
        ))}
        {action.requiresSecondApproval && <Alert severity="info">{t('recovery.needsSecond')}</Alert>}
        <Box>
          <Button type="submit" variant="contained" disabled={busy}>
            {action.label}
          </Button>
        </Box>
      </Stack>
    </Paper>
  );
}
