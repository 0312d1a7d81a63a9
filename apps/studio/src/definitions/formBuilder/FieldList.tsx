/**
 * The form's fields in order, as cards: drag a card by its handle (pointer, or the keyboard:
 * Space to lift, arrows to move, Space to drop, as dnd-kit's sortable announces), or use its
 * move up / move down buttons.
 */
import { closestCenter, DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type Announcements, type DragEndEvent } from '@dnd-kit/core';
import { SortableContext, sortableKeyboardCoordinates, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { Stack } from '@mui/material';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { BuilderEntry } from './builderModel.js';
import { entryLabel } from './describeEntry.js';
import type { DraftOption } from './draftOptions.js';
import { FieldCard, type FieldCardActions } from './FieldCard.js';

export function FieldList({ entries, options, actions, openId, onOpen, onMove }: {
  entries: BuilderEntry[];
  options: DraftOption[];
  actions: Omit<FieldCardActions, 'moveBy'>;
  openId: string | undefined;
  onOpen: (id: string | undefined) => void;
  onMove: (id: string, index: number) => void;
}) {
  const { t } = useTranslation('formBuilder');
  const sensors = useSensors(useSensor(PointerSensor), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));
  const labelOf = (id: string | number) => {
    const entry = entries.find((e) => e.id === id);
    return entry ? entryLabel(entry) : String(id);
  };
  const positionOf = (id: string | number | undefined) => entries.findIndex((e) => e.id === id) + 1;
  const announcements: Announcements = {
    onDragStart: ({ active }) => t('drag.start', { label: labelOf(active.id), position: positionOf(active.id), count: entries.length }),
    onDragOver: ({ active, over }) => (over ? t('drag.over', { label: labelOf(active.id), position: positionOf(over.id), count: entries.length }) : undefined),
    onDragEnd: ({ active, over }) => (over ? t('drag.end', { label: labelOf(active.id), position: positionOf(over.id), count: entries.length }) : t('drag.cancel', { label: labelOf(active.id) })),
    onDragCancel: ({ active }) => t('drag.cancel', { label: labelOf(active.id) }),
  };
  const ids = useMemo(() => entries.map((e) => e.id), [entries]);
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (over && active.id !== over.id) onMove(String(active.id), entries.findIndex((e) => e.id === over.id));
  };

  return (
    <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd} accessibility={{ announcements, screenReaderInstructions: { draggable: t('drag.instructions') } }}>
      <SortableContext items={ids} strategy={verticalListSortingStrategy}>
        <Stack component="ol" spacing={1} sx={{ listStyle: 'none', p: 0, m: 0 }} aria-label={t('list.label')}>
          {entries.map((entry, index) => (
            <FieldCard
              key={entry.id}
              entry={entry}
              index={index}
              count={entries.length}
              options={options}
              open={openId === entry.id}
              onOpen={(open) => onOpen(open ? entry.id : undefined)}
              actions={{ ...actions, moveBy: (delta) => onMove(entry.id, index + delta) }}
              otherKeys={entries.filter((e) => e.id !== entry.id).map((e) => e.key)}
            />
          ))}
        </Stack>
      </SortableContext>
    </DndContext>
  );
}
