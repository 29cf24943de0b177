/**
 * The operations measured over HTTP against the running hub, each after an untimed warm-up.
 * Public operations come from their own loopback addresses (per-client rate limits); tickets
 * are issued by paired kiosks, a fresh one every 25 tickets (per-device limit of 30 a minute,
 * scripts/bench/devices.ts); the officer operations use one signed-in officer (canbo1,
 * created by the demo seed).
 */
import { devicesFor, kioskDevices, pairKiosks } from './devices';
import { createClient, type Client, type HttpResult } from './httpClient';
import type { SearchSamples } from './seed';
import { summarize, type Stats } from './stats';

export interface OpResult {
  key: string;
  label: string;
  stats: Stats;
  /** Completed operations per second over the timed part (all clients together). */
  throughput: number;
  errors: number;
  errorSamples: string[];
}

export interface HttpPlan {
  warmup: number;
  issue1: number;
  issue4PerClient: number;
  callNext: number;
  receive: number;
  search: number;
  lookup: number;
  summaryRuns: number;
}

export interface HttpContext {
  port: number;
  samples: SearchSamples;
  lastFullYear: number;
  span: { from: string; to: string };
  log: (line: string) => void;
}

/** Timed loop shared by every operation; `run` returns the response and whether it is right. */
class Recorder {
  times: number[] = [];
  errors = 0;
  errorSamples: string[] = [];
  private t0 = 0n;
  private t1 = 0n;
  start(): void {
    this.t0 = process.hrtime.bigint();
  }
  stop(): void {
    this.t1 = process.hrtime.bigint();
  }
  record(r: HttpResult, ok: boolean, timed = true): void {
    if (!ok) {
      this.errors += 1;
      if (this.errorSamples.length < 3)
        this.errorSamples.push(`${r.status} ${r.body.slice(0, 200)}`);
    } else if (timed) this.times.push(r.ms);
  }
  result(key: string, label: string): OpResult {
    const seconds = Number(this.t1 - this.t0) / 1e9;
    return {
      key,
      label,
      stats: summarize(this.times),
      throughput: seconds > 0 ? this.times.length / seconds : NaN,
      errors: this.errors,
      errorSamples: this.errorSamples,
    };
  }
}

async function sequential(
  key: string,
  label: string,
  warmup: number,
  runs: number,
  call: (i: number) => Promise<{ r: HttpResult; ok: boolean }>,
): Promise<OpResult> {
  const rec = new Recorder();
  for (let i = 0; i < warmup; i++) {
    const { r, ok } = await call(i);
    rec.record(r, ok, false);
  }
  rec.start();
  for (let i = warmup; i < warmup + runs; i++) {
    const { r, ok } = await call(i);
    rec.record(r, ok);
  }
  rec.stop();
  return rec.result(key, label);
}

const json = <T>(r: HttpResult): T => JSON.parse(r.body) as T;

export async function runHttpBench(ctx: HttpContext, plan: HttpPlan): Promise<OpResult[]> {
  const { port, samples, log } = ctx;
  const clients: Client[] = [];
  const client = (address: string) => {
    const c = createClient(port, address);
    clients.push(c);
    return c;
  };
  const results: OpResult[] = [];
  try {
    const officer = client('127.0.0.2');
    const login = await officer.request('POST', '/api/v1/auth/login', {
      body: { username: 'canbo1', password: 'Canbo@123' },
    });
    if (login.status !== 200) throw new Error(`login failed: ${login.status} ${login.body}`);
    const token = json<{ token: string }>(login).token;
    const services = json<{ id: string }[]>(
      await officer.request('GET', '/api/v1/queue/services'),
    ).map((s) => s.id);
    const counters = json<{ id: string }[]>(await officer.request('GET', '/api/v1/counters')).map(
      (c) => c.id,
    );
    const procedures = json<{ id: string }[]>(
      await officer.request('GET', '/api/v1/procedures'),
    ).map((p) => p.id);
    if (!services.length || !counters.length || !procedures.length)
      throw new Error('the seeded hub has no services, counters or procedures');

    // ——— issue a ticket: 1 kiosk, then 4 kiosks at once ———
    // Paired kiosks (untimed): one device per 25 tickets of each simulated kiosk.
    const per1 = devicesFor(plan.warmup + plan.issue1);
    const per4 = devicesFor(plan.warmup + plan.issue4PerClient);
    const tokens = await pairKiosks(officer, per1 + 4 * per4);
    const sent = new Map<Client, number>();
    const deviceOf = new Map<Client, (n: number) => string>();
    const issue = (c: Client, i: number) => {
      const n = sent.get(c) ?? 0;
      sent.set(c, n + 1);
      return c
        .request('POST', '/api/v1/queue/tickets', {
          body: { serviceId: services[i % services.length] },
          device: (deviceOf.get(c) as (n: number) => string)(n),
        })
        .then((r) => ({ r, ok: r.status === 201 }));
    };
    log('  issue a ticket, 1 kiosk…');
    const k1 = client('127.0.0.10');
    deviceOf.set(k1, kioskDevices(tokens.slice(0, per1)));
    results.push(
      await sequential('issue1', 'Issue a ticket (1 kiosk)', plan.warmup, plan.issue1, (i) =>
        issue(k1, i),
      ),
    );
    log('  issue a ticket, 4 kiosks at once…');
    const kiosks = [11, 12, 13, 14].map((n) => client(`127.0.0.${n}`));
    kiosks.forEach((k, j) =>
      deviceOf.set(k, kioskDevices(tokens.slice(per1 + j * per4, per1 + (j + 1) * per4))),
    );
    const rec = new Recorder();
    await Promise.all(
      kiosks.map(async (k, j) => {
        for (let i = 0; i < plan.warmup; i++) {
          const { r, ok } = await issue(k, i + j);
          rec.record(r, ok, false);
        }
      }),
    );
    rec.start();
    await Promise.all(
      kiosks.map(async (k, j) => {
        for (let i = 0; i < plan.issue4PerClient; i++) {
          const { r, ok } = await issue(k, i + j);
          rec.record(r, ok);
        }
      }),
    );
    rec.stop();
    results.push(rec.result('issue4', 'Issue a ticket (4 kiosks at once)'));

    // ——— call next (then mark the ticket no-show, untimed, to free the counter) ———
    log('  call next…');
    const freeCounter = async (r: HttpResult, ok: boolean) => {
      if (!ok || r.status !== 200) return;
      const id = json<{ ticket: { id: string } }>(r).ticket.id;
      const done = await officer.request('POST', `/api/v1/queue/tickets/${id}/actions`, {
        body: { action: 'no-show' },
        token,
      });
      if (done.status !== 200) throw new Error(`no-show after call: ${done.status} ${done.body}`);
    };
    results.push(
      await sequential('callNext', 'Call next', plan.warmup, plan.callNext, async (i) => {
        const r = await officer.request(
          'POST',
          `/api/v1/counters/${counters[i % counters.length]}/call-next`,
          { token },
        );
        const ok = r.status === 200;
        await freeCounter(r, ok);
        return { r, ok };
      }),
    );

    // ——— receive a dossier ———
    log('  receive a dossier…');
    results.push(
      await sequential('receive', 'Receive a dossier', plan.warmup, plan.receive, async (i) => {
        const r = await officer.request('POST', '/api/v1/dossiers', {
          token,
          body: {
            procedureId: procedures[i % procedures.length],
            applicant: {
              fullName: 'Nguyễn Thị Ngọc Ánh',
              idNumber: `0381950${String(10_000 + i).padStart(5, '0')}`,
              phone: `09123${String(i).padStart(5, '0')}`,
              address: 'Thôn Phú Thọ, xã Quảng Phú, tỉnh Thanh Hóa',
            },
          },
        });
        return { r, ok: r.status === 201 };
      }),
    );

    // ——— search ———
    const search = (key: string, label: string, queries: readonly string[]) => {
      log(`  ${label.toLowerCase()}…`);
      return sequential(key, label, plan.warmup, plan.search, async (i) => {
        const q = queries[i % queries.length] as string;
        const r = await officer.request(
          'GET',
          `/api/v1/dossiers?q=${encodeURIComponent(q)}&page=1&pageSize=20`,
          { token },
        );
        return { r, ok: r.status === 200 && json<{ total: number }>(r).total > 0 };
      });
    };
    results.push(
      await search(
        'searchCode',
        'Search: dossier code',
        samples.lookups.map((l) => l.code),
      ),
    );
    results.push(await search('searchId', 'Search: ID number', samples.idNumbers));
    results.push(await search('searchName', 'Search: folded name', samples.foldedNames));

    // ——— public lookup: 10 a minute per client, so a new address every 8 lookups ———
    log('  public lookup…');
    let lookupClient: Client | null = null;
    let next = 0;
    results.push(
      await sequential('lookup', 'Public lookup', plan.warmup, plan.lookup, async (i) => {
        if (i % 8 === 0) {
          lookupClient?.close();
          next += 1;
          lookupClient = client(`127.1.${next >> 8}.${(next & 255) + 1}`);
          await lookupClient.request('GET', '/api/v1/health'); // open the connection, untimed
        }
        const s = samples.lookups[i % samples.lookups.length] as { code: string; check: string };
        const r = await (lookupClient as Client).request(
          'GET',
          `/api/v1/public/dossiers/${encodeURIComponent(s.code)}?check=${s.check}`,
        );
        return { r, ok: r.status === 200 };
      }),
    );

    // ——— report summary: the last full year, and the whole seeded span ———
    const summary = (key: string, label: string, from: string, to: string) => {
      log(`  ${label.toLowerCase()}…`);
      return sequential(key, label, 1, plan.summaryRuns, async () => {
        const r = await officer.request('GET', `/api/v1/reports/summary?from=${from}&to=${to}`, {
          token,
        });
        return { r, ok: r.status === 200 };
      });
    };
    const y = ctx.lastFullYear;
    results.push(
      await summary('summaryYear', `Report summary, year ${y}`, `${y}-01-01`, `${y}-12-31`),
    );
    results.push(
      await summary('summarySpan', 'Report summary, all 5 years', ctx.span.from, ctx.span.to),
    );
    return results;
  } finally {
    for (const c of clients) c.close();
  }
}
