import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Link from '@mui/material/Link';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import Typography from '@mui/material/Typography';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { type Finding, findingSentence, pointerSegments } from './findingsToErrorSchema.js';

/** The rjsf id of the field a pointer names (`/codes/2/code` -> `root_codes_2_code`). */
export function fieldIdOf(pointer: string): string {
  return ['root', ...pointerSegments(pointer)].join('_');
}

const FOCUSABLE = 'input:not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled]), [href], [tabindex]:not([tabindex="-1"])';

/**
 * The element to focus for a pointer: the field with the pointer's rjsf id when it can take focus,
 * else the first focusable element inside it (a custom field's container), else the first
 * focusable element whose id lies under it (`root_codes_7_…` for a whole row), else the same for
 * the pointer's parent, up to the form's root.
 */
export function focusTargetOf(pointer: string, root: ParentNode = document): HTMLElement | undefined {
  const segments = pointerSegments(pointer);
  for (let n = segments.length; n >= 0; n--) {
    const id = ['root', ...segments.slice(0, n)].join('_');
    const field = root.querySelector<HTMLElement>(`[id="${CSS.escape(id)}"]`);
    if (field?.matches(FOCUSABLE)) return field;
    const inside = field?.querySelector<HTMLElement>(FOCUSABLE) ?? root.querySelector<HTMLElement>(`[id^="${CSS.escape(`${id}_`)}"]:is(${FOCUSABLE})`);
    if (inside) return inside;
  }
  return undefined;
}

/** Moves focus to the field a finding names, scrolled into view. */
function focusField(pointer: string): boolean {
  const target = focusTargetOf(pointer);
  if (!target) return false;
  target.scrollIntoView({ block: 'center' });
  target.focus({ preventScroll: true });
  return true;
}

/**
 * The summary at the top of the draft editor: how many problems stand between the draft and
 * review, then each finding in plain words as a link that moves focus to its field. Errors first;
 * warnings say they do not block.
 */
export function FindingList({ findings }: { findings: readonly Finding[] }) {
  const { t } = useTranslation('findings');
  const titleId = useId();
  if (!findings.length) {
    return (
      <Alert severity="success" className="findings findings-none" sx={{ mb: 2 }}>
        {t('summary.none')}
      </Alert>
    );
  }
  const errors = findings.filter((f) => f.severity === 'error');
  const warnings = findings.filter((f) => f.severity !== 'error');
  const ordered = [...errors, ...warnings];
  return (
    <Alert
      severity={errors.length ? 'error' : 'warning'}
      className="findings"
      component="section"
      role="region"
      aria-labelledby={titleId}
      sx={{ mb: 2, '& .MuiAlert-message': { width: '100%', minWidth: 0 } }}
    >
      <AlertTitle id={titleId} component="h2" sx={{ typography: 'subtitle1', fontWeight: 600 }}>
        {errors.length ? t('summary.title', { count: errors.length }) : t('summary.warnings', { count: warnings.length })}
      </AlertTitle>
      {errors.length && warnings.length ? <Typography variant="body2">{t('summary.warnings', { count: warnings.length })}</Typography> : null}
      <List dense disablePadding sx={{ listStyle: 'disc', pl: 2.5 }}>
        {ordered.map((f, i) => (
          <ListItem key={i} disableGutters sx={{ display: 'list-item', py: 0.25 }} className={`finding finding-${f.severity}`}>
            {f.severity !== 'error' ? <Typography component="span" variant="body2" sx={{ fontWeight: 600 }}>{t('summary.warning')}: </Typography> : null}
            <Link
              href={`#${fieldIdOf(f.pointer)}`}
              variant="body2"
              color="inherit"
              underline="always"
              sx={{ overflowWrap: 'anywhere' }}
              onClick={(e) => {
                if (focusField(f.pointer)) e.preventDefault();
              }}
            >
              {findingSentence(f, t)}
            </Link>
          </ListItem>
        ))}
      </List>
    </Alert>
  );
}
