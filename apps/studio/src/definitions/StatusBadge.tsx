import { Chip, type ChipProps } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { VersionStanding } from './definitionsHome.js';

/** The chip colour of each standing, shared by the badge and the home's version chips. */
export const STANDING_COLOUR: Record<VersionStanding, NonNullable<ChipProps['color']>> = {
  draft: 'warning',
  inReview: 'info',
  approved: 'info',
  current: 'success',
  scheduled: 'primary',
  superseded: 'default',
  notInUse: 'default',
  retired: 'secondary',
};

/** A version's standing as a chip with words (current, superseded, in review, ...). The version page says what it means (`standingHelp`). */
export function StatusBadge({ standing, size = 'small' }: { standing: VersionStanding; size?: ChipProps['size'] }) {
  const { t } = useTranslation('definitions');
  const filled = standing === 'current' || standing === 'retired';
  return <Chip component="span" className={`status-badge standing-${standing}`} size={size} color={STANDING_COLOUR[standing]} variant={filled ? 'filled' : 'outlined'} label={t(`standing.${standing}`)} />;
}
