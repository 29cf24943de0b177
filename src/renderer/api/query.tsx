import {
  keepPreviousData,
  QueryClient,
  QueryClientProvider,
  useQuery,
  useQueryClient,
  type QueryKey,
} from '@tanstack/react-query';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import {
  APP_EVENTS,
  type ApiError,
  type AppEvent,
  type InputOf,
  type OpName,
  type OutputOf,
} from '../../shared/contract';
import { useApp } from '../app-context';

/**
 * The screens' one way to load data (docs/renderer.md): TanStack Query caches each read
 * operation under `[operation, input, language]`, and live events invalidate the reads they
 * make stale — all in this file, so no screen writes its own loading state, error state or
 * debounced event listener.
 */

/** A failed operation, thrown inside the query so that `error` carries the contract's error. */
export class OperationError extends Error {
  constructor(
    readonly error: ApiError,
    readonly status: number,
  ) {
    super(error.message);
  }
}

/**
 * Which reads each live event makes stale: the one map from event names to query keys.
 * `hello` (sent on every (re)connection) refreshes every read, since events may have been
 * missed while offline.
 */
export const EVENT_INVALIDATES: Readonly<Record<string, readonly OpName[]>> = {
  [APP_EVENTS.queueChanged]: [
    'queue.adminConfig',
    'queue.settings',
    'queue.board',
    'queue.services',
    'queue.ticket',
    'queue.counterView',
    'counters.list',
  ],
  [APP_EVENTS.queueCalled]: ['queue.board', 'queue.ticket', 'queue.counterView'],
  [APP_EVENTS.queueCompleted]: ['queue.board', 'queue.ticket', 'queue.counterView'],
  [APP_EVENTS.siteChanged]: ['site.get', 'queue.board', 'queue.services'],
  [APP_EVENTS.printersChanged]: ['printers.list', 'printers.status', 'printJobs.list'],
  [APP_EVENTS.printJob]: ['printers.list', 'printers.status', 'printJobs.list'],
  [APP_EVENTS.ratingOpen]: ['ratings.open'],
  [APP_EVENTS.ratingClosed]: ['ratings.open'],
  [APP_EVENTS.dossierChanged]: ['dossiers.search', 'dossiers.warnings'],
  [APP_EVENTS.dossierFiles]: ['files.list'],
  [APP_EVENTS.scanFolderChanged]: ['scanFolder.files'],
};

/** Events arriving within this window are folded into one refetch per query. */
const LIVE_DEBOUNCE_MS = 150;

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // A screen reloads what it shows when it opens (cached data is shown meanwhile) and
        // when an event says it changed; never on window focus (a kiosk is always focused),
        // no polling, and no blind retry of a refusal.
        staleTime: 0,
        refetchOnMount: true,
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
        retry: false,
      },
    },
  });
}

/**
 * The live side of the cache: feed it every event; within `LIVE_DEBOUNCE_MS` the reads those
 * events make stale (`EVENT_INVALIDATES`; everything on `hello`) are invalidated once, so
 * the screens showing them reload. `stop()` drops a pending batch.
 */
export function createLiveInvalidator(client: QueryClient, debounceMs = LIVE_DEBOUNCE_MS) {
  const pending = new Set<OpName | '*'>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    timer = null;
    const ops = [...pending];
    pending.clear();
    if (ops.includes('*')) void client.invalidateQueries();
    else for (const op of ops) void client.invalidateQueries({ queryKey: [op] });
  };
  return {
    onEvent(event: AppEvent) {
      if (event.type === APP_EVENTS.hello) pending.add('*');
      else for (const op of EVENT_INVALIDATES[event.type] ?? []) pending.add(op);
      if (pending.size > 0 && timer === null) timer = setTimeout(flush, debounceMs);
    },
    stop() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      pending.clear();
    },
  };
}

/** Connects the app's live events to the cache for as long as the root is mounted. */
function LiveInvalidation() {
  const { onEvent } = useApp();
  const client = useQueryClient();
  useEffect(() => {
    const live = createLiveInvalidator(client);
    const off = onEvent((event) => live.onEvent(event));
    return () => {
      off();
      live.stop();
    };
  }, [onEvent, client]);
  return null;
}

/** The renderer root's data layer: one query cache and the live invalidation. */
export function QueryProvider({ children }: { children: ReactNode }) {
  const [client] = useState(createQueryClient);
  return (
    <QueryClientProvider client={client}>
      <LiveInvalidation />
      {children}
    </QueryClientProvider>
  );
}

export function opKey<N extends OpName>(op: N, input: InputOf<N>, lang: string): QueryKey {
  return [op, input, lang];
}

export interface OpQuery<T> {
  data: T | undefined;
  /** The contract's error of the last failed load, or null. */
  error: ApiError | null;
  /** True while a load is in flight (first load or refetch). */
  loading: boolean;
  /** When `data` was last loaded successfully (ms since the epoch), or null if never. */
  updatedAt: number | null;
  /** Load again now; resolves once the new data (or error) is in, with the data if it loaded. */
  refetch(): Promise<T | undefined>;
  /** Put a write's answer in the cache (it is the read's new value): shown at once, no reload. */
  setData(data: T): void;
}

/** Read an operation's output; reloaded when the input or the language changes. */
export function useOp<N extends OpName>(
  op: N,
  input: InputOf<N>,
  options: {
    enabled?: boolean;
    /** Keep showing the previous input's data while the new one loads (e.g. a new period). */
    keepPrevious?: boolean;
    /** Also reload every so many milliseconds (a state no event announces, e.g. paper out). */
    pollMs?: number;
  } = {},
): OpQuery<OutputOf<N>> {
  const { api, lang } = useApp();
  const client = useQueryClient();
  const queryKey = opKey(op, input, lang);
  const query = useQuery({
    queryKey,
    queryFn: async () => {
      const r = await api.call(op, input);
      if (!r.ok) throw new OperationError(r.error, r.status);
      return r.data;
    },
    enabled: options.enabled ?? true,
    ...(options.keepPrevious ? { placeholderData: keepPreviousData } : {}),
    ...(options.pollMs ? { refetchInterval: options.pollMs } : {}),
  });
  const { refetch } = query;
  const reload = useCallback(async () => {
    const result = await refetch();
    return result.isSuccess ? result.data : undefined;
  }, [refetch]);
  const setData = (data: OutputOf<N>) => {
    client.setQueryData(queryKey, data);
  };
  const error =
    query.error instanceof OperationError
      ? query.error.error
      : query.error
        ? { code: 'NETWORK', message: query.error.message }
        : null;
  return {
    data: query.data,
    error,
    loading: query.isFetching,
    updatedAt: query.dataUpdatedAt > 0 ? query.dataUpdatedAt : null,
    refetch: reload,
    setData,
  };
}
