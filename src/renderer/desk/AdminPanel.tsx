import { useState, type FormEvent } from 'react';
import type { ApiError, OutputOf } from '../../shared/contract';
import { authOperations } from '../../shared/contract/auth';
import { systemOperations } from '../../shared/contract/system';
import { formatVnDateTime } from '../../shared/time/vnTime';
import { useApp } from '../app-context';
import { useOp } from '../api/query';
import { useSchemaForm } from '../forms/useSchemaForm';
import { DataTable, type Column } from '../components/DataTable';
import { FormOutcome } from '../components/ErrorMessage';
import { BankAccountCard } from './BankAccountCard';
import { PublicAddressCard } from './PublicAddressCard';
import { QueueSettingsCard } from './queue/QueueSettingsCard';
import { ScanFolderCard } from './capture/ScanFolderCard';

type Site = OutputOf<'site.get'>;
type Users = OutputOf<'users.list'>;
type Audit = OutputOf<'audit.list'>;

/** The office details the administrator edits (`admin.<field>` labels; the address spans the row). */
const SITE_FIELDS = ['agencyName', 'agencyCode', 'address'] as const;

function SiteForm({ site, onSaved }: { site: Site; onSaved(site: Site): void }) {
  const { t, api } = useApp();
  const {
    values: form,
    set,
    check,
  } = useSchemaForm(systemOperations.siteUpdate.input, {
    agencyName: site.agencyName,
    agencyCode: site.agencyCode,
    address: site.address,
  });
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    // Checked with the contract's own schema first: the hub would answer the same refusal.
    const valid = check();
    if (!valid.ok) return setError(valid.error);
    const result = await api.call('site.update', valid.data);
    if (result.ok) {
      setError(null);
      setSaved(true);
      onSaved(result.data);
    } else setError(result.error);
  };
  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="site-title">
      <h2 id="site-title">{t('admin.settings')}</h2>
      <div className="form-grid">
        {SITE_FIELDS.map((field) => (
          <label key={field} className={field === 'address' ? 'span-2' : undefined}>
            {t(`admin.${field}`)}
            <input value={form[field]} onChange={(e) => set(field, e.target.value)} />
          </label>
        ))}
      </div>
      <FormOutcome error={error} notice={saved && t('admin.saved')} />
      <button type="submit" className="btn btn-primary">
        {t('admin.save')}
      </button>
    </form>
  );
}

const NEW_USER = { username: '', fullName: '', role: 'officer', password: '' } as const;

function UsersCard() {
  const { t, api } = useApp();
  const list = useOp('users.list', {});
  const users: Users = list.data ?? [];
  const userColumns: Column<Users[number]>[] = [
    { id: 'username', header: t('admin.username'), cell: (u) => u.username },
    { id: 'fullName', header: t('admin.fullName'), cell: (u) => u.fullName },
    {
      id: 'role',
      header: t('admin.role'),
      cell: (u) => t(u.role === 'admin' ? 'role.admin' : 'role.officer'),
    },
    {
      id: 'active',
      header: t('admin.active'),
      cell: (u) =>
        u.lockedUntil && new Date(u.lockedUntil) > new Date()
          ? t('admin.locked', { time: formatVnDateTime(new Date(u.lockedUntil)) })
          : u.active
            ? t('common.yes')
            : t('common.no'),
    },
  ];
  const {
    values: form,
    setValues: setForm,
    set,
    check,
  } = useSchemaForm(authOperations.usersCreate.input, NEW_USER);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const valid = check();
    if (!valid.ok) {
      setNotice(null);
      return setError(valid.error);
    }
    const result = await api.call('users.create', valid.data);
    if (result.ok) {
      setError(null);
      setNotice(t('admin.userCreated', { username: result.data.username }));
      setForm(NEW_USER);
      void list.refetch();
    } else {
      setNotice(null);
      setError(result.error);
    }
  };
  return (
    <section className="card" aria-labelledby="users-title">
      <h2 id="users-title">{t('admin.users')}</h2>
      <DataTable columns={userColumns} rows={users} rowKey="id" density="normal" />
      <form
        className="form-row"
        onSubmit={(e) => void submit(e)}
        aria-label={t('admin.createUser')}
      >
        <input
          placeholder={t('admin.username')}
          aria-label={t('admin.username')}
          value={form.username}
          onChange={(e) => set('username', e.target.value)}
          required
        />
        <input
          placeholder={t('admin.fullName')}
          aria-label={t('admin.fullName')}
          value={form.fullName}
          onChange={(e) => set('fullName', e.target.value)}
          required
        />
        <select
          aria-label={t('admin.role')}
          value={form.role}
          onChange={(e) => set('role', e.target.value === 'admin' ? 'admin' : 'officer')}
        >
          <option value="officer">{t('role.officer')}</option>
          <option value="admin">{t('role.admin')}</option>
        </select>
        <input
          type="password"
          placeholder={t('admin.newPassword')}
          aria-label={t('admin.newPassword')}
          value={form.password}
          onChange={(e) => set('password', e.target.value)}
          required
          autoComplete="new-password"
        />
        <button type="submit" className="btn btn-primary">
          {t('admin.createUser')}
        </button>
      </form>
      <FormOutcome error={error} notice={notice} />
    </section>
  );
}

function AuditCard() {
  const { t } = useApp();
  const rows: Audit = useOp('audit.list', { limit: 20 }).data ?? [];
  const auditColumns: Column<Audit[number]>[] = [
    { id: 'at', header: t('admin.auditAt'), cell: (r) => formatVnDateTime(new Date(r.at)) },
    { id: 'actor', header: t('admin.auditActor'), cell: (r) => r.actor ?? '—' },
    { id: 'action', header: t('admin.auditAction'), cell: (r) => <code>{r.action}</code> },
    {
      id: 'entity',
      header: t('admin.auditEntity'),
      cell: (r) => (r.entity ? `${r.entity} ${r.entityId ?? ''}` : '—'),
    },
  ];
  return (
    <section className="card" aria-labelledby="audit-title">
      <h2 id="audit-title">{t('admin.audit')}</h2>
      <DataTable columns={auditColumns} rows={rows} rowKey="id" />
    </section>
  );
}

export function AdminPanel({ site, onSiteSaved }: { site: Site; onSiteSaved(site: Site): void }) {
  const { t } = useApp();
  return (
    <section aria-labelledby="admin-title" className="stack">
      <h2 id="admin-title" className="section-title">
        {t('admin.title')}
      </h2>
      <SiteForm site={site} onSaved={onSiteSaved} />
      <UsersCard />
      <PublicAddressCard />
      <BankAccountCard />
      <ScanFolderCard />
      <QueueSettingsCard />
      <AuditCard />
    </section>
  );
}
