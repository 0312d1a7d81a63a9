import RefreshIcon from '@mui/icons-material/Refresh';
import { Box, Button } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { Loading } from './Loading.js';
import { ProblemMessage } from './ProblemMessage.js';

/** What QueryStatus reads of a query (a `useQuery` or `useInfiniteQuery` result). */
export interface QueryLike {
  isPending: boolean;
  isFetching: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => Promise<unknown>;
}

/**
 * The loading and failure state of one or more queries, the same on every screen: the first
 * failure as a problem with a Retry button (retries that could help have already run, see
 * createQueryClient), else the loading line while one of them loads for the first time, else
 * nothing. A query that already has data keeps it on screen; only its failure to refresh shows.
 *
 * @example
 * ```tsx
 * const list = useDefinitionList(kind);
 * <QueryStatus of={list} loading="Loading definitions" errorTitle="The definitions could not be loaded" />
 * ```
 */
export function QueryStatus({
  of,
  loading,
  errorTitle,
  alsoLoading = false,
}: {
  of: QueryLike | readonly QueryLike[];
  /** What is loading, e.g. "Loading the queue". */
  loading: string;
  errorTitle: string;
  /** True while something else the screen waits for is loading: a query whose failure it tolerates. */
  alsoLoading?: boolean;
}) {
  const { t } = useTranslation();
  const queries: readonly QueryLike[] = Array.isArray(of) ? of : [of as QueryLike];
  const failed = queries.filter((q) => q.isError);
  if (failed.length > 0)
    return (
      <Box className="query-status" sx={{ my: 1.5 }}>
        <ProblemMessage error={failed[0]!.error} title={errorTitle} />
        <Button variant="outlined" startIcon={<RefreshIcon aria-hidden />} disabled={failed.some((q) => q.isFetching)} onClick={() => failed.forEach((q) => void q.refetch())}>
          {t('retry')}
        </Button>
      </Box>
    );
  if (alsoLoading || queries.some((q) => q.isPending && q.isFetching)) return <Loading what={loading} />;
  return null;
}
