import { useEffect, useMemo, useState } from 'react';
import type { ApiError, OutputOf } from '../../../shared/contract';
import { DOCUMENT_KIND_LABELS, processingTimeLabel } from '../../../shared/catalog/procedure';
import { countersServing, serviceForProcedure } from '../../../shared/kiosk/whereToGo';
import { procedureMatches } from '../../../shared/kiosk/procedureSearch';
import { useApp } from '../../app-context';
import { useOp } from '../../api/query';
import { Keyboard } from '../Keyboard';
import { BookIcon, DocIcon, TicketIcon } from '../icons';
import { useKiosk } from '../kioskContext';
import { KioskError, ScreenTitle } from './common';

type Procedure = OutputOf<'procedures.list'>[number];
type Service = OutputOf<'queue.services'>[number];
type Counter = OutputOf<'counters.list'>[number];

type View =
  | { name: 'fields' }
  | { name: 'field'; field: string }
  | { name: 'search' }
  | { name: 'detail'; procedure: Procedure; from: Exclude<View, { name: 'detail' }> };

/** Stable empty list while a secondary read loads (keeps memoised values stable). */
const NONE: never[] = [];

/** Browse by field or search with the on-screen keyboard (folded: no accents needed). */
export function ProceduresScreen() {
  const { t, api, lang } = useApp();
  const { go, setReadout } = useKiosk();
  const procedures = useOp('procedures.list', {});
  const all: Procedure[] | null = procedures.data ?? null;
  const services: Service[] = useOp('queue.services', {}).data ?? NONE;
  const counters: Counter[] = useOp('counters.list', {}).data ?? NONE;
  const error = procedures.error;
  const [view, setView] = useState<View>({ name: 'fields' });
  const [query, setQuery] = useState('');
  // Each answer of kiosk.printChecklist shown as what it is ('screen' is not "Đã in").
  const [print, setPrint] = useState<
    'idle' | 'printing' | 'printed' | 'screen' | 'failed' | ApiError
  >('idle');

  useEffect(() => {
    setReadout(view.name === 'detail' ? ['kiosk.voice.procDetail'] : ['kiosk.proc.prompt']);
  }, [view, setReadout]);

  const fields = useMemo(() => {
    const counts = new Map<string, number>();
    for (const p of all ?? []) counts.set(p.field, (counts.get(p.field) ?? 0) + 1);
    return [...counts.entries()];
  }, [all]);

  const results = useMemo(() => {
    const list = all ?? [];
    if (view.name === 'field') return list.filter((p) => p.field === view.field);
    if (view.name === 'search') {
      return list.filter((p) => procedureMatches(query, p));
    }
    return [];
  }, [all, view, query]);

  const openDetail = (procedure: Procedure) => {
    setPrint('idle');
    if (view.name !== 'detail') setView({ name: 'detail', procedure, from: view });
  };

  const list = (
    <ul className="kproc-list" aria-label={t('kiosk.proc.count', { count: results.length })}>
      {results.map((p) => (
        <li key={p.id}>
          <button type="button" className="kchoice kchoice-proc" onClick={() => openDetail(p)}>
            <DocIcon className="kchoice-icon-small" />
            <span className="kchoice-title">{p.name}</span>
          </button>
        </li>
      ))}
    </ul>
  );

  let body;
  if (error) body = <KioskError error={error} />;
  else if (!all) body = <p className="klead">{t('app.loading')}</p>;
  else if (view.name === 'detail') {
    const p = view.procedure;
    const service = serviceForProcedure(p, services);
    const numbers = service ? countersServing(service.id, counters) : [];
    const where =
      service && numbers.length
        ? t('kiosk.proc.whereCounters', { counters: numbers.join(', '), service: service.name })
        : t('kiosk.proc.whereHelpDesk');
    const fee = [
      p.fee.amountVnd === undefined
        ? null
        : p.fee.amountVnd === 0
          ? t('kiosk.proc.free')
          : t('kiosk.proc.feeAmount', { amount: p.fee.amountVnd.toLocaleString('vi-VN') }),
      p.fee.text ?? null,
    ]
      .filter(Boolean)
      .join('. ');
    const time = processingTimeLabel(p.processingTime, lang);
    body = (
      <article className="kpanel kproc" data-testid="procedure-detail">
        <h2 className="ksubtitle">{p.name}</h2>
        <p className="khint">
          {t('kiosk.proc.code')}: {p.code} · {p.field}
        </p>
        <h3 className="kh3">{t('kiosk.proc.documents')}</h3>
        <ol className="kdocs">
          {p.documents.map((d, i) => (
            <li key={i}>
              <span>{d.name}</span>
              <span className="kdoc-kind">
                {DOCUMENT_KIND_LABELS[lang][d.kind]}, {t('kiosk.proc.copies', { count: d.count })}
                {d.optional ? ` (${t('kiosk.proc.ifApplicable')})` : ''}
              </span>
            </li>
          ))}
        </ol>
        <dl className="kfacts">
          <dt>{t('kiosk.proc.time')}</dt>
          <dd>{time}</dd>
          <dt>{t('kiosk.proc.fee')}</dt>
          <dd>{fee}</dd>
          <dt>{t('kiosk.proc.where')}</dt>
          <dd>{where}</dd>
        </dl>
        {print === 'printed' && (
          <div className="kalert kalert-ok" role="status" data-testid="checklist-print">
            {t('kiosk.proc.printed')}
          </div>
        )}
        {(print === 'screen' || print === 'failed') && (
          <div className="kalert kalert-warn" role="alert" data-testid="checklist-print">
            {t(print === 'screen' ? 'kiosk.proc.screenOnly' : 'kiosk.proc.printFailed')}
          </div>
        )}
        {typeof print === 'object' && <KioskError error={print} />}
        <div className="kactions">
          <button
            type="button"
            className="kbtn kbtn-primary kbtn-big"
            disabled={print === 'printing'}
            onClick={async () => {
              setPrint('printing');
              const res = await api.call('kiosk.printChecklist', { id: p.id });
              setPrint(res.ok ? res.data.status : res.error);
            }}
          >
            <DocIcon />
            {print === 'printing' ? t('kiosk.proc.printing') : t('kiosk.proc.print')}
          </button>
          {service && (
            <button
              type="button"
              className="kbtn kbtn-soft kbtn-big"
              onClick={() => go({ name: 'take', serviceId: service.id })}
            >
              <TicketIcon />
              {t('kiosk.proc.takeNumber')}
            </button>
          )}
        </div>
      </article>
    );
  } else if (view.name === 'field') {
    body = (
      <>
        <h2 className="ksubtitle">{view.field}</h2>
        {list}
      </>
    );
  } else if (view.name === 'search') {
    body = (
      <>
        <label className="kfield">
          <span className="kfield-label">{t('kiosk.proc.searchLabel')}</span>
          <input
            className="kinput"
            value={query}
            readOnly
            inputMode="none"
            placeholder={t('kiosk.proc.searchHint')}
            data-testid="procedure-search"
          />
        </label>
        <Keyboard
          layout="text"
          testId="text-keyboard"
          onKey={(ch) => setQuery((q) => (q + ch.toLowerCase()).slice(0, 60))}
          onBackspace={() => setQuery((q) => q.slice(0, -1))}
          onClear={() => setQuery('')}
        />
        {query.trim() && (
          <p className="klead" role="status">
            {results.length
              ? t('kiosk.proc.count', { count: results.length })
              : t('kiosk.proc.none')}
          </p>
        )}
        {list}
      </>
    );
  } else {
    body = (
      <>
        <p className="klead">{t('kiosk.proc.prompt')}</p>
        <button
          type="button"
          className="kbtn kbtn-primary kbtn-big kbtn-search"
          onClick={() => setView({ name: 'search' })}
        >
          {t('kiosk.proc.searchButton')} — {t('kiosk.proc.searchHint')}
        </button>
        <h2 className="ksubtitle">{t('kiosk.proc.byField')}</h2>
        <div className="kgrid kgrid-fields">
          {fields.map(([field, count]) => (
            <button
              key={field}
              type="button"
              className="kchoice kchoice-field"
              onClick={() => setView({ name: 'field', field })}
            >
              <BookIcon className="kchoice-icon" />
              <span className="kchoice-title">{field}</span>
              <span className="kchoice-hint">{t('kiosk.proc.count', { count })}</span>
            </button>
          ))}
        </div>
      </>
    );
  }

  return (
    <section className="kprocs" aria-labelledby="kprocs-title">
      <ScreenTitle
        id="kprocs-title"
        onBack={
          view.name === 'detail'
            ? () => setView(view.from)
            : view.name !== 'fields'
              ? () => setView({ name: 'fields' })
              : undefined
        }
      >
        {t('kiosk.menu.procedures')}
      </ScreenTitle>
      {body}
    </section>
  );
}
