// The screens' data layer (src/renderer/api/query.tsx): live events invalidate exactly the
// reads the one event map names, debounced into one invalidation per read; `hello` (a
// reconnection) refreshes everything.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createLiveInvalidator,
  createQueryClient,
  EVENT_INVALIDATES,
} from '../../../src/renderer/api/query';
import { APP_EVENTS, getOperation } from '../../../src/shared/contract';

const at = '2026-03-02T02:00:00.000Z';

function cacheWith(...ops: string[]) {
  const client = createQueryClient();
  for (const op of ops) client.setQueryData([op, {}, 'vi'], { op });
  const stale = () =>
    ops.filter((op) => client.getQueryState([op, {}, 'vi'])?.isInvalidated === true);
  return { client, stale };
}

describe('live query invalidation', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('maps only to operations that exist and are reads', () => {
    for (const [event, ops] of Object.entries(EVENT_INVALIDATES)) {
      for (const op of ops) {
        const operation = getOperation(op);
        expect(operation, `${event} → ${op}`).toBeDefined();
        expect(operation?.method, `${event} → ${op}`).toBe('GET');
      }
    }
  });

  it('a queue event makes the queue reads stale and leaves the others fresh', () => {
    const { client, stale } = cacheWith('queue.adminConfig', 'queue.board', 'reports.details');
    const live = createLiveInvalidator(client, 100);
    live.onEvent({ type: APP_EVENTS.queueChanged, at, data: { config: true } });
    expect(stale()).toEqual([]); // debounced: nothing yet
    vi.advanceTimersByTime(100);
    expect(stale()).toEqual(['queue.adminConfig', 'queue.board']);
  });

  it('a burst of events is one invalidation per read, after the debounce', () => {
    const { client, stale } = cacheWith('printers.status', 'printJobs.list');
    const spy = vi.spyOn(client, 'invalidateQueries');
    const live = createLiveInvalidator(client, 100);
    const job = { id: 'j1', kind: 'ticket', role: 'ticket', status: 'done' } as const;
    for (let i = 0; i < 20; i++) live.onEvent({ type: APP_EVENTS.printJob, at, data: job });
    vi.advanceTimersByTime(100);
    const reads = EVENT_INVALIDATES[APP_EVENTS.printJob] ?? [];
    expect(spy).toHaveBeenCalledTimes(reads.length);
    expect(spy.mock.calls.map(([filters]) => filters?.queryKey)).toEqual(reads.map((op) => [op]));
    vi.advanceTimersByTime(1000);
    expect(spy).toHaveBeenCalledTimes(reads.length);
    expect(stale()).toEqual(['printers.status', 'printJobs.list']);
  });

  it('hello refreshes every read; an event no read depends on refreshes none', () => {
    const { client, stale } = cacheWith('queue.settings', 'reports.details', 'site.get');
    const live = createLiveInvalidator(client, 100);
    live.onEvent({ type: APP_EVENTS.scanFolderChanged, at });
    vi.advanceTimersByTime(500);
    expect(stale()).toEqual([]);
    live.onEvent({ type: APP_EVENTS.hello, at });
    vi.advanceTimersByTime(100);
    expect(stale()).toEqual(['queue.settings', 'reports.details', 'site.get']);
  });

  it('stop() drops a pending batch (an unmounted root reloads nothing)', () => {
    const { client, stale } = cacheWith('queue.board');
    const live = createLiveInvalidator(client, 100);
    live.onEvent({
      type: APP_EVENTS.queueCalled,
      at,
      data: { number: 'A001', counter: 1, recall: false },
    });
    live.stop();
    vi.advanceTimersByTime(500);
    expect(stale()).toEqual([]);
  });

  it('the desk screens follow the dossier, files, tray and counter events', () => {
    const reads = [
      'dossiers.search',
      'dossiers.warnings',
      'files.list',
      'scanFolder.files',
      'queue.counterView',
      'counters.list',
    ];
    const check = (event: Parameters<ReturnType<typeof createLiveInvalidator>['onEvent']>[0]) => {
      const { client, stale } = cacheWith(...reads);
      const live = createLiveInvalidator(client, 100);
      live.onEvent(event);
      vi.advanceTimersByTime(100);
      return stale();
    };
    expect(
      check({ type: APP_EVENTS.dossierChanged, at, data: { id: 'd1', status: 'received' } }),
    ).toEqual(['dossiers.search', 'dossiers.warnings']);
    expect(check({ type: APP_EVENTS.dossierFiles, at, data: { id: 'd1' } })).toEqual([
      'files.list',
    ]);
    expect(check({ type: APP_EVENTS.scanFolderChanged, at })).toEqual(['scanFolder.files']);
    expect(
      check({
        type: APP_EVENTS.queueCalled,
        at,
        data: { number: 'A001', counter: 1, recall: false },
      }),
    ).toEqual(['queue.counterView']);
    expect(check({ type: APP_EVENTS.queueChanged, at, data: { config: true } })).toEqual([
      'queue.counterView',
      'counters.list',
    ]);
  });
});
