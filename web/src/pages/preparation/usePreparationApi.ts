import { useEffect, useMemo, useState } from 'react';
import { createPreparationApi } from '../../api/preparation';
import { useAuth } from '../../auth/AuthContext';

/** The preparation-call calls, on the app's one client. */
export function usePreparationApi() {
  const { api } = useAuth();
  return useMemo(() => createPreparationApi(api.client), [api]);
}

/** The time now, again every `ms`: whether a call has begun changes as the page stays open. */
export function useNow(ms = 15_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const t = window.setInterval(() => setNow(new Date()), ms);
    return () => window.clearInterval(t);
  }, [ms]);
  return now;
}
