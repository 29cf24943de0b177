import { useCallback, useEffect, useRef, useState, type DragEvent } from 'react';
import type { OutputOf } from '../../../shared/contract';
import { formatVnDateTime } from '../../../shared/time/vnTime';
import { useApp } from '../../app-context';
import { useOp } from '../../api/query';
import { cleanPage } from './imageOps';
import { PhoneCapture } from './PhoneCapture';
import {
  MAX_FILE_BYTES,
  dossierFilesUrl,
  isAccepted,
  isImage,
  uploadParts,
  type AttachedFile,
  type UploadPart,
} from './upload';
import './capture.css';

type TrayFile = OutputOf<'scanFolder.files'>['files'][number];

/**
 * What a capture gives before the dossier exists (at reception): sent to the new dossier's
 * files right after it is received.
 */
export type PendingCapture =
  | { kind: 'upload'; parts: UploadPart[]; colour?: 'gray' | 'colour' }
  | { kind: 'tray'; id: string; name: string };

interface Page {
  blob: Blob;
  url: string;
}

/** Bytes as people read them. */
export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Send pending captures to a dossier's document; the first failure stops and is returned. */
export async function sendPending(
  api: ReturnType<typeof useApp>['api'],
  lang: ReturnType<typeof useApp>['lang'],
  code: string,
  documentName: string,
  pending: readonly PendingCapture[],
): Promise<{ ok: true; files: AttachedFile[] } | { ok: false; message: string }> {
  const files: AttachedFile[] = [];
  for (const p of pending) {
    if (p.kind === 'tray') {
      const r = await api.call('scanFolder.attach', { id: p.id, code, documentName });
      if (!r.ok) return { ok: false, message: r.error.message };
      files.push(r.data);
    } else {
      const r = await uploadParts(
        dossierFilesUrl(code),
        api.bearerToken(),
        lang,
        { documentName, ...(p.colour ? { colour: p.colour } : {}) },
        p.parts,
      );
      if (!r.ok) return { ok: false, message: r.error.message };
      files.push(r.data);
    }
  }
  return { ok: true, files };
}

/**
 * Capture one document of a dossier, keyboard first (docs/digitisation.md, "Ghi nhận tệp /
 * Capture"): the document camera (Space takes a page, Enter attaches every page as one PDF,
 * Delete drops the last page, G gray/colour, C auto-contrast, Esc cancels), the scanner's
 * "Tệp quét mới" tray (keys 1–9), a file picker and drag-and-drop, and — once the dossier
 * has a code — a phone through a one-time QR link. With `code` null (reception, before the
 * dossier is received) the capture is handed back with `onPending` and sent on reception.
 */
export function CaptureDialog({
  documentName,
  title,
  code,
  onPending,
  onAttached,
  onClose,
}: {
  documentName: string;
  title: string;
  code: string | null;
  onPending?(captures: PendingCapture[]): void;
  onAttached?(files: AttachedFile[]): void;
  onClose(): void;
}) {
  const { t, api, lang } = useApp();
  const dialogRef = useRef<HTMLDivElement>(null);
  const videoRef = useRef<HTMLVideoElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const [camera, setCamera] = useState<'starting' | 'live' | 'insecure' | 'failed'>(() =>
    window.isSecureContext && typeof navigator.mediaDevices?.getUserMedia === 'function'
      ? 'starting'
      : 'insecure',
  );
  const [cameraError, setCameraError] = useState('');
  const [pages, setPages] = useState<Page[]>([]);
  const [gray, setGray] = useState(true);
  const [autoContrast, setAutoContrast] = useState(true);
  // The scanner's tray, reloaded when a scan arrives or is attached (EVENT_INVALIDATES).
  const tray: OutputOf<'scanFolder.files'> | null = useOp('scanFolder.files', {}).data ?? null;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const pagesRef = useRef(pages);
  pagesRef.current = pages;

  useEffect(() => {
    dialogRef.current?.focus();
  }, []);

  // The camera: the back camera of a document camera or webcam, as large as it gives.
  useEffect(() => {
    if (camera !== 'starting') return;
    let stream: MediaStream | null = null;
    let live = true;
    navigator.mediaDevices
      .getUserMedia({
        video: { width: { ideal: 1920 }, height: { ideal: 1440 }, facingMode: 'environment' },
        audio: false,
      })
      .then((s) => {
        if (!live) {
          s.getTracks().forEach((tr) => tr.stop());
          return;
        }
        stream = s;
        if (videoRef.current) {
          videoRef.current.srcObject = s;
          void videoRef.current.play().catch(() => undefined);
        }
        setCamera('live');
      })
      .catch((e: unknown) => {
        if (!live) return;
        setCameraError(e instanceof Error ? e.name : String(e));
        setCamera('failed');
      });
    return () => {
      live = false;
      stream?.getTracks().forEach((tr) => tr.stop());
    };
    // Started once per dialog.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Thumbnails are object URLs: released when the dialog closes.
  useEffect(() => () => pagesRef.current.forEach((p) => URL.revokeObjectURL(p.url)), []);

  /** Hand the capture back (reception) or attach it now (a dossier with a code). */
  const finish = useCallback(
    async (captures: PendingCapture[]) => {
      if (captures.length === 0 || busy) return;
      if (code === null) {
        onPending?.(captures);
        onClose();
        return;
      }
      setBusy(true);
      setError(null);
      const r = await sendPending(api, lang, code, documentName, captures);
      setBusy(false);
      if (!r.ok) {
        setError(r.message);
        return;
      }
      onAttached?.(r.files);
      onClose();
    },
    [api, busy, code, documentName, lang, onAttached, onClose, onPending],
  );

  const take = useCallback(() => {
    const video = videoRef.current;
    if (camera !== 'live' || !video || !video.videoWidth) return;
    const canvas = document.createElement('canvas');
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.drawImage(video, 0, 0);
    const img = ctx.getImageData(0, 0, canvas.width, canvas.height);
    cleanPage(img.data, { gray, autoContrast });
    ctx.putImageData(img, 0, 0);
    canvas.toBlob(
      (blob) => {
        if (blob) setPages((all) => [...all, { blob, url: URL.createObjectURL(blob) }]);
      },
      'image/jpeg',
      0.85,
    );
  }, [autoContrast, camera, gray]);

  const attachPages = useCallback(() => {
    if (pages.length === 0) return;
    void finish([
      {
        kind: 'upload',
        colour: gray ? 'gray' : 'colour',
        parts: pages.map((p, i) => ({ blob: p.blob, fileName: `trang-${i + 1}.jpg` })),
      },
    ]);
  }, [finish, gray, pages]);

  const removeLast = () =>
    setPages((all) => {
      const last = all[all.length - 1];
      if (last) URL.revokeObjectURL(last.url);
      return all.slice(0, -1);
    });

  /** Picked or dropped files: the images together as the pages of one PDF, each PDF alone. */
  function takeFiles(list: FileList | File[]) {
    const files = [...list];
    if (files.length === 0) return;
    if (files.some((f) => !isAccepted(f))) return setError(t('capture.badType'));
    if (files.some((f) => f.size > MAX_FILE_BYTES)) return setError(t('capture.tooLarge'));
    const images = files.filter(isImage);
    const captures: PendingCapture[] = files
      .filter((f) => !isImage(f))
      .map((f) => ({ kind: 'upload', parts: [{ blob: f, fileName: f.name }] }));
    if (images.length > 0) {
      captures.unshift({
        kind: 'upload',
        parts: images.map((f) => ({ blob: f, fileName: f.name })),
      });
    }
    void finish(captures);
  }

  const pickTray = (f: TrayFile) => void finish([{ kind: 'tray', id: f.id, name: f.name }]);

  useEffect(() => {
    const typing = (el: EventTarget | null) =>
      el instanceof HTMLElement && ['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName);
    const onKey = (e: KeyboardEvent) => {
      // A modal dialog: the screen's own shortcuts (Ctrl+Enter receives!) wait until it closes.
      e.stopPropagation();
      if (e.ctrlKey || e.altKey || e.metaKey) {
        if (e.ctrlKey && e.key === 'Enter') e.preventDefault();
        return;
      }
      const k = e.key;
      if (k === 'Escape') {
        e.preventDefault();
        onClose();
      } else if (typing(e.target)) {
        return;
      } else if (k === ' ') {
        e.preventDefault();
        take();
      } else if (k === 'Enter') {
        if (pages.length === 0) return; // a focused button keeps its own Enter
        e.preventDefault();
        attachPages();
      } else if (k === 'Delete' || k === 'Backspace') {
        e.preventDefault();
        removeLast();
      } else if (k === 'g' || k === 'G') {
        e.preventDefault();
        setGray((g) => !g);
      } else if (k === 'c' || k === 'C') {
        e.preventDefault();
        setAutoContrast((a) => !a);
      } else if (/^[1-9]$/.test(k)) {
        const f = tray?.files[Number(k) - 1];
        if (f) {
          e.preventDefault();
          pickTray(f);
        }
      }
    };
    // Space on a focused button would click it on key-up: the page was taken on key-down.
    const onKeyUp = (e: KeyboardEvent) => {
      if (e.key === ' ' && !typing(e.target)) e.preventDefault();
      e.stopPropagation();
    };
    window.addEventListener('keydown', onKey, true);
    window.addEventListener('keyup', onKeyUp, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener('keyup', onKeyUp, true);
    };
  });

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    takeFiles(e.dataTransfer.files);
  };

  return (
    <div className="capture-backdrop">
      <div
        ref={dialogRef}
        className={`capture-dialog card${dragging ? ' capture-dragging' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby="capture-title"
        tabIndex={-1}
        data-testid="capture-dialog"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <div className="capture-head">
          <h2 id="capture-title">{title}</h2>
          <button type="button" className="btn btn-small" onClick={onClose}>
            {t('capture.close')}
          </button>
        </div>
        <div className="capture-body">
          <section className="capture-camera" aria-label={t('capture.camera')}>
            {camera === 'insecure' ? (
              <p className="alert alert-warn" role="note" data-testid="camera-insecure">
                {t('capture.cameraInsecure', { origin: window.location.origin })}
              </p>
            ) : camera === 'failed' ? (
              <p className="alert alert-warn" role="note" data-testid="camera-failed">
                {t('capture.cameraNone', { reason: cameraError })}
              </p>
            ) : (
              <>
                <div className="capture-preview">
                  <video
                    ref={videoRef}
                    muted
                    playsInline
                    className={gray ? 'capture-gray' : undefined}
                    data-testid="camera-preview"
                  />
                  {camera === 'starting' && <p className="hint">{t('capture.cameraStarting')}</p>}
                </div>
                <p className="hint">{t('capture.cameraKeys')}</p>
                <div className="actions-wrap capture-tools">
                  <button
                    type="button"
                    className="btn"
                    onClick={take}
                    disabled={camera !== 'live'}
                    data-testid="capture-take"
                  >
                    {t('capture.take')}
                  </button>
                  <button
                    type="button"
                    className="btn btn-primary"
                    onClick={attachPages}
                    disabled={pages.length === 0 || busy}
                    data-testid="capture-attach"
                  >
                    {pages.length > 0
                      ? t('capture.attachPages', { count: pages.length })
                      : t('capture.attach')}
                  </button>
                  <button
                    type="button"
                    className="btn btn-ghost"
                    onClick={removeLast}
                    disabled={pages.length === 0}
                  >
                    {t('capture.removeLast')}
                  </button>
                  <label className="check">
                    <input type="checkbox" checked={gray} onChange={() => setGray((g) => !g)} />
                    <span>{t('capture.gray')}</span>
                  </label>
                  <label className="check">
                    <input
                      type="checkbox"
                      checked={autoContrast}
                      onChange={() => setAutoContrast((a) => !a)}
                    />
                    <span>{t('capture.autoContrast')}</span>
                  </label>
                </div>
                <p className="hint" data-testid="capture-page-count">
                  {pages.length
                    ? t('capture.pages', { count: pages.length })
                    : t('capture.noPages')}
                </p>
                {pages.length > 0 && (
                  <ol className="capture-pages">
                    {pages.map((p, i) => (
                      <li key={p.url}>
                        <img src={p.url} alt={t('capture.pageAlt', { n: i + 1 })} />
                      </li>
                    ))}
                  </ol>
                )}
              </>
            )}
          </section>
          <div className="capture-side">
            <section aria-labelledby="capture-tray-title" data-testid="scan-tray">
              <h3 id="capture-tray-title">{t('capture.tray')}</h3>
              {!tray ? null : !tray.configured ? (
                <p className="hint">{t('capture.trayNotSet')}</p>
              ) : tray.files.length === 0 ? (
                <p className="hint">{t('capture.trayEmpty')}</p>
              ) : (
                <>
                  <p className="hint">{t('capture.trayHint')}</p>
                  <ul className="capture-tray">
                    {tray.files.slice(0, 9).map((f, i) => (
                      <li key={f.id}>
                        <button
                          type="button"
                          className="btn btn-ghost btn-small"
                          onClick={() => pickTray(f)}
                          data-testid={`tray-file-${i + 1}`}
                        >
                          {t('capture.trayItem', {
                            n: i + 1,
                            name: f.name,
                            size: sizeText(f.bytes),
                            time: formatVnDateTime(new Date(f.modifiedAt)),
                          })}
                        </button>
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </section>
            <section className="capture-drop" aria-label={t('capture.pick')}>
              <button
                type="button"
                className="btn"
                onClick={() => fileRef.current?.click()}
                data-testid="capture-pick"
              >
                {t('capture.pick')}
              </button>
              <input
                ref={fileRef}
                type="file"
                hidden
                multiple
                accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
                onChange={(e) => {
                  if (e.target.files) takeFiles(e.target.files);
                  e.target.value = '';
                }}
                data-testid="capture-file-input"
              />
              <p className="hint">{t('capture.drop')}</p>
            </section>
            <section aria-labelledby="capture-phone-title">
              <h3 id="capture-phone-title">{t('capture.phone')}</h3>
              {code === null ? (
                <p className="hint">{t('capture.phoneAfterReceive')}</p>
              ) : (
                <PhoneCapture
                  code={code}
                  documentName={documentName}
                  onAttached={(files) => {
                    onAttached?.(files);
                    onClose();
                  }}
                />
              )}
            </section>
          </div>
        </div>
        {busy && (
          <p className="hint" role="status">
            {t('capture.uploading')}
          </p>
        )}
        {error && (
          <p className="alert alert-error" role="alert" data-testid="capture-error">
            {error}
          </p>
        )}
      </div>
    </div>
  );
}
