import AddIcon from '@mui/icons-material/Add';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { getUiOptions, type ArrayFieldTemplateProps } from '@rjsf/utils';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ArrayItemsContext } from '../formContexts.js';
import { headingOf } from './headingOf.js';
import { helpOf } from './helpOf.js';

/**
 * A list as a titled section: its help once, its items as named rows, and one "Add reason code"
 * button that says what it adds.
 */
export function ArrayFieldTemplate(props: ArrayFieldTemplateProps) {
  const { t } = useTranslation('forms');
  const { items, canAdd, onAddClick, disabled, readonly, uiSchema, title, fieldPathId, errorSchema, schema, registry } = props;
  const formData: unknown = props.formData;
  const options = getUiOptions(uiSchema);
  const noun = typeof options.itemNoun === 'string' ? options.itemNoun : t('items.item');
  const description = helpOf(uiSchema, schema, registry);
  const context = useMemo(() => ({ formData: Array.isArray(formData) ? (formData as unknown[]) : [], errorSchema, noun }), [formData, errorSchema, noun]);
  const heading = headingOf(fieldPathId.path);
  // rjsf hands a list its schema title or property name; the derived uiSchema has the words.
  const name = typeof uiSchema?.['ui:title'] === 'string' ? uiSchema['ui:title'] : title;
  return (
    <Paper variant="outlined" component="section" aria-labelledby={`${fieldPathId.$id}__title`} sx={{ p: { xs: 1.5, sm: 2 } }} className="form-array">
      <Typography id={`${fieldPathId.$id}__title`} variant={heading} component={heading}>
        {name}
      </Typography>
      {description ? (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
          {description}
        </Typography>
      ) : null}
      <ArrayItemsContext.Provider value={context}>
        <Stack spacing={1} sx={{ mt: 1.5 }} component="ol" className="form-array-items" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {items}
        </Stack>
      </ArrayItemsContext.Provider>
      {items.length === 0 ? (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          {t('array.empty')}
        </Typography>
      ) : null}
      {canAdd && !disabled && !readonly ? (
        <Box sx={{ mt: 1.5 }}>
          <Button variant="outlined" size="small" startIcon={<AddIcon aria-hidden />} onClick={onAddClick}>
            {t('array.add', { item: noun })}
          </Button>
        </Box>
      ) : null}
    </Paper>
  );
}
