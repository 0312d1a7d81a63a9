/**
 * The task type's decision form, built instead of typed: the fields in order (add, edit, drag or
 * move, remove), the case worker's form previewed live beside them (below them on a phone). An
 * rjsf field on `decisionSchema` that also writes the sibling `uiSchema` (the same field on
 * `uiSchema` renders nothing); it reads the draft through {@link TaskTypeDraftScope}.
 */
import AddIcon from '@mui/icons-material/Add';
import { Alert, Box, Button, Menu, MenuItem, Stack, Typography } from '@mui/material';
import type { FieldProps } from '@rjsf/utils';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorsAt } from '../findingsToErrorSchema.js';
import { FIELD_TYPES, type FieldType, type FormModel } from './builderModel.js';
import { describeEntry, entryLabel } from './describeEntry.js';
import { draftOptions, type DraftOption } from './draftOptions.js';
import { controlId } from './FieldCard.js';
import { FieldList } from './FieldList.js';
import { FormPreview } from './FormPreview.js';
import { addField, moveEntry, removeEntry, updateEntry } from './modelEdits.js';
import { modelToSchema } from './modelToSchema.js';
import { isUnrepresentable } from './schemaToModel.js';
import { taskTypeDraftOf } from './TaskTypeDraftScope.js';
import { useBuilderModel } from './useBuilderModel.js';

type Schema = Record<string, unknown>;
const isRecord = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

export function DecisionFormBuilder(props: FieldProps) {
  // On `uiSchema` this field is only the other half of the builder on `decisionSchema`.
  if (props.fieldPathId.path.at(-1) === 'uiSchema') return null;
  return <Builder {...props} />;
}

function Builder({ formData, onChange, fieldPathId, registry, readonly, disabled, errorSchema }: FieldProps) {
  const { t } = useTranslation('formBuilder');
  const draft = taskTypeDraftOf(registry.formContext);
  const options = useMemo(() => draftOptions(draft), [draft]);
  const codes = useMemo(() => options.map((o) => o.code), [options]);
  const path = fieldPathId.path;
  const write = useCallback(
    (decisionSchema: Schema, uiSchema: Schema) => {
      onChange(decisionSchema, path);
      onChange(uiSchema, [...path.slice(0, -1), 'uiSchema']);
    },
    [onChange, path],
  );
  const canEdit = !readonly && !disabled;
  const { model, change } = useBuilderModel(formData, draft.uiSchema, codes, write, canEdit);
  const [openId, setOpenId] = useState<string>();
  const [menu, setMenu] = useState<HTMLElement | null>(null);
  // The preview shows the builder's form as it stands (the stored one when the builder cannot read it).
  const generated = useMemo(() => (isUnrepresentable(model) ? undefined : modelToSchema(model, codes)), [model, codes]);
  const decisionSchema = generated?.decisionSchema ?? (isRecord(formData) ? formData : {});
  const uiSchema = generated?.uiSchema ?? (isRecord(draft.uiSchema) ? draft.uiSchema : {});
  const errors = errorsAt(errorSchema);
  const editable = canEdit && !isUnrepresentable(model);

  const add = (type: FieldType) => {
    if (isUnrepresentable(model)) return;
    setMenu(null);
    const { model: next, field } = addField(model, type, t(`newLabel.${type}`));
    change(next);
    setOpenId(field.id);
    // The new field opens with its label selected, ready to be typed over.
    requestAnimationFrame(() => {
      const input = document.getElementById(controlId(field.id, 'label')) as HTMLInputElement | null;
      input?.focus();
      input?.select();
    });
  };

  return (
    <Box component="section" aria-labelledby="form-builder-title" sx={{ my: 2 }}>
      <Typography id="form-builder-title" component="h2" variant="h2">
        {t('title')}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {editable ? t('intro') : t('introReadOnly')}
      </Typography>
      {errors.map((e) => (
        <Alert key={e} severity="error" sx={{ mb: 1 }}>
          {e}
        </Alert>
      ))}
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: 'minmax(0, 1fr)', md: 'minmax(0, 7fr) minmax(0, 5fr)' }, alignItems: 'start' }}>
        <Box sx={{ minWidth: 0 }}>
          {isUnrepresentable(model) ? (
            <Unrepresented decisionSchema={decisionSchema} />
          ) : editable ? (
            <Stack spacing={1.5}>
              <FieldList
                entries={model.entries}
                options={options}
                openId={openId}
                onOpen={setOpenId}
                onMove={(id, index) => change(moveEntry(model, id, index))}
                actions={{ change: (id, c) => change(updateEntry(model, id, c)), remove: (id) => change(removeEntry(model, id)) }}
              />
              <Box>
                <Button variant="outlined" startIcon={<AddIcon />} aria-haspopup="menu" aria-expanded={menu !== null} aria-controls={menu ? 'form-builder-add-menu' : undefined} onClick={(e) => setMenu(e.currentTarget)}>
                  {t('add')}
                </Button>
                <Menu id="form-builder-add-menu" anchorEl={menu} open={menu !== null} onClose={() => setMenu(null)}>
                  {FIELD_TYPES.map((type) => (
                    <MenuItem key={type} onClick={() => add(type)}>
                      <Box>
                        <Typography variant="body2" sx={{ fontWeight: 600 }}>
                          {t(`types.${type}`)}
                        </Typography>
                        <Typography variant="caption" color="text.secondary">
                          {t(`typeHints.${type}`)}
                        </Typography>
                      </Box>
                    </MenuItem>
                  ))}
                </Menu>
              </Box>
            </Stack>
          ) : (
            <Summary model={model} options={options} />
          )}
        </Box>
        <Box sx={{ position: { md: 'sticky' }, top: { md: 16 }, minWidth: 0 }}>
          <FormPreview draft={draft} decisionSchema={decisionSchema} uiSchema={uiSchema} options={options} />
        </Box>
      </Box>
    </Box>
  );
}

/** The fields of a form, read-only (a version that is no draft). */
function Summary({ model, options }: { model: FormModel; options: DraftOption[] }) {
  const { t } = useTranslation('formBuilder');
  return (
    <Box component="ol" sx={{ pl: 3, m: 0 }} aria-label={t('list.label')}>
      {model.entries.map((e) => (
        <li key={e.id}>
          <Typography variant="body2" component="span" sx={{ fontWeight: 600 }}>
            {entryLabel(e)}
          </Typography>{' '}
          <Typography variant="body2" component="span" color="text.secondary">
            {describeEntry(e, options, t)}
          </Typography>
        </li>
      ))}
    </Box>
  );
}

/** A stored form the builder cannot edit without changing it: what it holds, and that it stays as it is. */
function Unrepresented({ decisionSchema }: { decisionSchema: Schema }) {
  const { t } = useTranslation('formBuilder');
  const properties = isRecord(decisionSchema.properties) ? decisionSchema.properties : {};
  return (
    <Stack spacing={1.5}>
      <Alert severity="info">{t('unrepresentable.body')}</Alert>
      <Box component="ul" sx={{ pl: 3, m: 0 }} aria-label={t('list.label')}>
        {Object.entries(properties).map(([key, schema]) => (
          <li key={key}>
            <Typography variant="body2">{isRecord(schema) && typeof schema.title === 'string' ? schema.title : key}</Typography>
          </li>
        ))}
      </Box>
    </Stack>
  );
}
