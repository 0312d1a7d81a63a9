import LoginIcon from '@mui/icons-material/Login';
import { Alert, Box, Button, Container, Paper, Stack, TextField, Typography } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { useHealth } from '../data/runtimeQueries.js';
import { ProblemMessage } from '../ui/ProblemMessage.js';
import { QueryStatus } from '../ui/QueryStatus.js';
import { DEMO_USERS } from './demoUsers.js';
import { useSessionState } from './SessionContext.js';
import { homeOf } from './tokenClaims.js';

/** Dev mode: pick a demo user. JWT mode: paste an access token of the configured issuer. */
export function LoginPage() {
  const { t } = useTranslation('session');
  const { session, signInAsDemoUser, signInWithToken } = useSessionState();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  const healthQuery = useHealth();
  const health = healthQuery.data;
  const signIn = useMutation({ mutationFn: signInAsDemoUser, onSuccess: (user) => void navigate(from ?? homeOf(user), { replace: true }) });
  const [tokenError, setTokenError] = useState<Error>();
  const [token, setToken] = useState('');

  if (session) return <Navigate to={from ?? homeOf(session.user)} replace />;

  const pasteToken = (event: FormEvent) => {
    event.preventDefault();
    setTokenError(signInWithToken(token) ? undefined : new Error(t('notAToken')));
  };
  const error = signIn.error ?? tokenError;

  return (
    <Container component="main" id="main" maxWidth="md" className="login" sx={{ py: 3 }}>
      <Typography variant="h1" sx={{ mb: 2 }}>
        {t('title')}
      </Typography>
      {error ? <ProblemMessage error={error} title={t('failed')} /> : <QueryStatus of={healthQuery} loading={t('checking')} errorTitle={t('failed')} />}
      {health?.auth === 'dev' && (
        <Paper component="section" variant="outlined" aria-labelledby="demo-users" sx={{ p: { xs: 2, sm: 3 } }}>
          <Typography variant="h2" id="demo-users" sx={{ mb: 1.5 }}>
            {t('dev.title')}
          </Typography>
          <Alert severity="warning" sx={{ mb: 2 }}>
            {t('dev.warning')}
          </Alert>
          <Box component="ul" className="user-picker" sx={{ listStyle: 'none', m: 0, p: 0, display: 'grid', gap: 1, gridTemplateColumns: 'repeat(auto-fill, minmax(15rem, 1fr))' }}>
            {DEMO_USERS.map((id) => (
              <li key={id}>
                <Button
                  variant="outlined"
                  fullWidth
                  onClick={() => signIn.mutate(id)}
                  disabled={signIn.isPending || signIn.isSuccess}
                  aria-label={t('dev.signInAs', { id, hint: t(`users.${id}`) })}
                  sx={{ display: 'block', textAlign: 'left', py: 1, color: 'text.primary', borderColor: 'divider', '&:hover': { borderColor: 'primary.main' } }}
                >
                  {/* The visible words ("sam Sales manager") stay part of the name. */}
                  <Typography component="span" sx={{ fontWeight: 700, color: 'primary.main', display: 'block' }}>
                    {id}
                  </Typography>{' '}
                  <Typography component="span" variant="body2" sx={{ fontWeight: 400, display: 'block' }}>
                    {t(`users.${id}`)}
                  </Typography>
                </Button>
              </li>
            ))}
          </Box>
        </Paper>
      )}
      {health?.auth === 'jwt' && (
        <Paper component="form" variant="outlined" onSubmit={pasteToken} aria-labelledby="token-title" sx={{ p: { xs: 2, sm: 3 } }}>
          <Stack sx={{ gap: 2, maxWidth: '40rem' }}>
            <Typography variant="h2" id="token-title">
              {t('token.title')}
            </Typography>
            <Typography>{t('token.intro')}</Typography>
            <TextField id="token" label={t('token.label')} value={token} onChange={(e) => setToken(e.target.value)} multiline minRows={4} required />
            <Button type="submit" variant="contained" startIcon={<LoginIcon aria-hidden />} sx={{ alignSelf: 'flex-start' }}>
              {t('token.submit')}
            </Button>
          </Stack>
        </Paper>
      )}
    </Container>
  );
}
