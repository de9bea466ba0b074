import { useMemo } from 'react';
import { createEngagementsApi } from '../../api/engagements';
import { useAuth } from '../../auth/AuthContext';

/** The engagement calls, on the app's one client. */
export function useEngagementsApi() {
  const { api } = useAuth();
  return useMemo(() => createEngagementsApi(api.client), [api]);
}
