import { useEffect, useMemo } from 'react';
import { createEngagementsApi } from '../../api/engagements';
import { useAuth } from '../../auth/AuthContext';

/** The engagement calls, on the app's one client. */
export function useEngagementsApi() {
  const { api } = useAuth();
  return useMemo(() => createEngagementsApi(api.client), [api]);
}

/** While `dirty`, leaving or reloading the page asks first: unsaved changes are not lost by a slip. */
export function useWarnBeforeLeaving(dirty: boolean) {
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);
}
