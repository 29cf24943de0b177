/**
 * Tickets print through the print-job service (deps.print): printStatus on every ticket,
 * "issue only if printed" (default) voids a ticket whose print failed and answers a clear
 * error for the kiosk, "issue and show on screen" keeps it, and the counter can reprint.
 */
import { describe, expect, it } from 'vitest';
import { decodeEscPos } from '../../../src/core/printing';
import { ADMIN, OFFICER, api, errorOf, login, startTestHub, KIOSK } from '../../helpers/hub';
import { fakePrinterPerTest } from '../../helpers/printer';

const printer = fakePrinterPerTest();

interface Ticket {
  id: string;
  number: string;
  status: string;
  printStatus: string;
  printError: string | null;
  voidReason: string | null;
}

async function setup(withPrinter: boolean) {
  const hub = await startTestHub();
  const base = hub.url;
  const admin = await login(base, ADMIN);
  const officer = await login(base, OFFICER);
  if (withPrinter) {
    const put = await api(base, '/api/v1/printers', {
      method: 'PUT',
      token: admin,
      json: [
        {
          id: 've',
          name: 'Máy in vé',
          uri: printer.uri,
          widthMm: 80,
          mode: 'raster',
          roles: ['ticket'],
        },
      ],
    });
    expect(put.status, put.text).toBe(200);
  }
  const services = (await api(base, '/api/v1/queue/services')).body as {
    id: string;
    prefix: string;
  }[];
  const a = (services.find((s) => s.prefix === 'A') as { id: string }).id;
  const counters = (await api(base, '/api/v1/counters')).body as { id: string; number: number }[];
  const c1 = (counters.find((c) => c.number === 1) as { id: string }).id;
  const issue = () => api(base, '/api/v1/queue/tickets', { device: KIOSK, json: { serviceId: a } });
  const view = async () =>
    (await api(base, `/api/v1/counters/${c1}/queue`, { token: officer })).body as {
      printFailed: Ticket[];
      waiting: { tickets: Ticket[] }[];
    };
  return { hub, base, admin, officer, a, c1, issue, view };
}

describe('ticket printing', () => {
  it('with no ticket printer the ticket is issued and shown on screen (printStatus "screen")', async () => {
    const { issue, base } = await setup(false);
    const res = await issue();
    expect(res.status).toBe(201);
    const pub = await api(base, `/api/v1/queue/tickets/${(res.body as Ticket).id}`);
    expect(pub.body).toMatchObject({ status: 'waiting', printStatus: 'screen' });
  });

  it('prints the ticket (number, service, QR to its status page) and records "printed"', async () => {
    const { issue, base } = await setup(true);
    const res = await issue();
    expect(res.status, res.text).toBe(201);
    const t = res.body as Ticket;
    const pub = await api(base, `/api/v1/queue/tickets/${t.id}`);
    expect(pub.body).toMatchObject({ status: 'waiting', printStatus: 'printed' });
    const [bytes] = await printer.waitForJobs(1);
    const decoded = decodeEscPos(bytes as Buffer);
    // No public address and a loopback page: no QR (it used to encode 127.0.0.1, the
    // citizen's own phone). tests/integration/queue/publicAddress.test.ts covers the rest.
    expect(decoded.qr).toEqual([]);
  });

  it('issue only if printed: a failed print voids the ticket, answers a clear error, and In lại restores it', async () => {
    const { issue, base, officer, c1, view } = await setup(true);
    await printer.setBehaviour({ refuse: true });
    const res = await issue();
    expect(res.status).toBe(422);
    const err = errorOf(res);
    expect(err.message).toMatch(
      /^Không in được phiếu số thứ tự, nên số chưa được cấp\. Vui lòng thử lại hoặc đến quầy hướng dẫn\./,
    );
    const { ticketId, number } = err.details as { ticketId: string; number: string };
    expect(number).toBe('A001');
    // Kept as a record, void with its reason, not waiting, not callable.
    const v = await view();
    expect(v.printFailed.map((t) => [t.number, t.status, t.printStatus, t.voidReason])).toEqual([
      ['A001', 'void', 'failed', 'print_failed'],
    ]);
    expect(v.waiting.flatMap((w) => w.tickets)).toEqual([]);
    const services = (await api(base, '/api/v1/queue/services')).body as { waiting: number }[];
    expect(services[0]?.waiting).toBe(0);
    const none = await api(base, `/api/v1/counters/${c1}/call-next`, { token: officer, json: {} });
    expect(none.status).toBe(204);

    await printer.setBehaviour({ refuse: false });
    const again = await api(base, `/api/v1/queue/tickets/${ticketId}/reprint`, {
      token: officer,
      json: {},
    });
    expect(again.status, again.text).toBe(200);
    expect((again.body as { ticket: Ticket }).ticket).toMatchObject({
      status: 'waiting',
      printStatus: 'printed',
      voidReason: null,
    });
    const called = await api(base, `/api/v1/counters/${c1}/call-next`, {
      token: officer,
      json: {},
    });
    expect((called.body as { ticket: Ticket }).ticket.number).toBe('A001');
  });

  it('issue and show on screen: a failed print still issues the number, printStatus "failed", reprintable', async () => {
    const { issue, base, admin, officer, view } = await setup(true);
    const settings = (await api(base, '/api/v1/queue/settings', { token: admin })).body as object;
    await api(base, '/api/v1/queue/settings', {
      method: 'PUT',
      token: admin,
      json: { ...settings, issueOnlyIfPrinted: false },
    });
    await printer.setBehaviour({ refuse: true });
    const res = await issue();
    expect(res.status).toBe(201);
    const t = res.body as Ticket;
    const pub = await api(base, `/api/v1/queue/tickets/${t.id}`);
    expect(pub.body).toMatchObject({ status: 'waiting', printStatus: 'failed' });
    expect((await view()).printFailed.map((x) => x.number)).toEqual(['A001']);
    await printer.setBehaviour({ refuse: false });
    const again = await api(base, `/api/v1/queue/tickets/${t.id}/reprint`, {
      token: officer,
      json: {},
    });
    expect((again.body as { ticket: Ticket }).ticket).toMatchObject({
      status: 'waiting',
      printStatus: 'printed',
    });
    expect((await view()).printFailed).toEqual([]);
  });
});
