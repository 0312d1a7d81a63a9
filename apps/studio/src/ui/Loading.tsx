import { CircularProgress, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';

/** A polite loading line for screen readers and eyes. */
export function Loading({ what }: { what?: string }) {
  const { t } = useTranslation();
  return (
    <Stack direction="row" className="loading" role="status" aria-live="polite" sx={{ alignItems: 'center', gap: 1, my: 1.5 }}>
      <CircularProgress size={16} aria-hidden />
      <Typography component="span">{what ? `${what}…` : t('loading')}</Typography>
    </Stack>
  );
}
