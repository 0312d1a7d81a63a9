import { useTranslation } from 'react-i18next';

/** A polite loading line for screen readers and eyes. */
export function Loading({ what }: { what?: string }) {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status" aria-live="polite">
      {what ? `${what}…` : t('loading')}
    </p>
  );
}
