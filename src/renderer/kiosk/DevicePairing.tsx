import { useCallback, useEffect, useState, type FormEvent, type InputHTMLAttributes } from 'react';
import type { ApiError, DeviceKind, OutputOf } from '../../shared/contract';
import type { MessageKey } from '../../shared/i18n';
import { useApp } from '../app-context';
import { DEVICE_REQUIRED_EVENT, storeDeviceToken } from '../api/deviceToken';
import { useOp } from '../api/query';
import { ErrorMessage } from '../components/ErrorMessage';

type Device = NonNullable<OutputOf<'devices.me'>['device']>;
export type PairingState =
  { status: 'checking' } | { status: 'paired'; device: Device } | { status: 'unpaired' };

/**
 * Whether this screen is a paired device of one of `kinds` (docs/security.md, "Devices"):
 * asked of the hub (`devices.me`, which reads the stored token, or knows the Electron kiosk
 * window), again whenever a call answers DEVICE_REQUIRED (the device was revoked).
 */
export function useDevicePairing(kinds: readonly DeviceKind[]): {
  state: PairingState;
  recheck(): void;
} {
  const me = useOp('devices.me', {});
  const { refetch } = me;
  const recheck = useCallback(() => void refetch(), [refetch]);
  // A refusal or a network failure counts as unpaired (the pairing step is shown), even if an
  // earlier answer said paired; until the first answer, "checking".
  const device = me.error ? null : me.data?.device;
  const state: PairingState =
    device === undefined
      ? { status: 'checking' }
      : device && kinds.includes(device.kind)
        ? { status: 'paired', device }
        : { status: 'unpaired' };

  useEffect(() => {
    window.addEventListener(DEVICE_REQUIRED_EVENT, recheck);
    return () => window.removeEventListener(DEVICE_REQUIRED_EVENT, recheck);
  }, [recheck]);

  return { state, recheck };
}

/**
 * "Thiết bị chưa được ghép nối": the screen of an unpaired kiosk or rating tablet. Two ways
 * to pair it: type the short code an admin made on the desk's "Thiết bị" card, or an admin
 * signs in here once (the session is ended right after; only the device token stays).
 */
export function PairingPanel({
  kind,
  defaultName,
  onPaired,
}: {
  kind: DeviceKind;
  defaultName: string;
  onPaired(): void;
}) {
  const { t, api } = useApp();
  const [code, setCode] = useState('');
  const [name, setName] = useState(defaultName);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const byCode = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const res = await api.call('devices.pair', { code });
    setBusy(false);
    if (!res.ok) return setError(res.error);
    storeDeviceToken(res.data.token);
    onPaired();
  };

  const byAdmin = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const login = await api.call('auth.login', { username, password });
    if (!login.ok) {
      setBusy(false);
      return setError(login.error);
    }
    const token = login.data.token;
    const created = await api.call('devices.create', { name, kind }, { token });
    await api.call('auth.logout', {}, { token }); // the admin's session does not stay here
    setBusy(false);
    setPassword('');
    if (!created.ok) {
      return setError(
        created.error.code === 'FORBIDDEN'
          ? { code: 'FORBIDDEN', message: t('device.unpaired.notAdmin') }
          : created.error,
      );
    }
    storeDeviceToken(created.data.token);
    onPaired();
  };

  /** A kiosk field: its label above a large input (`kinput` unless `input` says otherwise). */
  const field = (
    label: MessageKey,
    value: string,
    setValue: (value: string) => void,
    input: InputHTMLAttributes<HTMLInputElement>,
  ) => (
    <label className="kfield">
      <span className="kfield-label">{t(label)}</span>
      <input
        className="kinput"
        {...input}
        value={value}
        onChange={(e) => setValue(e.target.value)}
      />
    </label>
  );

  return (
    <div className="kpanel kpairing" data-testid="device-unpaired">
      <h1 className="ktitle">{t('device.unpaired.title')}</h1>
      <p className="klead">{t('device.unpaired.intro')}</p>
      <ErrorMessage error={error} />
      <div className="kpairing-ways">
        <form className="kform" onSubmit={(e) => void byCode(e)} aria-labelledby="kpair-code">
          <h2 id="kpair-code" className="ksubtitle">
            {t('device.unpaired.codeTitle')}
          </h2>
          <p>{t('device.unpaired.codeHint')}</p>
          {field('device.unpaired.code', code, setCode, {
            className: 'kinput kinput-code',
            autoComplete: 'off',
            autoCapitalize: 'characters',
            spellCheck: false,
            maxLength: 20,
          })}
          <button type="submit" className="kbtn kbtn-primary" disabled={busy || code.trim() === ''}>
            {t('device.unpaired.pair')}
          </button>
        </form>
        <form className="kform" onSubmit={(e) => void byAdmin(e)} aria-labelledby="kpair-admin">
          <h2 id="kpair-admin" className="ksubtitle">
            {t('device.unpaired.adminTitle')}
          </h2>
          {field('device.unpaired.name', name, setName, { maxLength: 80 })}
          {field('login.username', username, setUsername, { autoComplete: 'off' })}
          {field('login.password', password, setPassword, {
            type: 'password',
            autoComplete: 'off',
          })}
          <button
            type="submit"
            className="kbtn kbtn-primary"
            disabled={busy || !username || !password || !name.trim()}
          >
            {t('device.unpaired.adminPair')}
          </button>
        </form>
      </div>
    </div>
  );
}
