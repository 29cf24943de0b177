import type { ReactNode } from 'react';
import type { ApiError } from '../../../shared/contract';
import { useApp } from '../../app-context';
import { kioskErrorKey } from '../errors';

/** A screen's big heading with an optional "Quay lại" button. */
export function ScreenTitle({
  id,
  children,
  onBack,
}: {
  id: string;
  children: ReactNode;
  onBack?: (() => void) | undefined;
}) {
  const { t } = useApp();
  return (
    <div className="kscreen-head">
      {onBack && (
        <button type="button" className="kbtn kbtn-back" onClick={onBack}>
          <span aria-hidden="true">‹</span> {t('kiosk.back')}
        </button>
      )}
      <h1 id={id} className="ktitle">
        {children}
      </h1>
    </div>
  );
}

/** A failure in plain words with where to get help. */
export function KioskError({ error }: { error: ApiError | null }) {
  const { t } = useApp();
  if (!error) return null;
  return (
    <div className="kalert kalert-error" role="alert" data-testid="kiosk-error">
      {t(kioskErrorKey(error))}
    </div>
  );
}
