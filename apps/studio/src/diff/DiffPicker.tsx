import CompareArrowsIcon from '@mui/icons-material/CompareArrows';
import { Button, Paper, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useDefinitionList } from '../data/definitionQueries.js';
import { QueryStatus } from '../ui/QueryStatus.js';

/** Pick a definition to diff; its page picks the versions. */
export function DiffPicker() {
  const { t } = useTranslation('diff');
  const navigate = useNavigate();
  const list = useDefinitionList();
  const [choice, setChoice] = useState('');
  const definitions = (list.data ?? []).filter((d) => d.versions.length >= 2);
  const go = () => {
    const d = definitions.find((x) => `${x.kind}/${x.id}` === choice);
    if (!d) return;
    const [a, b] = d.versions.slice(-2);
    void navigate(`${encodeURIComponent(d.kind)}/${encodeURIComponent(d.id)}?from=${a!.version}&to=${b!.version}`);
  };
  return (
    <main id="main" className="diff-picker">
      <Typography variant="h1" sx={{ mb: 2 }}>
        {t('picker.title')}
      </Typography>
      <QueryStatus of={list} loading={t('picker.loading')} errorTitle={t('picker.failed')} />
      <Paper
        component="form"
        variant="outlined"
        sx={{ p: 2 }}
        onSubmit={(e) => {
          e.preventDefault();
          go();
        }}
      >
        <Stack direction={{ xs: 'column', sm: 'row' }} sx={{ gap: 1.5, alignItems: { sm: 'center' } }}>
          <TextField
            select
            size="small"
            id="diff-definition"
            label={t('picker.definition')}
            value={choice}
            onChange={(e) => setChoice(e.target.value)}
            required
            slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
            sx={{ minWidth: { sm: '28rem' }, maxWidth: '100%' }}
          >
            <option value="">{t('picker.choose')}</option>
            {definitions.map((d) => (
              <option key={`${d.kind}/${d.id}`} value={`${d.kind}/${d.id}`}>
                {t('picker.option', { kind: d.kind, id: d.id, versions: d.versions.map((v) => `v${v.version}`).join(', ') })}
              </option>
            ))}
          </TextField>
          <Button type="submit" variant="contained" disabled={!choice} startIcon={<CompareArrowsIcon aria-hidden />}>
            {t('picker.compare')}
          </Button>
        </Stack>
      </Paper>
    </main>
  );
}
