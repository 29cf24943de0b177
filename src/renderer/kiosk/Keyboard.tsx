import { useApp } from '../app-context';

/**
 * On-screen keyboard (no physical keyboard at the kiosk). Layouts: 'digits' (check digits),
 * 'code' (dossier codes: digits, letters, '.', '-'), 'text' (Vietnamese search typed without
 * accents — the search folds Vietnamese, so "khai sinh" finds "Khai sinh", "chung thuc"
 * finds "Chứng thực"). Every key is ≥ 64 px and has a spoken name.
 */
export type KeyboardLayout = 'digits' | 'code' | 'text';

const DIGIT_ROWS = [['1', '2', '3'], ['4', '5', '6'], ['7', '8', '9'], ['0']];
const LETTER_ROWS = [
  ['Q', 'W', 'E', 'R', 'T', 'Y', 'U', 'I', 'O', 'P'],
  ['A', 'S', 'D', 'Đ', 'F', 'G', 'H', 'J', 'K', 'L'],
  ['Z', 'X', 'C', 'V', 'B', 'N', 'M'],
];

export function Keyboard({
  layout,
  onKey,
  onBackspace,
  onClear,
  testId,
}: {
  layout: KeyboardLayout;
  onKey(ch: string): void;
  onBackspace(): void;
  onClear(): void;
  testId?: string;
}) {
  const { t } = useApp();
  const key = (ch: string, label = ch) => (
    <button key={ch} type="button" className="kkey" onClick={() => onKey(ch)} aria-label={label}>
      {ch === ' ' ? t('kiosk.key.space') : ch}
    </button>
  );
  const digits =
    layout === 'digits' ? (
      DIGIT_ROWS.map((row, i) => (
        <div className="kkeys-row" key={`d${i}`}>
          {row.map((d) => key(d))}
        </div>
      ))
    ) : (
      <div className="kkeys-row">{'1234567890'.split('').map((d) => key(d))}</div>
    );
  const letters =
    layout === 'digits'
      ? null
      : LETTER_ROWS.map((row, i) => (
          <div className="kkeys-row" key={`l${i}`}>
            {row.filter((ch) => layout === 'text' || ch !== 'Đ').map((ch) => key(ch))}
          </div>
        ));
  return (
    <div
      className={`kkeyboard kkeyboard-${layout}`}
      role="group"
      aria-label={t('kiosk.key.keyboard')}
      data-testid={testId}
    >
      {digits}
      {letters}
      <div className="kkeys-row">
        {layout === 'code' && key('.')}
        {layout === 'code' && key('-')}
        {layout === 'text' && (
          <button type="button" className="kkey kkey-wide" onClick={() => onKey(' ')}>
            {t('kiosk.key.space')}
          </button>
        )}
        <button type="button" className="kkey kkey-wide kkey-edit" onClick={onBackspace}>
          ⌫ {t('kiosk.key.backspace')}
        </button>
        <button type="button" className="kkey kkey-wide kkey-edit" onClick={onClear}>
          {t('kiosk.key.clear')}
        </button>
      </div>
    </div>
  );
}
