/**
 * The studio's one set of design tokens (colour, spacing, type scale, shape, focus) as an MUI
 * theme. Every screen takes its colours and sizes from here (MUI's `sx`, `theme.palette`,
 * `theme.spacing`), never from literals of its own.
 */
import { createTheme } from '@mui/material/styles';

/** The focus ring: amber on white is 2.1:1, so it is drawn dark (#0b3d91, 9.9:1 on white) with a white halo (for dark surfaces such as the header). */
export const FOCUS_RING = '#0b3d91';

const FOCUS_STYLE = { outline: `3px solid ${FOCUS_RING}`, outlineOffset: '2px', boxShadow: '0 0 0 5px #ffffff' } as const;

export const theme = createTheme({
  cssVariables: true,
  spacing: 8,
  shape: { borderRadius: 6 },
  palette: {
    mode: 'light',
    primary: { main: '#0b5cad', dark: '#083f78', contrastText: '#ffffff' },
    secondary: { main: '#57606a', contrastText: '#ffffff' },
    error: { main: '#a40e26' },
    warning: { main: '#7a4a00' },
    success: { main: '#116329' },
    info: { main: '#0b5cad' },
    text: { primary: '#1b1f24', secondary: '#57606a' },
    background: { default: '#f6f8fa', paper: '#ffffff' },
    divider: '#d0d7de',
  },
  typography: {
    fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
    fontSize: 14,
    h1: { fontSize: '1.5rem', fontWeight: 600, lineHeight: 1.3 },
    h2: { fontSize: '1.2rem', fontWeight: 600, lineHeight: 1.35 },
    h3: { fontSize: '1.05rem', fontWeight: 600, lineHeight: 1.4 },
    h4: { fontSize: '0.95rem', fontWeight: 600 },
    button: { textTransform: 'none', fontWeight: 600 },
  },
  components: {
    MuiButtonBase: { defaultProps: { disableRipple: false } },
    MuiButton: { defaultProps: { disableElevation: true } },
    MuiCssBaseline: {
      styleOverrides: {
        // One visible focus ring for every control, 3:1 or better against both the page and the header.
        ':focus-visible': FOCUS_STYLE,
        // MUI's buttons, tabs and links reset the outline in their own styles, which come later: the ring goes back on
        // them, and around a text field or select (its outlined box) while its input has focus.
        '.MuiButtonBase-root:focus-visible, .MuiLink-root:focus-visible, .MuiInputBase-root:has(:focus-visible)': FOCUS_STYLE,
        '.visually-hidden': { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' },
      },
    },
  },
});
