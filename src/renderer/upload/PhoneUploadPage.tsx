import { useEffect, useRef, useState } from 'react';
import { UPLOAD_AUTH_SCHEME } from '../../shared/contract/files';
import { useApp } from '../app-context';
import { dossierFilesUrl } from '../desk/capture/urls';
import './upload.css';

interface Target {
  dossierCode: string;
  documentName: string;
  expiresAt: string;
}

/**
 * The phone's page of a one-time upload link (`/upload/<token>`, docs/digitisation.md,
 * "Chụp bằng điện thoại"): plain words, huge buttons, the phone's own camera app through
 * `<input type="file" accept="image/*" capture="environment">` — which, unlike the camera API,
 * works on a plain http page. The photos go as the pages of one PDF, with the token in place
 * of a sign-in (`Authorization: Upload <token>`); the link works once.
 */
export function PhoneUploadPage({ token }: { token: string }) {
  const { t, api, lang } = useApp();
  const inputRef = useRef<HTMLInputElement>(null);
  const [target, setTarget] = useState<Target | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'sending' | 'done' | 'expired'>(
    'loading',
  );
  const [photos, setPhotos] = useState<File[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void api.call('files.uploadLinkInfo', { token }).then((r) => {
      if (r.ok) {
        setTarget(r.data);
        setState('ready');
      } else setState('expired');
    });
  }, [api, token]);

  async function send() {
    if (!target || photos.length === 0) return;
    setState('sending');
    setError(null);
    const form = new FormData();
    form.append('documentName', target.documentName);
    photos.forEach((p, i) => form.append('file', p, p.name || `trang-${i + 1}.jpg`));
    try {
      const res = await fetch(dossierFilesUrl(target.dossierCode), {
        method: 'POST',
        headers: { Authorization: `${UPLOAD_AUTH_SCHEME} ${token}`, 'Accept-Language': lang },
        body: form,
      });
      if (res.ok) {
        setState('done');
        return;
      }
      const body = (await res.json().catch(() => null)) as {
        error?: { code: string; message: string };
      } | null;
      if (body?.error?.code === 'UPLOAD_LINK_INVALID') return setState('expired');
      setError(body?.error?.message ?? `HTTP ${res.status}`);
    } catch {
      setError(t('errors.NETWORK'));
    }
    setState('ready');
  }

  return (
    <main className="phone-upload" data-testid="phone-upload">
      <h1>{t('capture.phonePage.title')}</h1>
      {state === 'loading' && <p>{t('app.loading')}</p>}
      {state === 'expired' && (
        <p className="phone-big-note" role="alert">
          {t('capture.phonePage.expired')}
        </p>
      )}
      {state === 'done' && (
        <p className="phone-big-note phone-ok" role="status" data-testid="phone-done">
          {t('capture.phonePage.done')}
        </p>
      )}
      {(state === 'ready' || state === 'sending') && target && (
        <>
          <p className="phone-doc">
            {target.documentName === 'result' ? t('capture.result') : target.documentName}
          </p>
          <p>{t('capture.phonePage.intro')}</p>
          <label className="phone-button">
            {photos.length === 0 ? t('capture.phonePage.take') : t('capture.phonePage.more')}
            <input
              ref={inputRef}
              type="file"
              accept="image/*"
              capture="environment"
              hidden
              onChange={(e) => {
                const picked = e.target.files ? [...e.target.files] : [];
                setPhotos((all) => [...all, ...picked]);
                e.target.value = '';
              }}
              data-testid="phone-file"
            />
          </label>
          {photos.length > 0 && (
            <p className="phone-count" data-testid="phone-count">
              {t('capture.phonePage.count', { count: photos.length })}
            </p>
          )}
          <button
            type="button"
            className="phone-button phone-send"
            disabled={photos.length === 0 || state === 'sending'}
            onClick={() => void send()}
            data-testid="phone-send"
          >
            {state === 'sending' ? t('capture.phonePage.sending') : t('capture.phonePage.send')}
          </button>
          {error && (
            <p className="phone-big-note" role="alert">
              {t('capture.phonePage.failed', { error })}
            </p>
          )}
        </>
      )}
    </main>
  );
}
