// Pieces the screens share instead of writing them again (docs/renderer.md): the form outcome
// line, the DataTable options the admin tables need, the one file-download helper, and the
// counter's action buttons and F-keys taken from the shared ticket-transition table.
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FormOutcome } from '../../../src/renderer/components/ErrorMessage';
import { DataTable } from '../../../src/renderer/components/DataTable';
import { downloadBytes, openBytes } from '../../../src/renderer/api/download';
import { ACTION_BUTTONS } from '../../../src/renderer/desk/queue/CounterTab';
import { TICKET_ACTIONS, TICKET_STATUSES } from '../../../src/shared/contract/queue';
import { allowedActions } from '../../../src/shared/queue/ticketTransitions';

describe('FormOutcome', () => {
  it('is the error box, then the success line, as the cards wrote them by hand', () => {
    expect(renderToStaticMarkup(FormOutcome({ error: null, notice: 'Đã lưu.' }))).toBe(
      '<p class="alert alert-ok" role="status">Đã lưu.</p>',
    );
    expect(
      renderToStaticMarkup(FormOutcome({ error: null, notice: 'Xong', testId: 'backup-notice' })),
    ).toBe('<p class="alert alert-ok" role="status" data-testid="backup-notice">Xong</p>');
    expect(renderToStaticMarkup(FormOutcome({ error: 'Sai mật khẩu', notice: false }))).toBe(
      '<div class="alert alert-error" role="alert"><p>Sai mật khẩu</p></div>',
    );
    // `saved && t(…)` with saved false, or an empty notice: nothing at all.
    expect(renderToStaticMarkup(FormOutcome({ error: null, notice: false }))).toBe('');
    expect(renderToStaticMarkup(FormOutcome({ error: null, notice: '' }))).toBe('');
  });
});

describe('DataTable for the admin tables', () => {
  it('keys rows by a field, classes a row, tags a column, and can go without a header', () => {
    const rows = [
      { id: 'j1', status: 'failed', name: 'Giấy tiếp nhận' },
      { id: 'j2', status: 'done', name: '<i>Phiếu</i>' },
    ];
    const html = renderToStaticMarkup(
      DataTable({
        rows,
        rowKey: 'id',
        density: 'normal',
        rowClassName: (r) => (r.status === 'failed' ? 'row-failed' : undefined),
        columns: [
          { id: 'name', header: 'Loại', cell: (r) => r.name, testId: 'job-name' },
          { id: 'act', header: null, cell: () => null, className: 'actions' },
        ],
      }),
    );
    expect(html).toBe(
      '<table class="table"><thead><tr><th>Loại</th><th></th></tr></thead><tbody>' +
        '<tr class="row-failed"><td data-testid="job-name">Giấy tiếp nhận</td>' +
        '<td class="actions"></td></tr>' +
        '<tr><td data-testid="job-name">&lt;i&gt;Phiếu&lt;/i&gt;</td><td class="actions"></td></tr>' +
        '</tbody></table>',
    );
    const headless = renderToStaticMarkup(
      DataTable({
        rows,
        rowKey: (_, i) => i,
        header: false,
        testId: 'list',
        columns: [{ id: 'name', header: null, cell: (r) => r.id }],
      }),
    );
    expect(headless).toBe(
      '<table class="table table-dense" data-testid="list"><tbody><tr><td>j1</td></tr>' +
        '<tr><td>j2</td></tr></tbody></table>',
    );
  });
});

describe('the one download helper', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  function fakePage(openWorks: boolean) {
    const anchors: { href: string; download: string; clicked: boolean; removed: boolean }[] = [];
    const revoked: string[] = [];
    let n = 0;
    vi.stubGlobal('document', {
      createElement: () => {
        const a = { href: '', download: '', clicked: false, removed: false };
        anchors.push(a);
        return Object.assign(a, {
          click: () => (a.clicked = true),
          remove: () => (a.removed = true),
        });
      },
      body: { appendChild: () => undefined },
    });
    vi.stubGlobal('URL', {
      createObjectURL: () => `blob:${++n}`,
      revokeObjectURL: (u: string) => revoked.push(u),
    });
    vi.stubGlobal('window', { open: () => (openWorks ? {} : null) });
    return { anchors, revoked };
  }

  it('saves bytes under their file name and releases the URL after 10 s', () => {
    vi.useFakeTimers();
    const { anchors, revoked } = fakePage(true);
    downloadBytes('bao-cao.csv', 'text/csv', 'a;b\n');
    expect(anchors).toEqual([
      expect.objectContaining({ href: 'blob:1', download: 'bao-cao.csv', clicked: true }),
    ]);
    expect(anchors[0]?.removed).toBe(true);
    vi.advanceTimersByTime(9_999);
    expect(revoked).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(revoked).toEqual(['blob:1']);
  });

  it('opens bytes in a new tab, or saves them where no tab opens (the desktop app)', () => {
    vi.useFakeTimers();
    const tab = fakePage(true);
    openBytes(new Uint8Array([37, 80, 68, 70]), 'application/pdf', 'ket-qua.pdf');
    expect(tab.anchors).toEqual([]);
    vi.advanceTimersByTime(60_000);
    expect(tab.revoked).toEqual(['blob:1']);

    const app = fakePage(false);
    openBytes(new Uint8Array([37, 80, 68, 70]), 'application/pdf', 'ket-qua.pdf');
    expect(app.anchors).toEqual([
      expect.objectContaining({ download: 'ket-qua.pdf', clicked: true, removed: true }),
    ]);
  });
});

describe('the counter screen’s action buttons', () => {
  it('are ticket actions of the shared transition table, each enabled exactly where it allows', () => {
    for (const b of ACTION_BUTTONS) expect(TICKET_ACTIONS).toContain(b.action);
    for (const status of TICKET_STATUSES) {
      const enabled = ACTION_BUTTONS.filter((b) => allowedActions(status).includes(b.action));
      const expected = allowedActions(status).filter((a) => a !== 'transfer' && a !== 'reactivate');
      expect(enabled.map((b) => b.action).sort(), status).toEqual([...expected].sort());
    }
  });

  it('F2 recalls, F3 marks absent, F4 completes (docs/desk.md); F1 calls the next number', () => {
    const keys = Object.fromEntries(
      ACTION_BUTTONS.filter((b) => b.key).map((b) => [b.key, b.action]),
    );
    expect(keys).toEqual({ F2: 'recall', F3: 'no-show', F4: 'complete' });
  });
});
