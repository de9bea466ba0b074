import { useMemo } from 'react';
import { useAuth } from '../../auth/AuthContext';
import { createSupportApi } from '../../api/support';

/** The support registers' calls, on the app's one client. */
export function useSupportApi() {
  const { api } = useAuth();
  return useMemo(() => createSupportApi(api.client), [api]);
}
