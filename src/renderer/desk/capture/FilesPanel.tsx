import { useState } from 'react';
import type { OutputOf } from '../../../shared/contract';
import { RESULT_DOCUMENT_NAME } from '../../../shared/contract/files';
import { formatVnDateTime } from '../../../shared/time/vnTime';
import { useApp } from '../../app-context';
import { openBytes } from '../../api/download';
import { useOp } from '../../api/query';
import { CaptureDialog, sizeText } from './CaptureDialog';

type Dossier = OutputOf<'dossiers.get'>;
type Listed = OutputOf<'files.list'>[number];

/** The document name of the result in a dossier's files. */
export const RESULT_DOCUMENT = RESULT_DOCUMENT_NAME;

/**
 * The files of a dossier in its details (docs/digitisation.md): every file attached or
 * linked to it, each opened in a new tab (fetched with the officer's token: the file route is
 * not public), and "Số hóa" per document of the dossier and, once the result is being made
 * ready or is ready, for the scanned signed result (NĐ 118/2025 Art. 13(2)(b): the result is
 * digitised too).
 */
export function FilesPanel({ dossier }: { dossier: Dossier }) {
  const { t, api } = useApp();
  // Reloaded when a file is attached to a dossier ('dossier.files' in EVENT_INVALIDATES): a
  // phone's upload (or another counter's) shows up at once.
  const list = useOp('files.list', { code: dossier.code });
  const files: Listed[] | null = list.data ?? null;
  const [capturing, setCapturing] = useState<string | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const resultStep =
    dossier.status === 'result_ready' ||
    dossier.status === 'returned' ||
    dossier.allowedActions.includes('result-ready');
  const names = [
    ...new Set(dossier.documents.map((d) => d.name)),
    ...(resultStep ? [RESULT_DOCUMENT] : []),
  ];
  const label = (name: string) => (name === RESULT_DOCUMENT ? t('capture.result') : name);

  async function open(id: string) {
    const r = await api.call('files.get', { id });
    if (r.ok) openBytes(r.data.body, r.data.contentType, r.data.fileName);
    else
      setMessage({ kind: 'error', text: t('capture.fileOpenFailed', { error: r.error.message }) });
  }

  return (
    <section aria-labelledby="files-title" data-testid="dossier-files">
      <h3 id="files-title">{t('capture.files')}</h3>
      {files && files.length === 0 && <p className="hint">{t('capture.filesEmpty')}</p>}
      {files && files.length > 0 && (
        <ul className="capture-files" data-testid="dossier-file-list">
          {files.map((f) => (
            <li key={f.id} data-testid="dossier-file">
              <span className="capture-doc">
                {t('capture.fileRow', {
                  name: label(f.documentName),
                  pages: f.pages,
                  size: sizeText(f.bytes),
                })}
                {f.linkedFromDossierCode
                  ? ` — ${t('capture.fileReused', { code: f.linkedFromDossierCode })}`
                  : ''}
              </span>
              <span className="nowrap">{formatVnDateTime(new Date(f.createdAt))}</span>
              <button
                type="button"
                className="btn btn-small"
                onClick={() => void open(f.id)}
                data-testid="dossier-file-open"
              >
                {t('capture.fileOpen')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="actions" style={{ flexWrap: 'wrap' }}>
        {names.map((name) => (
          <button
            key={name}
            type="button"
            className="btn btn-ghost btn-small capture-doc-button"
            onClick={() => setCapturing(name)}
            data-testid={name === RESULT_DOCUMENT ? 'capture-result' : undefined}
          >
            {name === RESULT_DOCUMENT
              ? t('capture.attachResult')
              : `${t('capture.open')}: ${name.length > 60 ? `${name.slice(0, 57)}…` : name}`}
          </button>
        ))}
      </div>
      {(message ?? list.error) && (
        <p className={`alert alert-${message?.kind ?? 'error'}`} role="status">
          {message?.text ?? list.error?.message}
        </p>
      )}
      {capturing !== null && (
        <CaptureDialog
          documentName={capturing}
          title={
            capturing === RESULT_DOCUMENT
              ? t('capture.titleResult')
              : t('capture.title', { name: capturing })
          }
          code={dossier.code}
          onAttached={(added) => {
            const first = added[0];
            if (first) {
              setMessage({
                kind: 'ok',
                text: t('capture.attached', {
                  name: label(first.documentName),
                  pages: first.pages,
                }),
              });
            }
            void list.refetch();
          }}
          onClose={() => setCapturing(null)}
        />
      )}
    </section>
  );
}
