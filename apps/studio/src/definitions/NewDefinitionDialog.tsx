/**
 * "New definition": a governance admin names a definition that does not exist yet (its kind, a
 * code and a title) and lands in the draft editor of its first version. The code is checked as
 * it is typed (capitals, digits and single underscores, as every definition id) and against the
 * definitions that exist, so a taken code leads to the existing one instead of a refusal.
 */
import AddIcon from '@mui/icons-material/Add';
import { Button, Dialog, DialogActions, DialogContent, DialogTitle, Link, MenuItem, Stack, TextField } from '@mui/material';
import { CODE_PATTERN, DEFINITION_KINDS, type DefinitionKind } from '@mandate/definitions';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useNavigate } from 'react-router-dom';
import { definitionKeys, useDefinitionList } from '../data/definitionQueries.js';
import { auditKeys } from '../data/auditQueries.js';
import { ProblemMessage } from '../ui/ProblemMessage.js';
import { useGovernance } from './useGovernance.js';

/** What is wrong with a typed code, as a key of the `newDefinition` strings; undefined when it is fine. */
export function codeProblem(code: string): 'code.empty' | 'code.shape' | 'code.long' | undefined {
  if (code === '') return 'code.empty';
  if (code.length > 80) return 'code.long';
  return CODE_PATTERN.test(code) ? undefined : 'code.shape';
}

/** "Shipping surcharge approval" -> "SHIPPING_SURCHARGE_APPROVAL": a code proposed from the title until the admin types one. */
export function codeFromTitle(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase()
    .replace(/^([0-9])/, 'N$1')
    .slice(0, 80);
}

function useCreateDefinition() {
  const { api } = useGovernance();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, id, title }: { kind: DefinitionKind; id: string; title: string }) => api.createDraft(kind, id, { content: { title } }),
    onSuccess: async (view) => {
      queryClient.setQueryData(definitionKeys.version(view.kind, view.id, view.version), view);
      await Promise.all([definitionKeys.lists(), definitionKeys.versions(view.kind, view.id), auditKeys.all].map((queryKey) => queryClient.invalidateQueries({ queryKey })));
    },
  });
}

export function NewDefinitionButton({ initialKind }: { initialKind?: DefinitionKind }) {
  const { t } = useTranslation('newDefinition');
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="contained" startIcon={<AddIcon aria-hidden />} onClick={() => setOpen(true)}>
        {t('open')}
      </Button>
      {open ? <NewDefinitionDialog onClose={() => setOpen(false)} {...(initialKind ? { initialKind } : {})} /> : null}
    </>
  );
}

function NewDefinitionDialog({ onClose, initialKind = 'TaskType' }: { onClose: () => void; initialKind?: DefinitionKind }) {
  const { t } = useTranslation('newDefinition');
  const navigate = useNavigate();
  const create = useCreateDefinition();
  const existing = useDefinitionList();
  const [kind, setKind] = useState<DefinitionKind>(initialKind);
  const [title, setTitle] = useState('');
  const [typedCode, setTypedCode] = useState<string>();
  const [touched, setTouched] = useState(false);
  const titleId = useId();
  const code = typedCode ?? codeFromTitle(title);
  const problem = codeProblem(code);
  const taken = existing.data?.find((d) => d.id === code);
  const blocked = problem !== undefined || taken !== undefined || title.trim() === '' || create.isPending;

  const submit = () => {
    setTouched(true);
    if (blocked) return;
    create.mutate({ kind, id: code, title: title.trim() }, { onSuccess: (view) => void navigate(`/studio/definitions/${encodeURIComponent(view.kind)}/${encodeURIComponent(view.id)}/${view.version}`) });
  };

  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} fullWidth maxWidth="sm">
      <DialogTitle id={titleId}>{t('title')}</DialogTitle>
      <DialogContent>
        <Stack sx={{ gap: 2, pt: 1 }}>
          <TextField select label={t('kind')} value={kind} onChange={(event) => setKind(event.target.value as DefinitionKind)}>
            {DEFINITION_KINDS.map((k) => (
              <MenuItem key={k} value={k}>
                {t(`kinds.${k}`)}
              </MenuItem>
            ))}
          </TextField>
          <TextField label={t('name')} value={title} required onChange={(event) => setTitle(event.target.value)} error={touched && title.trim() === ''} helperText={touched && title.trim() === '' ? t('nameRequired') : t('nameHelp')} autoFocus />
          <TextField
            label={t('code.label')}
            value={code}
            required
            onChange={(event) => setTypedCode(event.target.value.toUpperCase())}
            error={code !== '' && (problem !== undefined || taken !== undefined)}
            helperText={
              taken ? (
                <>
                  {t('code.taken', { kind: t(`kinds.${taken.kind}`) })}{' '}
                  <Link component={RouterLink} to={`/studio/definitions/${encodeURIComponent(taken.kind)}/${encodeURIComponent(taken.id)}`} onClick={onClose}>
                    {t('code.openTaken')}
                  </Link>
                </>
              ) : code !== '' && problem ? (
                t(problem)
              ) : (
                t('code.help')
              )
            }
            slotProps={{ htmlInput: { spellCheck: false, autoCapitalize: 'characters', maxLength: 80 } }}
          />
          {create.error ? <ProblemMessage error={create.error} title={t('failed')} /> : null}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('cancel')}</Button>
        <Button variant="contained" onClick={submit} disabled={create.isPending}>
          {create.isPending ? t('creating') : t('create')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
