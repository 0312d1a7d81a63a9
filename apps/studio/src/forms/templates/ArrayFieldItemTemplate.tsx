import ArrowDownwardIcon from '@mui/icons-material/ArrowDownward';
import ArrowUpwardIcon from '@mui/icons-material/ArrowUpward';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlineOutlined';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import Box from '@mui/material/Box';
import Collapse from '@mui/material/Collapse';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import type { ArrayFieldItemTemplateProps } from '@rjsf/utils';
import { useContext, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ArrayItemsContext, hasErrors, identifierOf, subtitleOf } from '../formContexts.js';

function ItemButton({ label, onClick, disabled, children }: { label: string; onClick: () => void; disabled: boolean; children: ReactNode }) {
  return (
    <Tooltip title={label}>
      {/* A disabled button fires no events; the span keeps the tooltip working. */}
      <span>
        <IconButton size="small" aria-label={label} onClick={onClick} disabled={disabled}>
          {children}
        </IconButton>
      </span>
    </Tooltip>
  );
}

/**
 * One item of a list as a labelled row: its own code or name ("COMPETITIVE_MATCH"), else its
 * number ("Reason code 3"); move up, move down and remove as icon buttons whose names say what
 * they act on ("Remove reason code COMPETITIVE_MATCH"). An item with fields folds away; it starts
 * open when it is new (no name yet) or has an error.
 */
export function ArrayFieldItemTemplate(props: ArrayFieldItemTemplateProps) {
  const { t } = useTranslation('forms');
  const { children, buttonsProps, index, schema, disabled, readonly } = props;
  const items = useContext(ArrayItemsContext);
  const item = items?.formData[index];
  const noun = items?.noun ?? t('items.item');
  const own = identifierOf(item);
  const subtitle = subtitleOf(item);
  const named = `${noun} ${own ?? index + 1}`;
  const label = own ?? `${noun.charAt(0).toUpperCase()}${noun.slice(1)} ${index + 1}`;
  const foldable = schema.type === 'object' || (typeof schema === 'object' && 'properties' in schema);
  const [open, setOpen] = useState(() => !own || hasErrors(items?.errorSchema?.[index]));
  const locked = disabled === true || readonly === true;
  const { hasMoveUp, hasMoveDown, hasRemove, onMoveUpItem, onMoveDownItem, onRemoveItem } = buttonsProps;
  const contentId = `${buttonsProps.fieldPathId.$id}__content`;

  const buttons = locked ? null : (
    <Box sx={{ display: 'flex', flexShrink: 0 }}>
      {hasMoveUp || hasMoveDown ? (
        <>
          <ItemButton label={t('array.moveUp', { item: named })} onClick={() => onMoveUpItem()} disabled={!hasMoveUp}>
            <ArrowUpwardIcon fontSize="small" aria-hidden />
          </ItemButton>
          <ItemButton label={t('array.moveDown', { item: named })} onClick={() => onMoveDownItem()} disabled={!hasMoveDown}>
            <ArrowDownwardIcon fontSize="small" aria-hidden />
          </ItemButton>
        </>
      ) : null}
      {hasRemove ? (
        <ItemButton label={t('array.remove', { item: named })} onClick={() => onRemoveItem()} disabled={false}>
          <DeleteOutlineIcon fontSize="small" aria-hidden />
        </ItemButton>
      ) : null}
    </Box>
  );

  if (!foldable) {
    return (
      <Box component="li" sx={{ display: 'flex', alignItems: 'flex-start', gap: 1 }} className="form-array-item">
        <Box sx={{ flex: 1, minWidth: 0 }}>{children}</Box>
        {buttons}
      </Box>
    );
  }
  return (
    <Paper component="li" variant="outlined" sx={{ bgcolor: 'background.default' }} className="form-array-item">
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, px: 1, py: 0.5 }}>
        <IconButton
          size="small"
          aria-expanded={open}
          aria-controls={contentId}
          aria-label={t(open ? 'array.hide' : 'array.show', { item: named })}
          onClick={() => setOpen(!open)}
          sx={{ transform: open ? 'rotate(180deg)' : 'none', transition: 'transform 150ms' }}
        >
          <ExpandMoreIcon fontSize="small" aria-hidden />
        </IconButton>
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <Typography component="span" sx={{ fontWeight: 600, overflowWrap: 'anywhere' }}>
            {label}
          </Typography>
          {subtitle ? (
            <Typography component="span" variant="body2" color="text.secondary" sx={{ ml: 1, overflowWrap: 'anywhere' }}>
              {subtitle}
            </Typography>
          ) : null}
        </Box>
        {buttons}
      </Box>
      <Collapse in={open} id={contentId}>
        <Box sx={{ px: { xs: 1, sm: 2 }, pb: 2, pt: 0.5 }}>{children}</Box>
      </Collapse>
    </Paper>
  );
}
