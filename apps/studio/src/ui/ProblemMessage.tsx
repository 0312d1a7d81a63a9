import { MandateProblem } from '@mandate/client';
import { Alert, AlertTitle, Box, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { explainCheck } from './checkReasons.js';

/** An error as the user should read it: a runtime problem with its title, detail, violations and code; anything else by message. */
export function ProblemMessage({ error, title }: { error: unknown; title?: string }) {
  const { t } = useTranslation();
  if (error instanceof MandateProblem) {
    return (
      <Alert severity="error" role="alert" className="problem" sx={{ my: 1.5 }}>
        <AlertTitle>{title ?? error.title}</AlertTitle>
        {error.detail && <Typography variant="body2">{error.detail}</Typography>}
        {error.violations && error.violations.length > 0 && (
          <Box component="ul" sx={{ my: 0.5, pl: 2.5 }}>
            {error.violations.map((v, i) => (
              <li key={i}>
                {v.code ? <>{explainCheck(v.code, t)}: </> : null}
                {v.message}
              </li>
            ))}
          </Box>
        )}
        <Typography variant="body2" sx={{ mt: 0.5 }}>
          {t('problem.code', { code: error.code })}
          {error.requestId ? ` · ${t('problem.requestId', { id: error.requestId })}` : ''}
        </Typography>
      </Alert>
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return (
    <Alert severity="error" role="alert" className="problem" sx={{ my: 1.5 }}>
      <AlertTitle>{title ?? t('problem.fallbackTitle')}</AlertTitle>
      {message.startsWith('Failed to fetch') ? t('problem.unreachable') : message}
    </Alert>
  );
}
