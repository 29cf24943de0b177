import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { formatVnDate } from '../../../shared/time/vnTime';
import { useApp } from '../../app-context';
import { CaptureDialog, sendPending, type PendingCapture } from './CaptureDialog';
import { offersFor, type ReuseOffer } from './reuse';

interface DocLike {
  name: string;
  checked: boolean;
  fileId?: string | undefined;
}

/**
 * Capture at reception (docs/digitisation.md, "Ghi nhận tệp / Capture"): per checklist item,
 * F8 (or its button) opens the capture dialog; what it captures is held here and sent to the
 * dossier's files as soon as the dossier is received. When the citizen's CCCD is known, an
 * item whose name matches a document digitised in an earlier dossier offers "Dùng bản đã số
 * hóa ngày dd/mm/yyyy" (F7): the item is then taken from electronic data (NĐ 118/2025 Art.
 * 5(1)(i): documents already digitised are not asked for again), linked to that stored file.
 */
export function useReceptionCapture({
  idNumber,
  docs,
  locked,
  onReuse,
  onCaptured,
}: {
  idNumber: string;
  docs: readonly DocLike[];
  locked: boolean;
  onReuse(index: number, offer: ReuseOffer): void;
  /** A capture of row `index` is held: the document is handed over, its row is ticked. */
  onCaptured?(index: number): void;
}) {
  const { t, api, lang } = useApp();
  const [pending, setPending] = useState<ReadonlyMap<string, PendingCapture[]>>(new Map());
  const [reusable, setReusable] = useState<ReuseOffer[]>([]);
  const [dialogFor, setDialogFor] = useState<string | null>(null);
  const [note, setNote] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const returnFocus = useRef<HTMLElement | null>(null);

  // The citizen's earlier digitised documents, once a valid ID number is there.
  useEffect(() => {
    const id = idNumber.trim();
    if (!/^(\d{12}|\d{9})$/.test(id)) {
      setReusable([]);
      return;
    }
    let live = true;
    void api
      .call('files.reusable', { idNumber: id })
      .then((r) => live && setReusable(r.ok ? r.data : []));
    return () => {
      live = false;
    };
  }, [api, idNumber, lang]);

  // Another procedure, another checklist: captures of items no longer there are dropped.
  const names = docs.map((d) => d.name).join('\n');
  useEffect(() => {
    const keep = new Set(names.split('\n'));
    setPending((all) =>
      [...all.keys()].every((n) => keep.has(n))
        ? all
        : new Map([...all].filter(([n]) => keep.has(n))),
    );
  }, [names]);

  const offers = offersFor(
    docs.map((d) => d.name),
    reusable,
  );

  const open = useCallback((name: string) => {
    returnFocus.current =
      document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setDialogFor(name);
  }, []);

  const close = useCallback(() => {
    setDialogFor(null);
    setTimeout(() => returnFocus.current?.focus(), 0);
  }, []);

  const reset = useCallback(() => {
    setPending(new Map());
    setReusable([]);
    setDialogFor(null);
    setNote(null);
  }, []);

  /** Send every held capture to the received dossier; the note says how it went. */
  const uploadAll = useCallback(
    async (code: string) => {
      let count = 0;
      const errors: string[] = [];
      for (const [name, captures] of pending) {
        const r = await sendPending(api, lang, code, name, captures);
        if (r.ok) count += r.files.length;
        else errors.push(t('capture.uploadFailed', { name, error: r.message }));
      }
      setPending(new Map());
      if (errors.length) setNote({ kind: 'error', text: errors.join(' ') });
      else if (count) setNote({ kind: 'ok', text: t('capture.uploadedAfterReceive', { count }) });
      else setNote(null);
    },
    [api, lang, pending, t],
  );

  /** The checklist row holding the focus, else `fallback`. */
  const focusedRow = (fallback: (i: number) => boolean): number => {
    const row = document.activeElement?.closest('[data-doc-index]');
    const i = row ? Number(row.getAttribute('data-doc-index')) : -1;
    if (i >= 0 && i < docs.length) return i;
    return docs.findIndex((_, j) => fallback(j));
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (locked || dialogFor !== null || docs.length === 0) return;
      if (e.key === 'F8') {
        e.preventDefault();
        const i = focusedRow(
          (j) => docs[j]!.checked && !docs[j]!.fileId && !pending.has(docs[j]!.name),
        );
        const d = docs[i >= 0 ? i : 0];
        if (d) open(d.name);
      } else if (e.key === 'F7') {
        const i = focusedRow((j) => offers.has(docs[j]!.name) && !docs[j]!.fileId);
        const d = docs[i];
        const offer = d ? offers.get(d.name) : undefined;
        if (d && offer && !d.fileId) {
          e.preventDefault();
          onReuse(i, offer);
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  /** The capture cell of checklist row `i`. */
  function cell(i: number): ReactNode {
    const d = docs[i];
    if (!d) return null;
    const offer = offers.get(d.name);
    const held = pending.get(d.name) ?? [];
    const heldText = held
      .map((p) =>
        p.kind === 'tray'
          ? t('capture.pendingTray', { name: p.name })
          : p.parts.every((x) => x.fileName.startsWith('trang-'))
            ? t('capture.pendingPages', { count: p.parts.length })
            : t('capture.pendingFiles', { count: p.parts.length }),
      )
      .join(', ');
    return (
      <div className="capture-cell">
        {d.fileId && offer ? (
          <span className="capture-status" data-testid={`doc-reused-${i}`}>
            {t('capture.reused', {
              date: formatVnDate(new Date(offer.createdAt)),
              code: offer.dossierCode,
            })}
          </span>
        ) : (
          <>
            <button
              type="button"
              className="btn btn-small"
              onClick={() => open(d.name)}
              data-testid={`doc-capture-${i}`}
            >
              {t('capture.openKey')}
            </button>
            {offer && (
              <button
                type="button"
                className="btn btn-small btn-ghost"
                onClick={() => onReuse(i, offer)}
                data-testid={`doc-reuse-${i}`}
              >
                {t('capture.reuseKey', { date: formatVnDate(new Date(offer.createdAt)) })}
              </button>
            )}
          </>
        )}
        {held.length > 0 && (
          <span className="capture-status" data-testid={`doc-pending-${i}`}>
            {t('capture.pending', { what: heldText })}
          </span>
        )}
      </div>
    );
  }

  const dialog =
    dialogFor === null ? null : (
      <CaptureDialog
        documentName={dialogFor}
        title={t('capture.title', { name: dialogFor })}
        code={null}
        onPending={(captures) => {
          setPending((all) => {
            const next = new Map(all);
            next.set(dialogFor, [...(all.get(dialogFor) ?? []), ...captures]);
            return next;
          });
          onCaptured?.(docs.findIndex((d) => d.name === dialogFor));
        }}
        onClose={close}
      />
    );

  return { cell, dialog, uploadAll, reset, note, offers };
}
