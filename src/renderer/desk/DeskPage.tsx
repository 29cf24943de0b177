import { useEffect, useState } from 'react';
import { useApp } from '../app-context';
import { DESK_TABS, type DeskTabProps } from './deskTabs';
import './desk.css';

/** The officer's workspace: tabs for each task, Alt+<key> to switch without the mouse. */
export function DeskPage(props: DeskTabProps) {
  const { t, session } = useApp();
  const tabs = DESK_TABS.filter((tab) => !tab.adminOnly || session?.user.role === 'admin');
  const [active, setActive] = useState(tabs[0]?.id ?? 'overview');

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const tab = tabs.find((x) => x.key.toLowerCase() === e.key.toLowerCase());
      if (tab) {
        e.preventDefault();
        setActive(tab.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [tabs]);

  if (!session) return null;
  const current = tabs.find((tab) => tab.id === active) ?? tabs[0];
  return (
    <main id="main" className="page desk">
      <div className="desk-head">
        <h1>{t('desk.title')}</h1>
        <p data-testid="signed-in-as">
          {t('desk.signedInAs', {
            name: session.user.fullName,
            role: t(session.user.role === 'admin' ? 'role.admin' : 'role.officer'),
          })}
        </p>
      </div>
      <div role="tablist" className="tabs" aria-label={t('desk.title')}>
        {tabs.map((tab) => (
          <button
            key={tab.id}
            role="tab"
            type="button"
            id={`tab-${tab.id}`}
            aria-selected={tab.id === current?.id}
            aria-controls={`panel-${tab.id}`}
            className={tab.id === current?.id ? 'tab active' : 'tab'}
            onClick={() => setActive(tab.id)}
            title={`Alt+${tab.key}`}
          >
            {t(tab.label)} <kbd>Alt+{tab.key}</kbd>
          </button>
        ))}
      </div>
      {current && (
        <section
          role="tabpanel"
          id={`panel-${current.id}`}
          aria-labelledby={`tab-${current.id}`}
          className="tab-panel"
        >
          {current.render(props)}
        </section>
      )}
    </main>
  );
}
