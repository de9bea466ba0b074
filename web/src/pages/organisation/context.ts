import { createContext, useContext } from 'react';
import type { Api, Dashboard, User } from '../../api';

export interface OrgContextValue {
  api: Api;
  dashboard: Dashboard;
  orgId: string;
  me: User;
  /** A lead of this organisation, or an administrator. */
  canEdit: boolean;
  isAdmin: boolean;
  /** Loads the dashboard again after a write. */
  reload: () => Promise<void>;
  /** Says something politely (a toast that screen readers hear). */
  notify: (message: string) => void;
}

export const OrgContext = createContext<OrgContextValue | null>(null);

export function useOrg(): OrgContextValue {
  const ctx = useContext(OrgContext);
  if (!ctx) throw new Error('useOrg outside the organisation page');
  return ctx;
}
