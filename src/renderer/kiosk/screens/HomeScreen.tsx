import { useEffect } from 'react';
import { useApp } from '../../app-context';
import { BookIcon, SearchIcon, SmileIcon, TicketIcon } from '../icons';
import { useKiosk, type KioskScreen } from '../kioskContext';

const CHOICES = [
  { screen: 'take', title: 'kiosk.menu.take', hint: 'kiosk.menu.takeHint', Icon: TicketIcon },
  { screen: 'lookup', title: 'kiosk.menu.lookup', hint: 'kiosk.menu.lookupHint', Icon: SearchIcon },
  {
    screen: 'procedures',
    title: 'kiosk.menu.procedures',
    hint: 'kiosk.menu.proceduresHint',
    Icon: BookIcon,
  },
  { screen: 'rating', title: 'kiosk.menu.rating', hint: 'kiosk.menu.ratingHint', Icon: SmileIcon },
] as const;

/** Four huge choices. */
export function HomeScreen() {
  const { t } = useApp();
  const { go, setReadout } = useKiosk();
  useEffect(() => {
    setReadout([
      'kiosk.homePrompt',
      'kiosk.menu.take',
      'kiosk.menu.lookup',
      'kiosk.menu.procedures',
      'kiosk.menu.rating',
    ]);
  }, [setReadout]);
  return (
    <section className="khome" aria-labelledby="khome-title">
      <h1 id="khome-title" className="ktitle kcenter-text">
        {t('kiosk.welcome')}
      </h1>
      <p className="klead kcenter-text">{t('kiosk.homePrompt')}</p>
      <div className="khome-grid">
        {CHOICES.map(({ screen, title, hint, Icon }) => (
          <button
            key={screen}
            type="button"
            className={`ktile ktile-${screen}`}
            onClick={() => go({ name: screen } as KioskScreen)}
          >
            <Icon className="ktile-icon" />
            <span className="ktile-title">{t(title)}</span>
            <span className="ktile-hint">{t(hint)}</span>
          </button>
        ))}
      </div>
    </section>
  );
}
