import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import Accordion from '@mui/material/Accordion';
import AccordionDetails from '@mui/material/AccordionDetails';
import AccordionSummary from '@mui/material/AccordionSummary';
import Box from '@mui/material/Box';
import Grid from '@mui/material/Grid';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { getUiOptions, type ObjectFieldTemplateProps, type RJSFSchema, type UiSchema } from '@rjsf/utils';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { hasErrors, ObjectDataContext } from '../formContexts.js';
import { headingOf } from './headingOf.js';
import { helpOf } from './helpOf.js';

const FULL_WIDTH_FIELDS = new Set(['ConditionField', 'ChipsField', 'MapField', 'ReasonCodeTable', 'WorkingHoursEditor', 'HolidayList', 'JsonField', 'EvidenceSchemaField', 'DecisionFormBuilder', 'OutcomeMappingTable']);

/** Whether a member fits half a row (a short text, a number, a choice) rather than a full one. */
function isShort(schema: RJSFSchema | undefined, ui: UiSchema | undefined): boolean {
  if (!schema) return false;
  if (ui?.['ui:widget'] === 'textarea' || ui?.['ui:widget'] === 'checkboxes') return false;
  if (typeof ui?.['ui:field'] === 'string' && FULL_WIDTH_FIELDS.has(ui['ui:field'])) return false;
  if (schema.type === 'object' || schema.type === 'array') return false;
  return true;
}

/**
 * An object as a titled section: the form's root and an item of a list bare (their frame is the
 * page or the item's row), a required object as an outlined card, an optional one folded until
 * opened (or until it holds an error). Short members sit two to a row on wide screens.
 */
export function ObjectFieldTemplate(props: ObjectFieldTemplateProps) {
  const { t } = useTranslation('forms');
  const { properties, title, uiSchema, fieldPathId, schema, registry, required, errorSchema } = props;
  const formData: unknown = props.formData;
  const path = fieldPathId.path;
  const options = getUiOptions(uiSchema);
  const description = path.length === 0 && !uiSchema?.['ui:description'] ? undefined : helpOf(uiSchema, schema, registry);
  const data = formData && typeof formData === 'object' ? (formData as Record<string, unknown>) : undefined;
  const context = useMemo(() => ({ schema, formData: data }), [schema, data]);

  const grid = (
    <Grid container spacing={2}>
      {properties.map((p) => {
        if (p.hidden) return <Box key={p.name} sx={{ display: 'none' }}>{p.content}</Box>;
        const member = schema.properties?.[p.name];
        const resolved = member && typeof member === 'object' ? registry.schemaUtils.retrieveSchema(member, data?.[p.name]) : undefined;
        const short = isShort(resolved, uiSchema?.[p.name] as UiSchema | undefined);
        return (
          <Grid key={p.name} size={{ xs: 12, md: short ? 6 : 12 }} sx={{ minWidth: 0 }}>
            {p.content}
          </Grid>
        );
      })}
    </Grid>
  );
  const body = <ObjectDataContext.Provider value={context}>{grid}</ObjectDataContext.Provider>;
  const isRoot = path.length === 0;
  const isItem = typeof path[path.length - 1] === 'number';
  const intro = description ? (
    <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
      {description}
    </Typography>
  ) : null;

  if (isRoot || isItem || options.flat === true) {
    return (
      <Box className={isRoot ? 'form-root' : undefined} sx={{ minWidth: 0 }}>
        {intro}
        {body}
      </Box>
    );
  }
  const heading = headingOf(path);
  if (required) {
    return (
      <Paper variant="outlined" component="section" aria-labelledby={`${fieldPathId.$id}__title`} sx={{ p: { xs: 1.5, sm: 2 } }}>
        <Typography id={`${fieldPathId.$id}__title`} variant={heading} component={heading} sx={{ mb: 1 }}>
          {title}
        </Typography>
        {intro}
        {body}
      </Paper>
    );
  }
  return (
    <Accordion variant="outlined" disableGutters defaultExpanded={hasErrors(errorSchema)} slotProps={{ heading: { component: heading } }}>
      <AccordionSummary expandIcon={<ExpandMoreIcon aria-hidden />} id={`${fieldPathId.$id}__title`} aria-controls={`${fieldPathId.$id}__body`}>
        <Typography variant={heading} component="span">
          {title}
        </Typography>
        <Typography component="span" variant="body2" color="text.secondary" sx={{ ml: 1, alignSelf: 'center' }}>
          {data && Object.keys(data).length ? '' : t('optional')}
        </Typography>
      </AccordionSummary>
      <AccordionDetails id={`${fieldPathId.$id}__body`}>
        {intro}
        {body}
      </AccordionDetails>
    </Accordion>
  );
}
