import { CacheProvider } from '@emotion/react';
import { CssBaseline, ThemeProvider } from '@mui/material';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { BrowserRouter } from 'react-router-dom';
import { App } from './App.js';
import { createQueryClient, forgetUserData } from './data/createQueryClient.js';
import { i18n } from './i18n/i18n.js';
import { SessionProvider } from './session/SessionContext.js';
import { emotionCache } from './theme/emotionCache.js';
import { theme } from './theme/theme.js';
import './styles.css';

const queryClient = createQueryClient();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <CacheProvider value={emotionCache}>
        <ThemeProvider theme={theme}>
          <CssBaseline />
          <QueryClientProvider client={queryClient}>
            <BrowserRouter>
              <SessionProvider onUserChange={() => forgetUserData(queryClient)}>
                <App />
              </SessionProvider>
            </BrowserRouter>
          </QueryClientProvider>
        </ThemeProvider>
      </CacheProvider>
    </I18nextProvider>
  </StrictMode>,
);
