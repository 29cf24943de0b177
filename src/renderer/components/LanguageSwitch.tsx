import { useApp } from '../app-context';

export function LanguageSwitch() {
  const { lang, setLang, t } = useApp();
  const next = lang === 'vi' ? 'en' : 'vi';
  return (
    <button
      type="button"
      className="btn btn-ghost"
      onClick={() => setLang(next)}
      aria-label={t('nav.language')}
      data-testid="language-switch"
      lang={next}
    >
      {next === 'en' ? t('nav.switchToEnglish') : t('nav.switchToVietnamese')}
    </button>
  );
}
