import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api as defaultApi, type Api, ApiError, type MyOrganisation, type User } from '../api';

export type AuthStatus = 'loading' | 'signed-in' | 'signed-out' | 'unavailable';

export interface AuthContextValue {
  status: AuthStatus;
  user: User | null;
  organisations: MyOrganisation[];
  /** Why the session could not be checked (status 'unavailable'). */
  error: ApiError | null;
  /** Why the user is signed out: they logged out, or the session ended under them. */
  signOutReason: 'logout' | 'expired' | null;
  api: Api;
  login(email: string, password: string): Promise<void>;
  /** Creates the account (or emails the owner of a registered address); no session starts. */
  signup(name: string, email: string, password: string): Promise<void>;
  logout(): Promise<void>;
  /** Reads GET /me again (after joining or creating an organisation). */
  refresh(): Promise<void>;
}

const AuthContext = createContext<AuthContextValue | null>(null);

/**
 * `anonymousPage`: the page loaded is one nobody signs in to (a survey's
 * public link), so the session is not asked for: a respondent's browser
 * makes no call that answers 401 and logs it as an error.
 */
export function AuthProvider({
  children,
  api = defaultApi,
  anonymousPage = false,
}: {
  children: ReactNode;
  api?: Api;
  anonymousPage?: boolean;
}) {
  const [status, setStatus] = useState<AuthStatus>(anonymousPage ? 'signed-out' : 'loading');
  const [user, setUser] = useState<User | null>(null);
  const [organisations, setOrganisations] = useState<MyOrganisation[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [signOutReason, setSignOutReason] = useState<'logout' | 'expired' | null>(null);

  const signOutLocally = useCallback((reason: 'logout' | 'expired' | null) => {
    setSignOutReason(reason);
    api.client.setCsrfToken(null);
    setUser(null);
    setOrganisations([]);
    setStatus('signed-out');
  }, [api]);

  const refresh = useCallback(async () => {
    try {
      const me = await api.me();
      setUser(me.user);
      setOrganisations(me.organisations ?? []);
      setError(null);
      setSignOutReason(null);
      setStatus('signed-in');
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        signOutLocally(null);
      } else {
        setError(e instanceof ApiError ? e : new ApiError(0, 'network', String(e)));
        setStatus('unavailable');
      }
    }
  }, [api, signOutLocally]);

  useEffect(() => {
    if (!anonymousPage) void refresh();
  }, [refresh, anonymousPage]);

  // A 401 on any later request means the session ended (logged out elsewhere,
  // expired, or a password reset): show the login page.
  useEffect(() => api.client.onUnauthenticated(() => signOutLocally('expired')), [api, signOutLocally]);

  const login = useCallback(
    async (email: string, password: string) => {
      await api.login({ email, password });
      await refresh();
    },
    [api, refresh],
  );

  const signup = useCallback(
    async (name: string, email: string, password: string) => {
      await api.signup({ name, email, password });
    },
    [api],
  );

  const logout = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      signOutLocally('logout');
    }
  }, [api, signOutLocally]);

  const value = useMemo<AuthContextValue>(
    () => ({ status, user, organisations, error, signOutReason, api, login, signup, logout, refresh }),
    [status, user, organisations, error, signOutReason, api, login, signup, logout, refresh],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth must be used inside <AuthProvider>');
  return ctx;
}

export function useApi(): Api {
  return useAuth().api;
}
