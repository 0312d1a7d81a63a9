/** One field of the builder's list: a header to recognise, move and open it, and its settings when open. */
import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import ArrowDownwardIcon from '@mui/icons-material/ArrowDownward';
import ArrowUpwardIcon from '@mui/icons-material/ArrowUpward';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlined';
import DragIndicatorIcon from '@mui/icons-material/DragIndicator';
import EditOutlinedIcon from '@mui/icons-material/EditOutlined';
import ExpandLessIcon from '@mui/icons-material/ExpandLess';
import { Box, Chip, IconButton, Paper, Tooltip, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { BuilderEntry, BuilderField } from './builderModel.js';
import { describeEntry, entryLabel } from './describeEntry.js';
import type { DraftOption } from './draftOptions.js';
import { FieldEditor } from './FieldEditor.js';

/** What a card can do to its field. */
export interface FieldCardActions {
  change: (id: string, change: Partial<BuilderField>) => void;
  remove: (id: string) => void;
  moveBy: (delta: number) => void;
}

/** The DOM id of a card's control, to move focus to it. */
export const controlId = (entryId: string, control: 'up' | 'down' | 'edit' | 'label') => `form-builder-${entryId}-${control}`;

export function FieldCard({ entry, index, count, options, open, onOpen, actions, otherKeys }: {
  entry: BuilderEntry;
  index: number;
  count: number;
  options: DraftOption[];
  open: boolean;
  onOpen: (open: boolean) => void;
  actions: FieldCardActions;
  otherKeys: string[];
}) {
  const { t } = useTranslation('formBuilder');
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: entry.id });
  const label = entryLabel(entry) || t('card.untitled');
  const move = (delta: number) => {
    actions.moveBy(delta);
    // At the top or the bottom the pressed button disables itself: the focus goes to its twin.
    const edge = index + delta === 0 ? 'down' : index + delta === count - 1 ? 'up' : undefined;
    if (edge) requestAnimationFrame(() => document.getElementById(controlId(entry.id, edge))?.focus());
  };
  const editorId = `form-builder-${entry.id}-settings`;

  return (
    <Box component="li" ref={setNodeRef} sx={{ transform: CSS.Transform.toString(transform), transition, position: 'relative', zIndex: isDragging ? 1 : 'auto' }}>
      <Paper variant="outlined" sx={{ borderColor: open ? 'primary.main' : 'divider', boxShadow: isDragging ? 4 : 0 }}>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5, p: 0.5, pl: 0 }}>
          <Tooltip title={t('card.dragHint')}>
            <IconButton ref={setActivatorNodeRef} {...attributes} {...listeners} aria-label={t('card.drag', { label })} size="small" sx={{ cursor: 'grab', touchAction: 'none' }}>
              <DragIndicatorIcon fontSize="small" />
            </IconButton>
          </Tooltip>
          <Box sx={{ flex: 1, minWidth: 0 }}>
            <Typography component="h3" variant="body1" sx={{ fontWeight: 600, overflowWrap: 'anywhere' }}>
              {label}
              {entry.kind === 'builtin' && <Chip label={t('card.builtin')} size="small" sx={{ ml: 1 }} />}
              {entry.kind === 'kept' && <Chip label={t('card.kept')} size="small" color="warning" variant="outlined" sx={{ ml: 1 }} />}
            </Typography>
            <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
              {describeEntry(entry, options, t)}
            </Typography>
          </Box>
          <Box sx={{ display: 'flex', flexShrink: 0 }}>
            <IconButton id={controlId(entry.id, 'up')} aria-label={t('card.moveUp', { label })} size="small" disabled={index === 0} onClick={() => move(-1)}>
              <ArrowUpwardIcon fontSize="small" />
            </IconButton>
            <IconButton id={controlId(entry.id, 'down')} aria-label={t('card.moveDown', { label })} size="small" disabled={index === count - 1} onClick={() => move(1)}>
              <ArrowDownwardIcon fontSize="small" />
            </IconButton>
            <IconButton id={controlId(entry.id, 'edit')} aria-label={t(open ? 'card.close' : 'card.edit', { label })} aria-expanded={open} aria-controls={open ? editorId : undefined} size="small" onClick={() => onOpen(!open)}>
              {open ? <ExpandLessIcon fontSize="small" /> : <EditOutlinedIcon fontSize="small" />}
            </IconButton>
            {entry.kind !== 'builtin' && (
              <IconButton aria-label={t('card.remove', { label })} size="small" onClick={() => actions.remove(entry.id)}>
                <DeleteOutlineIcon fontSize="small" />
              </IconButton>
            )}
          </Box>
        </Box>
        {open && (
          <Box id={editorId} sx={{ borderTop: 1, borderColor: 'divider', p: 2 }}>
            <FieldEditor entry={entry} options={options} otherKeys={otherKeys} onChange={(change) => actions.change(entry.id, change)} />
          </Box>
        )}
      </Paper>
    </Box>
  );
}
