import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Session } from '@fitdesk/contracts';
import { api, isApiError, onUnauthenticated, setCsrfToken } from './api';

interface SessionState {
  /** undefined while the first check runs; null when nobody is signed in. */
  session: Session | null | undefined;
  /** The first check failed for a reason other than "not signed in" (server down). */
  bootError: unknown;
  signedIn: (s: Session) => void;
  logout: () => Promise<void>;
  retry: () => void;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [bootError, setBootError] = useState<unknown>(undefined);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const ctrl = new AbortController();
    setBootError(undefined);
    api.auth.session(ctrl.signal).then(
      (s) => {
        setCsrfToken(s.csrfToken);
        setSession(s);
      },
      (e: unknown) => {
        if (ctrl.signal.aborted) return;
        if (isApiError(e) && e.status === 401) setSession(null);
        else setBootError(e);
      },
    );
    return () => ctrl.abort();
  }, [attempt]);

  useEffect(
    () =>
      onUnauthenticated(() => {
        setCsrfToken(null);
        setSession(null);
      }),
    [],
  );

  const signedIn = useCallback((s: Session) => {
    setCsrfToken(s.csrfToken);
    setSession(s);
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.auth.logout();
    } finally {
      setCsrfToken(null);
      setSession(null);
    }
  }, []);

  const value = useMemo(
    () => ({ session, bootError, signedIn, logout, retry: () => setAttempt((a) => a + 1) }),
    [session, bootError, signedIn, logout],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSessionState(): SessionState {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSessionState outside SessionProvider');
  return ctx;
}

/** The signed-in session; only for components rendered inside the signed-in shell. */
export function useSession(): Session {
  const { session } = useSessionState();
  if (!session) throw new Error('useSession without a session');
  return session;
}
