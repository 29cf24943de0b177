import { useEffect, useRef, useState } from 'react';
import { formatVnDateTime } from '../../../shared/time/vnTime';
import { useApp } from '../../app-context';
import { useOp } from '../../api/query';
import { QrImage } from '../../kiosk/QrImage';
import type { AttachedFile } from './upload';

/** How often the list is read while the QR is shown, besides the live event. */
const PHONE_POLL_MS = 5000;

interface Link {
  token: string;
  url: string;
  expiresAt: string;
}

/**
 * "Chụp bằng điện thoại": a one-time upload link for this document of this dossier (valid 10
 * minutes), shown as a QR on the office's public address; the phone's page (/upload/<token>)
 * works over plain http. The dialog notices the phone's file by watching the dossier's list.
 */
export function PhoneCapture({
  code,
  documentName,
  onAttached,
}: {
  code: string;
  documentName: string;
  onAttached(files: AttachedFile[]): void;
}) {
  const { t, api } = useApp();
  const [link, setLink] = useState<Link | null>(null);
  const [error, setError] = useState<string | null>(null);
  const known = useRef<Set<string> | null>(null);

  async function files(): Promise<AttachedFile[] | null> {
    const r = await api.call('files.list', { code });
    return r.ok ? r.data : null;
  }

  async function start() {
    setError(null);
    const before = await files();
    known.current = new Set((before ?? []).map((f) => f.id));
    const r = await api.call('files.uploadLink', { code, documentName });
    if (!r.ok) return setError(r.error.message);
    setLink(r.data);
  }

  // While the QR is shown: the phone's upload appears in the dossier's list (its event,
  // 'dossier.files' in EVENT_INVALIDATES, and a slow poll in case the event stream is down).
  const watched = useOp('files.list', { code }, { enabled: link !== null, pollMs: PHONE_POLL_MS });
  useEffect(() => {
    if (!link || !watched.data) return;
    const fresh = watched.data.filter(
      (f) => !known.current?.has(f.id) && f.documentName === documentName,
    );
    if (fresh.length > 0) onAttached(fresh);
    // Checked when the list changes; a new callback alone is no news.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [link, watched.data]);

  // Without a public address the hub gives the bare path: shown on this page's own address,
  // with the warning that a phone cannot open a loopback one.
  const url =
    link === null ? '' : link.url.startsWith('/') ? window.location.origin + link.url : link.url;
  const loopback = link !== null && /^https?:\/\/(127\.|localhost|\[::1\])/i.test(url);
  return (
    <div className="capture-phone">
      {!link ? (
        <button
          type="button"
          className="btn"
          onClick={() => void start()}
          data-testid="phone-start"
        >
          {t('capture.phone')}
        </button>
      ) : (
        <>
          <QrImage data={url} label={t('capture.phone')} size="10rem" />
          <p className="hint">
            {t('capture.phoneHint', { time: formatVnDateTime(new Date(link.expiresAt)) })}
          </p>
          <p className="capture-url" data-testid="phone-url">
            {url}
          </p>
          {loopback && <p className="alert alert-warn">{t('capture.phoneNoAddress')}</p>}
          <p className="hint" role="status">
            {t('capture.phoneWaiting')}
          </p>
        </>
      )}
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
