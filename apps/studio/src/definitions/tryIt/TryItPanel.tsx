/**
 * "Try it": the version being edited beside the published one, for one item and one person,
 * before it is proposed. The item is a sample entered through the task type's evidence form, or
 * an existing item; the person is one of the directory's people. The server runs its own policy
 * code for both sides (`useSimulation`) and names what differs; this panel lays the two sides out
 * row by row and marks those rows. Nothing is saved.
 */
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import { Alert, Box, Button, FormControl, FormControlLabel, FormLabel, MenuItem, Paper, Radio, RadioGroup, Stack, TextField, Typography } from '@mui/material';
import type { DefinitionSimulation, SimulateDefinition } from '@mandate/client';
import type { RJSFSchema } from '@rjsf/utils';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSimulation } from '../../data/simulationQueries.js';
import { ThemedForm } from '../../forms/ThemedForm.js';
import { DEMO_USERS } from '../../session/demoUsers.js';
import { ProblemMessage } from '../../ui/ProblemMessage.js';
import { SimulationComparison } from './SimulationComparison.js';

/** The task type whose evidence a sample carries: the draft itself (kind TaskType) or a published one that uses the definition. */
export interface SampleTaskType {
  id: string;
  evidenceSchema: RJSFSchema | undefined;
}

export function TryItPanel({
  kind,
  id,
  version,
  sampleTaskType,
  unsavedChanges,
}: {
  kind: string;
  id: string;
  version: number;
  /** Absent: only existing items can be tried (no task type to enter a sample of). */
  sampleTaskType?: SampleTaskType;
  unsavedChanges: boolean;
}) {
  const { t } = useTranslation('tryIt');
  const simulation = useSimulation(kind, id, version);
  const [source, setSource] = useState<'sample' | 'existing'>(sampleTaskType ? 'sample' : 'existing');
  const [evidence, setEvidence] = useState<Record<string, unknown>>({});
  const [itemId, setItemId] = useState('');
  const [asUser, setAsUser] = useState('rita');
  const [triedAs, setTriedAs] = useState<string>();
  const headingId = useId();

  const body = (): SimulateDefinition =>
    source === 'existing' || !sampleTaskType
      ? { workItemIds: [itemId.trim()], asUser }
      : { sample: { evidence, ...(kind === 'TaskType' ? {} : { taskType: sampleTaskType.id }) }, asUser };
  const run = () => {
    setTriedAs(asUser);
    simulation.mutate(body());
  };
  const evidenceLabels = useMemo(() => labelsOf(sampleTaskType?.evidenceSchema), [sampleTaskType?.evidenceSchema]);
  const { t: tSession } = useTranslation('session');
  const person = (userId: string) => t('asUser.option', { id: userId, hint: tSession(`users.${userId}`) });

  return (
    <Paper component="section" variant="outlined" aria-labelledby={headingId} sx={{ p: 2, display: 'flex', flexDirection: 'column', gap: 2 }}>
      <div>
        <Typography component="h2" variant="h2" id={headingId}>
          {t('title')}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {t('intro')}
        </Typography>
      </div>
      {unsavedChanges ? <Alert severity="info">{t('unsaved')}</Alert> : null}

      {sampleTaskType ? (
        <FormControl>
          <FormLabel id={`${headingId}-source`}>{t('source.label')}</FormLabel>
          <RadioGroup row aria-labelledby={`${headingId}-source`} value={source} onChange={(event) => setSource(event.target.value as 'sample' | 'existing')}>
            <FormControlLabel value="sample" control={<Radio />} label={t('source.sample')} />
            <FormControlLabel value="existing" control={<Radio />} label={t('source.existing')} />
          </RadioGroup>
        </FormControl>
      ) : null}

      {source === 'sample' && sampleTaskType ? (
        <Box>
          <Typography component="h3" variant="h3">
            {t('sample.heading')}
          </Typography>
          {sampleTaskType.evidenceSchema ? (
            <ThemedForm
              schema={sampleTaskType.evidenceSchema}
              uiSchema={{ 'ui:submitButtonOptions': { norender: true }, 'ui:title': '', 'ui:description': '' }}
              formData={evidence}
              onChange={(event) => setEvidence((event.formData ?? {}))}
              idPrefix="try-it-evidence"
              noHtml5Validate
              showErrorList={false}
            />
          ) : (
            <Typography variant="body2">{t('sample.noEvidence')}</Typography>
          )}
        </Box>
      ) : (
        <TextField label={t('existing.label')} helperText={t('existing.help')} value={itemId} onChange={(event) => setItemId(event.target.value)} sx={{ maxWidth: 420 }} />
      )}

      <Stack direction={{ xs: 'column', sm: 'row' }} sx={{ gap: 2, alignItems: { sm: 'center' } }}>
        <TextField select label={t('asUser.label')} value={asUser} onChange={(event) => setAsUser(event.target.value)} sx={{ minWidth: 280 }}>
          {DEMO_USERS.map((userId) => (
            <MenuItem key={userId} value={userId}>
              {person(userId)}
            </MenuItem>
          ))}
        </TextField>
        <Button variant="contained" startIcon={<PlayArrowIcon aria-hidden />} onClick={run} disabled={simulation.isPending || (source === 'existing' && itemId.trim() === '')}>
          {simulation.isPending ? t('running') : t('run')}
        </Button>
      </Stack>

      {simulation.error ? <ProblemMessage error={simulation.error} title={t('failed')} /> : null}
      {simulation.data && triedAs ? <Results simulation={simulation.data} person={person(triedAs)} labels={evidenceLabels} /> : null}
    </Paper>
  );
}

function Results({ simulation, person, labels }: { simulation: DefinitionSimulation; person: string; labels: Record<string, string> }) {
  const { t } = useTranslation('tryIt');
  return (
    <Box role="region" aria-live="polite" aria-label={t('results.label')}>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {t('results.as', { person })}
      </Typography>
      {simulation.items.map((item) => (
        <SimulationComparison key={item.workItemId ?? 'sample'} item={item} version={simulation.definition.version} {...(simulation.published ? { publishedVersion: simulation.published.version } : {})} labels={labels} />
      ))}
    </Box>
  );
}

/** Field titles of an evidence schema's top-level properties. */
function labelsOf(schema: RJSFSchema | undefined): Record<string, string> {
  const properties = (schema?.properties ?? {}) as Record<string, { title?: unknown }>;
  return Object.fromEntries(Object.entries(properties).flatMap(([key, property]) => (typeof property.title === 'string' ? [[key, property.title]] : [])));
}
