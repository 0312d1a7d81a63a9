import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, Link as MuiLink, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useRetireDefinition } from '../data/definitionQueries.js';
import { ProblemMessage } from '../ui/ProblemMessage.js';
import type { DefinitionReferences } from './governanceTypes.js';
import { retirePreview } from './retirePreview.js';
import { versionPath } from './RefLinks.js';

/** The retire confirmation: the preview, then the command; the dialog names the consequence. */
export function RetireDialog({ open, onClose, onRetired, references, version }: { open: boolean; onClose: () => void; onRetired: () => void; references: DefinitionReferences; version: number }) {
  const { t } = useTranslation('definitions');
  const { kind, id } = references;
  const retire = useRetireDefinition(kind, id, version);
  const preview = retirePreview(references, version, new Date());
  const blocked = preview.blockers.length > 0;
  const close = () => {
    retire.reset();
    onClose();
  };
  return (
    <Dialog open={open} onClose={close} aria-labelledby="retire-title" fullWidth maxWidth="sm">
      <DialogTitle id="retire-title">{t('retire.title', { id, version })}</DialogTitle>
      <DialogContent>
        <Typography sx={{ mb: 1 }}>{t('retire.consequence', { version })}</Typography>
        <Typography sx={{ mb: 1 }}>{preview.openItems.capped ? t('usage.openItemsCapped', { count: preview.openItems.count }) : t('retire.pinned', { count: preview.openItems.count })}</Typography>
        {preview.current && kind === 'TaskType' ? (
          <Alert severity="warning" sx={{ mb: 1 }}>
            {preview.nextTaskTypeVersion !== undefined ? t('retire.currentTaskType', { id, next: preview.nextTaskTypeVersion }) : t('retire.currentTaskTypeNone', { id })}
          </Alert>
        ) : null}
        {blocked ? (
          <Alert severity="error" role="alert" sx={{ mb: 1 }}>
            {t('retire.blocked')}
            <Box component="ul" sx={{ m: 0, pl: 2 }}>
              {preview.blockers.map((l) => (
                <li key={l.ref}>
                  <MuiLink component={Link} to={versionPath(l.kind, l.id, l.version)}>
                    {l.id} v{l.version}
                  </MuiLink>{' '}
                  ({t(`kind.${l.kind}`, { defaultValue: l.kind })})
                </li>
              ))}
            </Box>
          </Alert>
        ) : null}
        {retire.error ? <ProblemMessage error={retire.error} title={t('retire.failed')} /> : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={close}>{t('retire.cancel')}</Button>
        <Button
          variant="contained"
          color="error"
          disabled={blocked || retire.isPending}
          onClick={() =>
            retire.mutate(undefined, {
              onSuccess: () => {
                onRetired();
                close();
              },
            })
          }
        >
          {t('retire.confirm', { version })}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
