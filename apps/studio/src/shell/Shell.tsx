import LogoutIcon from '@mui/icons-material/Logout';
import TranslateIcon from '@mui/icons-material/Translate';
import { AppBar, Box, Button, Link, MenuItem, Select, Stack, Toolbar, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router-dom';
import { LANGUAGES } from '../i18n/i18n.js';
import { useSession } from '../session/SessionContext.js';
import { areasOf } from '../session/tokenClaims.js';
import { useFocusHeadingOnRouteChange } from './useFocusHeadingOnRouteChange.js';

const AREAS = ['worklist', 'definitions', 'diff', 'audit'] as const;

/** The frame of every signed-in page: skip link, navigation by role, language, who is signed in. */
export function Shell() {
  const { t, i18n } = useTranslation();
  const { user, signOut } = useSession();
  const areas = areasOf(user);
  useFocusHeadingOnRouteChange();
  return (
    <>
      <Link className="skip-link" href="#main">
        {t('skipToContent')}
      </Link>
      <AppBar position="static" color="default" elevation={0} sx={{ bgcolor: '#0d2239', color: '#fff' }}>
        <Toolbar sx={{ flexWrap: 'wrap', gap: 1, py: 0.5 }}>
          <Typography component="span" sx={{ fontWeight: 700, letterSpacing: '0.02em', mr: 2 }}>
            {t('brand')}
          </Typography>
          <Box component="nav" aria-label={t('areas.label')}>
            <Stack component="ul" direction="row" sx={{ listStyle: 'none', m: 0, p: 0, gap: 0.5, flexWrap: 'wrap' }}>
              {AREAS.filter((area) => areas[area]).map((area) => (
                <li key={area}>
                  <Button component={NavLink} to={`/studio/${area}`} sx={{ color: '#fff', '&.active': { bgcolor: 'rgba(255,255,255,0.18)' } }}>
                    {t(`areas.${area}`)}
                  </Button>
                </li>
              ))}
            </Stack>
          </Box>
          <Stack direction="row" sx={{ ml: 'auto', alignItems: 'center', gap: 1.5, flexWrap: 'wrap' }}>
            <Select
              size="small"
              value={i18n.language}
              onChange={(event) => void i18n.changeLanguage(event.target.value)}
              inputProps={{ 'aria-label': t('language') }}
              startAdornment={<TranslateIcon fontSize="small" sx={{ mr: 0.5 }} aria-hidden />}
              sx={{ minWidth: 130, bgcolor: 'background.paper' }}
            >
              {Object.entries(LANGUAGES).map(([code, name]) => (
                <MenuItem key={code} value={code} lang={code}>
                  {name}
                </MenuItem>
              ))}
            </Select>
            <span>
              <span className="user-name">{user.name}</span>
              <Typography component="span" variant="body2" sx={{ color: '#c9d1d9' }}>
                {' '}
                {user.tenant}
                {user.region ? ` · ${user.region}` : ''}
              </Typography>
            </span>
            <Button variant="outlined" onClick={signOut} startIcon={<LogoutIcon aria-hidden />} sx={{ color: '#fff', borderColor: 'rgba(255,255,255,0.6)', bgcolor: 'transparent' }}>
              {t('signOut')}
            </Button>
          </Stack>
        </Toolbar>
      </AppBar>
      <div className="shell-main">
        <Outlet />
      </div>
    </>
  );
}
