import { validateAgainstSchema, type DefinitionKind } from '@mandate/definitions';
import type { RJSFSchema } from '@rjsf/utils';
import SaveIcon from '@mui/icons-material/Save';
import SendIcon from '@mui/icons-material/Send';
import { Alert, Button, Stack, TextField, Typography } from '@mui/material';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSubmitDefinition, useUpdateDraft } from '../data/definitionQueries.js';
import { problemFindings } from '../ui/problemText.js';
import { ProblemMessage } from '../ui/ProblemMessage.js';
import { DefinitionForm } from './DefinitionForm.js';
import { FindingList } from './FindingList.js';
import { type Finding, findingsToErrorSchema } from './findingsToErrorSchema.js';
import type { VersionView } from './governanceTypes.js';
import { TryItPanel } from './tryIt/TryItPanel.js';

/**
 * A draft in the generated form: live schema validation as one types, the server's validation and
 * lint findings (in the context of every stored version) on their fields after each save, and
 * submit for review (the version's query then shows it in review).
 */
export function DraftEditor({ view, kind }: { view: VersionView; kind: DefinitionKind }) {
  const updateDraft = useUpdateDraft(view.kind, view.id, view.version);
  const submit = useSubmitDefinition(view.kind, view.id, view.version);
  const [content, setContent] = useState(view.content);
  const [changeNote, setChangeNote] = useState(view.changeNote ?? '');
  const [findings, setFindings] = useState<Finding[]>(view.findings ?? []);
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState<'saving' | 'submitting'>();
  const [failure, setFailure] = useState<{ what: 'saving' | 'submitting'; error: unknown }>();
  const [saved, setSaved] = useState(false);
  const { t } = useTranslation('findings');
  const { t: tr } = useTranslation('draftEditor');
  // As one types, the schema's findings of the content as it is now, in the same plain words as the
  // server's; the server's other findings (references, duplicates, rules) stay until the next save.
  const liveSchemaFindings = useMemo(() => validateAgainstSchema(content), [content]);
  const extraErrors = useMemo(() => findingsToErrorSchema([...liveSchemaFindings, ...findings.filter((f) => !f.code.startsWith('SCHEMA_'))], t), [liveSchemaFindings, findings, t]);

  const save = async (): Promise<boolean> => {
    const next = await updateDraft.mutateAsync({ content, ...(changeNote ? { changeNote } : {}) });
    setFindings(next.findings ?? []);
    setContent(next.content);
    setDirty(false);
    setSaved(true);
    return !(next.findings ?? []).some((f) => f.severity === 'error');
  };

  const run = async (what: 'saving' | 'submitting') => {
    setBusy(what);
    setFailure(undefined);
    setSaved(false);
    try {
      const clean = await save();
      if (what === 'submitting') {
        if (!clean) throw new Error(tr('fixFirst'));
        await submit.mutateAsync();
      }
    } catch (e) {
      const fromProblem = problemFindings(e) as Finding[];
      if (fromProblem.length) setFindings(fromProblem);
      setFailure({ what, error: e });
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <section className="draft-editor" aria-label={tr('region', { version: view.version })}>
      {view.reviewComment && view.reviewer ? (
        <Alert severity="warning" className="review-comment" role="note">
          {tr('sentBack', { reviewer: view.reviewer, comment: view.reviewComment })}
        </Alert>
      ) : null}
      <FindingList findings={findings} />
      <DefinitionForm
        kind={kind}
        content={content}
        extraErrors={extraErrors}
        onChange={(next) => {
          setContent(next);
          setDirty(true);
          setSaved(false);
        }}
      >
        <Stack className="form-actions" direction="row" sx={{ gap: 1.5, alignItems: 'center', flexWrap: 'wrap' }}>
          <TextField size="small" label={tr('changeNote')} value={changeNote} onChange={(e) => (setChangeNote(e.target.value), setDirty(true))} sx={{ minWidth: 240, flex: '1 1 240px', maxWidth: 480 }} />
          <Button variant="outlined" startIcon={<SaveIcon aria-hidden />} disabled={busy !== undefined} onClick={() => void run('saving')}>
            {busy === 'saving' ? tr('saving') : tr('save')}
          </Button>
          <Button variant="contained" startIcon={<SendIcon aria-hidden />} disabled={busy !== undefined} onClick={() => void run('submitting')}>
            {busy === 'submitting' ? tr('submitting') : tr('submit')}
          </Button>
          <Typography component="span" role="status" aria-live="polite" variant="body2" color="text.secondary">
            {dirty ? tr('unsaved') : saved ? tr('saved') : ''}
          </Typography>
        </Stack>
      </DefinitionForm>
      {failure ? <ProblemMessage error={failure.error} title={failure.what === 'submitting' ? tr('notSubmitted') : tr('notSaved')} /> : null}
      <TryItPanel kind={view.kind} id={view.id} version={view.version} unsavedChanges={dirty} {...(kind === 'TaskType' ? { sampleTaskType: { id: view.id, evidenceSchema: content.evidenceSchema as RJSFSchema | undefined } } : {})} />
    </section>
  );
}
