import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { CommuneFigures } from '../../shared/contract/province';
import { translate, type MessageKey, type MessageParams } from '../../shared/i18n';

/**
 * The provincial screen (docs/province.md): sign in, communes ranked by on-time rate for a
 * period, a commune's page (procedures, overdue dossiers), site registration (key shown once)
 * and the agency codes held out. Vietnamese; every text from the message files.
 */
const t = (key: MessageKey, params?: MessageParams) => translate('vi', key, params);
const TOKEN_KEY = 'motcua.province.token';

async function request<T>(path: string, token: string | null, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      // The screen is Vietnamese: the service's messages too, whatever the browser's language.
      'Accept-Language': 'vi',
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const data = (await res.json().catch(() => null)) as unknown;
  if (!res.ok) {
    const message =
      (data as { error?: { message?: string } } | null)?.error?.message ?? String(res.status);
    throw Object.assign(new Error(message), { status: res.status });
  }
  return data as T;
}

function monthStart(today: string): string {
  return `${today.slice(0, 8)}01`;
}

function vnToday(): string {
  return new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
}

const fmt = (v: number | null) => (v === null ? '—' : v.toLocaleString('vi-VN'));

/**
 * Dates are typed as dd/mm/yyyy in plain text fields, whatever the browser's locale (a
 * native date field shows mm/dd/yyyy under an English locale): `toDisplay` for the field,
 * `parseDisplay` back to YYYY-MM-DD (null when not a real date).
 */
export function toDisplay(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

export function parseDisplay(text: string): string | null {
  const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(text);
  if (!m) return null;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  )
    return null;
  return date.toISOString().slice(0, 10);
}

/** Download an authenticated file (the exports): fetch with the token, save the blob. */
async function download(path: string, token: string): Promise<void> {
  const res = await fetch(path, {
    headers: { Authorization: `Bearer ${token}`, 'Accept-Language': 'vi' },
  });
  if (!res.ok) {
    const data = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(data?.error?.message ?? String(res.status));
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1];
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name ?? 'export';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function freshness(at: string | null): { text: string; stale: boolean } {
  if (!at) return { text: t('province.never'), stale: true };
  const days = Math.floor((Date.now() - new Date(at).getTime()) / 86_400_000);
  return days <= 0
    ? { text: t('province.today'), stale: false }
    : { text: t('province.daysAgo', { days }), stale: days >= 3 };
}

interface User {
  username: string;
  role: 'admin' | 'viewer';
}

export function ProvinceApp() {
  const [token, setToken] = useState<string | null>(() => sessionStorage.getItem(TOKEN_KEY));
  const [user, setUser] = useState<User | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!token) return;
    request<User>('/api/v1/auth/me', token).then(setUser, () => {
      sessionStorage.removeItem(TOKEN_KEY);
      setToken(null);
    });
  }, [token]);

  if (!token || !user) {
    return (
      <Login
        error={error}
        onLogin={async (username, password) => {
          try {
            const s = await request<{ token: string; user: User }>('/api/v1/auth/login', null, {
              username,
              password,
            });
            sessionStorage.setItem(TOKEN_KEY, s.token);
            setError(null);
            setUser(s.user);
            setToken(s.token);
          } catch (e) {
            setError((e as Error).message);
          }
        }}
      />
    );
  }
  return (
    <>
      <header>
        <h1>{t('province.title')}</h1>
        <span>{user.username}</span>
        <button
          type="button"
          onClick={() => {
            void request('/api/v1/auth/logout', token, {}).catch(() => undefined);
            sessionStorage.removeItem(TOKEN_KEY);
            setToken(null);
            setUser(null);
          }}
        >
          {t('province.logout')}
        </button>
      </header>
      <Dashboard token={token} admin={user.role === 'admin'} />
    </>
  );
}

function Login(props: { error: string | null; onLogin: (u: string, p: string) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  return (
    <form
      className="login"
      onSubmit={(e) => {
        e.preventDefault();
        props.onLogin(username, password);
      }}
    >
      <h1>{t('province.login.title')}</h1>
      <label>
        {t('province.login.username')}
        <input value={username} onChange={(e) => setUsername(e.target.value)} autoFocus />
      </label>
      <label>
        {t('province.login.password')}
        <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} />
      </label>
      <button type="submit">{t('province.login.submit')}</button>
      {props.error && <p className="error">{props.error}</p>}
    </form>
  );
}

function Dashboard({ token, admin }: { token: string; admin: boolean }) {
  const today = vnToday();
  const [period, setPeriod] = useState({ from: monthStart(today), to: today });
  const [draft, setDraft] = useState({ from: toDisplay(period.from), to: toDisplay(period.to) });
  const [rows, setRows] = useState<CommuneFigures[] | null>(null);
  const [open, setOpen] = useState<CommuneFigures | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    const q = `from=${period.from}&to=${period.to}`;
    request<CommuneFigures[]>(`/api/v1/province/communes?${q}`, token).then(
      (r) => {
        setRows(r);
        setError(null);
      },
      (e: Error) => setError(e.message),
    );
  }, [period, token]);
  useEffect(load, [load]);

  return (
    <main>
      <section>
        <form
          className="row"
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            const from = parseDisplay(draft.from);
            const to = parseDisplay(draft.to);
            if (!from || !to) return setError(t('province.date.invalid'));
            if (from > to) return setError(t('province.date.order'));
            setError(null);
            setPeriod({ from, to });
          }}
        >
          <label>
            {t('province.period.from')}
            <input
              inputMode="numeric"
              placeholder={t('province.date.placeholder')}
              maxLength={10}
              data-testid="period-from"
              value={draft.from}
              onChange={(e) => setDraft({ ...draft, from: e.target.value })}
            />
          </label>
          <label>
            {t('province.period.to')}
            <input
              inputMode="numeric"
              placeholder={t('province.date.placeholder')}
              maxLength={10}
              data-testid="period-to"
              value={draft.to}
              onChange={(e) => setDraft({ ...draft, to: e.target.value })}
            />
          </label>
          <button type="submit">{t('province.period.apply')}</button>
          {(['csv', 'xlsx'] as const).map((format) => (
            <button
              key={format}
              type="button"
              onClick={() => {
                const q = new URLSearchParams({ ...period, format });
                download(`/api/v1/province/communes/export?${q.toString()}`, token).catch(
                  (err: Error) => setError(err.message),
                );
              }}
            >
              {t(format === 'csv' ? 'province.export.csv' : 'province.export.xlsx')}
            </button>
          ))}
        </form>
        {error && <p className="error">{t('province.error', { message: error })}</p>}
      </section>
      {open ? (
        <CommunePage token={token} commune={open} period={period} onBack={() => setOpen(null)} />
      ) : (
        <Ranking rows={rows} onOpen={setOpen} />
      )}
      {admin && <SiteAdmin token={token} onChange={load} />}
    </main>
  );
}

function Ranking(props: { rows: CommuneFigures[] | null; onOpen: (c: CommuneFigures) => void }) {
  if (!props.rows) return null;
  if (props.rows.length === 0) return <section>{t('province.empty')}</section>;
  return (
    <section>
      <table aria-label={t('province.title')}>
        <thead>
          <tr>
            <th>{t('province.col.rank')}</th>
            <th>{t('province.col.name')}</th>
            <th>{t('province.col.received')}</th>
            <th>{t('province.col.onTimeRate')}</th>
            <th>{t('province.col.overdue')}</th>
            <th>{t('province.col.apologies')}</th>
            <th>{t('province.col.lateWithApology')}</th>
            <th>{t('province.col.satisfaction')}</th>
            <th>{t('province.col.digitisation')}</th>
            <th>{t('province.col.resultDigitisation')}</th>
            <th>{t('province.col.waitP90')}</th>
            <th>{t('province.col.lastReceived')}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r, i) => {
            const fresh = freshness(r.lastReceivedAt);
            return (
              <tr key={r.siteId}>
                <td>{i + 1}</td>
                <td>
                  <button type="button" className="link" onClick={() => props.onOpen(r)}>
                    {r.name || r.siteId}
                  </button>
                </td>
                <td>{fmt(r.received)}</td>
                <td>{fmt(r.onTimeRate)}</td>
                <td className={r.overdue > 0 ? 'bad' : undefined}>{fmt(r.overdue)}</td>
                <td>{fmt(r.apologies)}</td>
                <td>{fmt(r.lateWithApologyRate)}</td>
                <td>{fmt(r.satisfaction)}</td>
                <td>{fmt(r.digitisationRate)}</td>
                <td>{fmt(r.resultDigitisationRate)}</td>
                <td>{fmt(r.waitP90Minutes)}</td>
                <td className={fresh.stale ? 'stale' : undefined}>{fresh.text}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

type Trend = { month: string; received: number; onTimeRate: number | null }[];

interface Detail {
  procedures: { procedureId: string; received: number; settled: number; late: number }[];
  overdue: {
    dossierCode: string;
    procedureId: string;
    dueDate: string;
    daysLate: number;
    apologyLetters: number | null;
    appointmentDate: string | null;
  }[];
}

function CommunePage(props: {
  token: string;
  commune: CommuneFigures;
  period: { from: string; to: string };
  onBack: () => void;
}) {
  const [detail, setDetail] = useState<Detail | null>(null);
  const [trend, setTrend] = useState<Trend | null>(null);
  useEffect(() => {
    const q = new URLSearchParams({ siteId: props.commune.siteId, ...props.period });
    void request<Detail>(`/api/v1/province/commune?${q.toString()}`, props.token).then(setDetail);
    const tq = new URLSearchParams({ siteId: props.commune.siteId, to: props.period.to });
    void request<Trend>(`/api/v1/province/commune/trend?${tq.toString()}`, props.token).then(
      setTrend,
    );
  }, [props.commune.siteId, props.period, props.token]);
  return (
    <section>
      <button type="button" className="link" onClick={props.onBack}>
        {t('province.commune.back')}
      </button>
      <h2>{t('province.commune.title', { name: props.commune.name || props.commune.siteId })}</h2>
      {trend && (
        <>
          <h3>{t('province.trend.title')}</h3>
          <table className="trend" data-testid="trend">
            <thead>
              <tr>
                <th>{t('province.col.month')}</th>
                <th>{t('province.col.received')}</th>
                <th>{t('province.col.onTimeRate')}</th>
              </tr>
            </thead>
            <tbody>
              {trend.map((m) => (
                <tr key={m.month}>
                  <td>{`${m.month.slice(5, 7)}/${m.month.slice(0, 4)}`}</td>
                  <td>{fmt(m.received)}</td>
                  <td>
                    <span className="bar" style={{ width: `${(m.onTimeRate ?? 0) * 1.2}px` }} />{' '}
                    {fmt(m.onTimeRate)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {detail && (
        <>
          <table>
            <thead>
              <tr>
                <th>#</th>
                <th>{t('province.col.procedure')}</th>
                <th>{t('province.col.received')}</th>
                <th>{t('province.col.settled')}</th>
                <th>{t('province.col.late')}</th>
              </tr>
            </thead>
            <tbody>
              {detail.procedures.map((p, i) => (
                <tr key={p.procedureId}>
                  <td>{i + 1}</td>
                  <td>{p.procedureId}</td>
                  <td>{p.received}</td>
                  <td>{p.settled}</td>
                  <td>{p.late}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>{t('province.commune.overdue')}</h2>
          <table>
            <thead>
              <tr>
                <th>#</th>
                <th>{t('province.col.code')}</th>
                <th>{t('province.col.procedure')}</th>
                <th>{t('province.col.due')}</th>
                <th>{t('province.col.daysLate')}</th>
                <th>{t('province.col.apologyLetters')}</th>
                <th>{t('province.col.appointment')}</th>
              </tr>
            </thead>
            <tbody>
              {detail.overdue.map((d, i) => (
                <tr key={d.dossierCode}>
                  <td>{i + 1}</td>
                  <td>{d.dossierCode}</td>
                  <td>{d.procedureId}</td>
                  <td>{toDisplay(d.dueDate)}</td>
                  <td className="bad">{d.daysLate}</td>
                  <td>{fmt(d.apologyLetters)}</td>
                  <td>{d.appointmentDate ? toDisplay(d.appointmentDate) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

function SiteAdmin({ token, onChange }: { token: string; onChange: () => void }) {
  const [form, setForm] = useState({ siteId: '', name: '', agencies: '' });
  const [key, setKey] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [held, setHeld] = useState<{ siteId: string; agencyCode: string; dossiers: number }[]>([]);
  const loadHeld = useCallback(() => {
    void request<typeof held>('/api/v1/province/unregistered-agencies', token).then(setHeld);
  }, [token]);
  useEffect(loadHeld, [loadHeld]);

  return (
    <>
      <section>
        <h2>{t('province.sites.title')}</h2>
        <form
          className="row"
          onSubmit={async (e) => {
            e.preventDefault();
            try {
              const r = await request<{ key: string }>('/api/v1/sync/sites', token, {
                siteId: form.siteId.trim(),
                name: form.name.trim(),
                agencyCodes: form.agencies
                  .split(',')
                  .map((s) => s.trim())
                  .filter((s) => s !== ''),
              });
              setKey(r.key);
              setError(null);
              onChange();
            } catch (err) {
              setError((err as Error).message);
            }
          }}
        >
          <label>
            {t('province.sites.siteId')}
            <input
              value={form.siteId}
              onChange={(e) => setForm({ ...form, siteId: e.target.value })}
            />
          </label>
          <label>
            {t('province.sites.name')}
            <input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
          </label>
          <label>
            {t('province.sites.agencies')}
            <input
              value={form.agencies}
              onChange={(e) => setForm({ ...form, agencies: e.target.value })}
            />
          </label>
          <button type="submit">{t('province.sites.submit')}</button>
        </form>
        {key && <p className="key">{t('province.sites.keyOnce', { key })}</p>}
        {error && <p className="error">{t('province.error', { message: error })}</p>}
      </section>
      <UsbImport token={token} onDone={onChange} />
      <section>
        <h2>{t('province.unregistered.title')}</h2>
        {held.length === 0 ? (
          <p>{t('province.unregistered.none')}</p>
        ) : (
          <table className="held" data-testid="unregistered">
            <thead>
              <tr>
                <th>{t('province.col.siteId')}</th>
                <th>{t('province.col.agencyCode')}</th>
                <th>{t('province.col.dossiers')}</th>
                <th>{t('province.col.action')}</th>
              </tr>
            </thead>
            <tbody>
              {held.map((h) => (
                <tr key={`${h.siteId}/${h.agencyCode}`}>
                  <td>{h.siteId}</td>
                  <td>{h.agencyCode}</td>
                  <td>{h.dossiers}</td>
                  <td>
                    <button
                      type="button"
                      onClick={async () => {
                        await request('/api/v1/sync/sites/agencies', token, {
                          siteId: h.siteId,
                          agencyCode: h.agencyCode,
                        });
                        loadHeld();
                        onChange();
                      }}
                    >
                      {t('province.unregistered.add')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}

/** The USB import: the site's signed file, checked as `npm run province -- import FILE` does. */
function UsbImport({ token, onDone }: { token: string; onDone: () => void }) {
  const [message, setMessage] = useState<{ text: string; bad: boolean } | null>(null);
  return (
    <section>
      <h2>{t('province.usb.title')}</h2>
      <p>{t('province.usb.help')}</p>
      <label className="file">
        {t('province.usb.choose')}
        <input
          type="file"
          accept=".json,application/json"
          data-testid="usb-file"
          onChange={async (e) => {
            const input = e.currentTarget;
            const file = input.files?.[0];
            if (!file) return;
            let parsed: unknown;
            try {
              parsed = JSON.parse(await file.text());
            } catch {
              setMessage({ text: t('province.usb.notJson'), bad: true });
              input.value = '';
              return;
            }
            try {
              const r = await request<{
                siteId: string;
                events: number;
                accepted: number;
                duplicates: number;
              }>('/api/v1/province/import', token, parsed);
              setMessage({
                text: t('province.usb.done', {
                  site: r.siteId,
                  accepted: r.accepted,
                  duplicates: r.duplicates,
                  events: r.events,
                }),
                bad: false,
              });
              onDone();
            } catch (err) {
              setMessage({
                text: t('province.error', { message: (err as Error).message }),
                bad: true,
              });
            }
            input.value = '';
          }}
        />
      </label>
      {message && (
        <p className={message.bad ? 'error' : 'ok'} data-testid="usb-result">
          {message.text}
        </p>
      )}
    </section>
  );
}
