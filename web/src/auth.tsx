import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { Result, Spin } from 'antd';
import { api, ApiError } from './api';
import type { LoginResult, User, UserResponse } from './types';
import { useT } from './i18n';

interface AuthValue {
  user: User | null;
  loading: boolean;
  refresh: () => Promise<User | null>;
  /** Password sign-in; staff get a second step (a code by SMS) instead of a session. */
  login: (username: string, password: string) => Promise<LoginResult>;
  /** Finishes a sign-in with a code: SMS sign-in or the staff second factor. */
  loginWithCode: (path: '/api/auth/login/sms' | '/api/auth/login/second-factor', body: Record<string, string>) => Promise<User>;
  register: (body: { name: string; idNumber: string; phone: string; password: string }) => Promise<User>;
  logout: () => Promise<void>;
  /** Forget the user locally (after a 401). */
  clear: () => void;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [loading, setLoading] = useState(true);

  const refresh = useCallback(async () => {
    try {
      const { user } = await api.get<UserResponse>('/api/auth/me', { noAuthRedirect: true });
      setUser(user);
      return user;
    } catch (e) {
      if (!(e instanceof ApiError) || e.status === 401 || e.status === 404) setUser(null);
      return null;
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const login = useCallback(async (username: string, password: string) => {
    const res = await api.post<LoginResult>('/api/auth/login', { username, password }, { noAuthRedirect: true });
    if ('user' in res) setUser(res.user);
    return res;
  }, []);

  const loginWithCode = useCallback(async (path: '/api/auth/login/sms' | '/api/auth/login/second-factor', body: Record<string, string>) => {
    const { user } = await api.post<UserResponse>(path, body, { noAuthRedirect: true });
    setUser(user);
    return user;
  }, []);

  const register = useCallback(async (body: { name: string; idNumber: string; phone: string; password: string }) => {
    const { user } = await api.post<UserResponse>('/api/auth/register', body, { noAuthRedirect: true });
    setUser(user);
    return user;
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.post('/api/auth/logout', {}, { noAuthRedirect: true });
    } catch {
      /* the session is gone either way */
    }
    // A full reload to the home page drops every cached view of the user's data (shared kiosks)
    // and avoids the route guard bouncing the current protected page to /login.
    window.location.assign('/');
  }, []);

  const clear = useCallback(() => setUser(null), []);

  const value = useMemo(
    () => ({ user, loading, refresh, login, loginWithCode, register, logout, clear }),
    [user, loading, refresh, login, loginWithCode, register, logout, clear],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const v = useContext(AuthContext);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}

export function loginPath(loc: { pathname: string; search: string }) {
  return `/login?next=${encodeURIComponent(loc.pathname + loc.search)}`;
}

/** Route guard: signed-in users only (optionally staff only). */
export function RequireAuth({ children, staff }: { children: ReactNode; staff?: boolean }) {
  const { user, loading } = useAuth();
  const loc = useLocation();
  const t = useT();
  if (loading) return <Spin size="large" style={{ display: 'block', margin: '80px auto' }} />;
  if (!user) return <Navigate to={loginPath(loc)} replace />;
  // A password someone else set must be changed before anything else (the server insists too).
  if (user.mustChangePassword && loc.pathname !== '/my/security') return <Navigate to="/my/security" replace />;
  if (staff && user.kind !== 'staff') return <Result status="403" title="403" subTitle={t('error.forbidden')} />;
  return <>{children}</>;
}
