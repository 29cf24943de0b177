import { useEffect, useRef, useState } from 'react';
import type { ApiError, OutputOf } from '../../../shared/contract';
import { digitClips, type KioskVoiceKey } from '../../../shared/kiosk/voiceClips';
import { countersServing, resultService } from '../../../shared/kiosk/whereToGo';
import { isOverdue } from '../../../shared/kiosk/overdue';
import { formatVnDate } from '../../../shared/time/vnTime';
import { useApp } from '../../app-context';
import { Keyboard } from '../Keyboard';
import { ResultIcon } from '../icons';
import { useKiosk } from '../kioskContext';
import { codeFromScan } from '../scan';
import { KioskError, ScreenTitle } from './common';

type Found = OutputOf<'public.dossierLookup'>;
type Step =
  | { name: 'code' }
  | { name: 'check' }
  | { name: 'searching' }
  | { name: 'found'; dossier: Found; counter: number | null; resultServiceId: string | null }
  | { name: 'notFound' }
  | { name: 'error'; error: ApiError };

/** Too many tries for this code or from this place (docs/security.md, "Lookup"). */
const isLocked = (e: ApiError) => e.code === 'LOOKUP_LOCKED' || e.code === 'RATE_LIMITED';

/** Look up a dossier: scanned QR or typed code + last 4 digits of phone/ID (docs/domain.md). */
export function LookupScreen({
  initialCode,
  agencyCode,
}: {
  initialCode?: string | undefined;
  agencyCode: string | null;
}) {
  const { t, api } = useApp();
  const { go, setReadout } = useKiosk();
  const [code, setCode] = useState(initialCode ? codeFromScan(initialCode) : '');
  const [check, setCheck] = useState('');
  const [step, setStep] = useState<Step>(initialCode ? { name: 'check' } : { name: 'code' });
  const codeInput = useRef<HTMLInputElement>(null);

  // The scanner types into the focused field and ends with Enter.
  useEffect(() => {
    if (step.name === 'code') codeInput.current?.focus();
  }, [step.name]);

  useEffect(() => {
    if (step.name === 'code') setReadout(['kiosk.lookup.scanHint']);
    else if (step.name === 'check') setReadout(['kiosk.lookup.checkPrompt']);
    else if (step.name === 'notFound') setReadout(['kiosk.lookup.notFound']);
    else if (step.name === 'found') {
      const s = step.dossier.status;
      if (s === 'result_ready' && step.counter !== null) {
        setReadout([
          'kiosk.voice.readyA',
          ...digitClips(step.counter).map((clip) => ({ clip })),
          'kiosk.voice.readyB',
        ]);
      } else if (s === 'result_ready') setReadout(['kiosk.status.resultReadyDesk']);
      else setReadout([`kiosk.status.${s}` as KioskVoiceKey]);
    }
  }, [step, setReadout]);

  async function search() {
    setStep({ name: 'searching' });
    const res = await api.call('public.dossierLookup', { code, check });
    if (!res.ok) {
      if (res.error.code === 'NOT_FOUND' || res.error.code === 'VALIDATION_ERROR') {
        setStep({ name: 'notFound' });
      } else setStep({ name: 'error', error: res.error });
      return;
    }
    let counter: number | null = null;
    let serviceId: string | null = null;
    if (res.data.resultReady) {
      const [services, counters] = await Promise.all([
        api.call('queue.services', {}),
        api.call('counters.list', {}),
      ]);
      const service = services.ok ? resultService(services.data) : null;
      if (service && counters.ok) {
        serviceId = service.id;
        counter = countersServing(service.id, counters.data)[0] ?? null;
      }
    }
    setStep({ name: 'found', dossier: res.data, counter, resultServiceId: serviceId });
  }

  // Every step has a way back; the code typed is kept unless the citizen asks for another.
  const retryCheck = () => {
    setCheck('');
    setStep({ name: 'check' });
  };
  const another = () => {
    setCode('');
    setCheck('');
    setStep({ name: 'code' });
  };
  const back =
    step.name === 'check'
      ? () => setStep({ name: 'code' })
      : step.name === 'notFound' || step.name === 'error'
        ? retryCheck
        : undefined;
  /** After a refusal: the code typed, and the two ways on (the 4 digits again, another code). */
  const retryChoices = (
    <>
      <p className="kcode-echo">{code}</p>
      <div className="kactions">
        <button type="button" className="kbtn kbtn-primary kbtn-big" onClick={retryCheck}>
          {t('kiosk.lookup.retryCheck')}
        </button>
        <button type="button" className="kbtn kbtn-soft kbtn-big" onClick={another}>
          {t('kiosk.lookup.again')}
        </button>
      </div>
    </>
  );

  return (
    <section className="klookup" aria-labelledby="klookup-title">
      <ScreenTitle id="klookup-title" onBack={back}>
        {t('kiosk.menu.lookup')}
      </ScreenTitle>

      {step.name === 'code' && (
        <form
          className="kform"
          onSubmit={(e) => {
            e.preventDefault();
            const scanned = codeFromScan(code);
            setCode(scanned);
            if (scanned) setStep({ name: 'check' });
          }}
        >
          <p className="klead">{t('kiosk.lookup.scanHint')}</p>
          <label className="kfield">
            <span className="kfield-label">{t('kiosk.lookup.codeLabel')}</span>
            <input
              ref={codeInput}
              className="kinput kinput-code"
              value={code}
              inputMode="none"
              autoComplete="off"
              autoCorrect="off"
              spellCheck={false}
              onChange={(e) => setCode(e.target.value.toUpperCase().slice(0, 200))}
              data-testid="lookup-code"
            />
          </label>
          {agencyCode && !code && (
            <button
              type="button"
              className="kbtn kbtn-soft"
              onClick={() => setCode(`${agencyCode}-`)}
            >
              {agencyCode}-
            </button>
          )}
          <Keyboard
            layout="code"
            testId="code-keyboard"
            onKey={(ch) => setCode((c) => (c + ch).slice(0, 60))}
            onBackspace={() => setCode((c) => c.slice(0, -1))}
            onClear={() => setCode('')}
          />
          <button type="submit" className="kbtn kbtn-primary kbtn-big" disabled={!code.trim()}>
            {t('kiosk.lookup.next')}
          </button>
        </form>
      )}

      {step.name === 'check' && (
        <form
          className="kform"
          onSubmit={(e) => {
            e.preventDefault();
            if (check.length === 4) void search();
          }}
        >
          <p className="kcode-echo">{code}</p>
          <p className="klead">{t('kiosk.lookup.checkPrompt')}</p>
          <label className="kfield">
            <span className="kfield-label">{t('kiosk.lookup.checkLabel')}</span>
            <input
              className="kinput kinput-check"
              value={check}
              readOnly
              inputMode="none"
              data-testid="lookup-check"
            />
          </label>
          <Keyboard
            layout="digits"
            testId="check-keypad"
            onKey={(ch) => setCheck((c) => (c + ch).slice(0, 4))}
            onBackspace={() => setCheck((c) => c.slice(0, -1))}
            onClear={() => setCheck('')}
          />
          <button
            type="submit"
            className="kbtn kbtn-primary kbtn-big"
            disabled={check.length !== 4}
          >
            {t('kiosk.lookup.search')}
          </button>
        </form>
      )}

      {step.name === 'searching' && (
        <p className="klead" role="status">
          {t('kiosk.lookup.searching')}
        </p>
      )}

      {step.name === 'notFound' && (
        <>
          <div className="kalert kalert-error" role="alert" data-testid="lookup-not-found">
            {t('kiosk.lookup.notFound')}
          </div>
          {retryChoices}
        </>
      )}

      {step.name === 'error' && (
        <>
          {isLocked(step.error) ? (
            <div className="kalert kalert-error" role="alert" data-testid="lookup-locked">
              {t('kiosk.lookup.locked')}
            </div>
          ) : (
            <KioskError error={step.error} />
          )}
          {retryChoices}
        </>
      )}

      {step.name === 'found' && (
        <div className="kpanel kdossier" data-testid="lookup-result">
          <p className="kdossier-status" role="status">
            {step.dossier.status === 'result_ready'
              ? step.counter !== null
                ? t('kiosk.status.result_ready', { counter: step.counter })
                : t('kiosk.status.resultReadyDesk')
              : t(`kiosk.status.${step.dossier.status}`)}
          </p>
          <dl className="kfacts">
            <dt>{t('kiosk.lookup.codeLabel')}</dt>
            <dd>{step.dossier.code}</dd>
            <dt>{t('kiosk.lookup.procedure')}</dt>
            <dd>{step.dossier.procedureName}</dd>
          </dl>
          {step.dossier.apology && step.dossier.status !== 'returned' ? (
            // Late, and the office has already apologised with a new date: say that date.
            <div className="kalert kalert-warn" role="note" data-testid="lookup-apology">
              {t('kiosk.lookup.apology', {
                date: formatVnDate(step.dossier.apology.newDueDate),
              })}
            </div>
          ) : step.dossier.dueDate && isOverdue(step.dossier, new Date()) ? (
            <div className="kalert kalert-warn" role="note" data-testid="lookup-overdue">
              {t('kiosk.lookup.overdue', { date: formatVnDate(step.dossier.dueDate) })}
            </div>
          ) : (
            step.dossier.dueDate &&
            step.dossier.status !== 'returned' && (
              <p className="klead">
                {t('kiosk.lookup.due', { date: formatVnDate(step.dossier.dueDate) })}
              </p>
            )
          )}
          {step.dossier.resultReady && step.resultServiceId && (
            <button
              type="button"
              className="kbtn kbtn-primary kbtn-big"
              onClick={() => go({ name: 'take', serviceId: step.resultServiceId ?? undefined })}
            >
              <ResultIcon />
              {t('kiosk.lookup.takeResultTicket')}
            </button>
          )}
          <button type="button" className="kbtn kbtn-soft" onClick={another}>
            {t('kiosk.lookup.again')}
          </button>
        </div>
      )}
    </section>
  );
}
