import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import type { AppEvent, PublicUser } from '../shared/contract';
import {
  DEFAULT_LANG,
  translate,
  type Lang,
  type MessageKey,
  type MessageParams,
} from '../shared/i18n';
import { ApiClient } from './api/client';
import { createEventListeners, subscribeEvents, type ConnectionState } from './api/events';

const LANG_KEY = 'motcua.lang';
const SESSION_KEY = 'motcua.session';

interface Session {
  token: string;
  user: PublicUser;
  expiresAt: string;
}

interface AppContextValue {
  lang: Lang;
  setLang(lang: Lang): void;
  t(key: MessageKey, params?: MessageParams): string;
  api: ApiClient;
  session: Session | null;
  setSession(session: Session | null): void;
  connection: ConnectionState;
  /** Subscribe to live events; returns the unsubscribe function. */
  onEvent(listener: (event: AppEvent) => void): () => void;
}

const AppContext = createContext<AppContextValue | null>(null);

function loadSession(): Session | null {
  try {
    const raw = localStorage.getItem(SESSION_KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as Session;
    return new Date(s.expiresAt) > new Date() ? s : null;
  } catch {
    return null;
  }
}

function loadLang(): Lang {
  const stored = localStorage.getItem(LANG_KEY);
  return stored === 'en' || stored === 'vi' ? stored : DEFAULT_LANG;
}

export function AppProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(loadLang);
  const [session, setSessionState] = useState<Session | null>(loadSession);
  const [connection, setConnection] = useState<ConnectionState>('connecting');
  const [events] = useState(createEventListeners);

  const setLang = useCallback((next: Lang) => {
    localStorage.setItem(LANG_KEY, next);
    setLangState(next);
  }, []);

  const setSession = useCallback((next: Session | null) => {
    if (next) localStorage.setItem(SESSION_KEY, JSON.stringify(next));
    else localStorage.removeItem(SESSION_KEY);
    setSessionState(next);
  }, []);

  const api = useMemo(
    () =>
      new ApiClient(
        () => loadSession()?.token ?? null,
        () => loadLang(),
        () => setSession(null),
      ),
    [setSession],
  );

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  useEffect(
    () =>
      subscribeEvents(
        (event) => events.emit(event),
        (state) => setConnection(state),
      ),
    [events],
  );

  const value = useMemo<AppContextValue>(
    () => ({
      lang,
      setLang,
      t: (key, params) => translate(lang, key, params),
      api,
      session,
      setSession,
      connection,
      // The same function whatever the connection state (createEventListeners): the live
      // invalidation keeps its subscription, and the `hello` batch of a reconnection with it.
      onEvent: events.add,
    }),
    [lang, setLang, api, session, setSession, connection, events],
  );

  return <AppContext.Provider value={value}>{children}</AppContext.Provider>;
}

export function useApp(): AppContextValue {
  const ctx = useContext(AppContext);
  if (!ctx) throw new Error('useApp outside AppProvider');
  return ctx;
}
