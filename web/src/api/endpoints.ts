// One typed function per endpoint of docs/api.md.
import { ApiClient } from './client';
import type {
  AcceptedInvitation,
  AuditEntityType,
  AuditEntry,
  AuditVerification,
  CreatedInvitation,
  Dashboard,
  Health,
  Invitation,
  ListParams,
  Me,
  Member,
  Membership,
  OrgRole,
  Organisation,
  OrganisationPatch,
  OrganisationProfile,
  Page,
  PlatformRole,
  PublicInvitation,
  Scope,
  ScopeInput,
  Session,
  User,
} from './types';

const enc = encodeURIComponent;

export function createApi(client: ApiClient) {
  /** Keeps the CSRF token of a fresh session. */
  const remember = <T extends { csrf_token?: string }>(s: T): T => {
    if (s && typeof s.csrf_token === 'string') client.setCsrfToken(s.csrf_token);
    return s;
  };
  const list = (p?: ListParams) => ({ query: { limit: p?.limit, cursor: p?.cursor ?? undefined } });

  return {
    client,
    health: () => client.get<Health>('/health'),

    // Accounts
    signup: (body: { email: string; password: string; name: string }) =>
      client.post<Session>('/auth/signup', body).then(remember),
    login: (body: { email: string; password: string }) => client.post<Session>('/auth/login', body).then(remember),
    logout: async () => {
      try {
        await client.post<void>('/auth/logout');
      } finally {
        client.setCsrfToken(null);
      }
    },
    me: () => client.get<Me>('/me').then(remember),
    requestPasswordReset: (email: string) => client.post<Record<string, never>>('/auth/password-reset', { email }),
    confirmPasswordReset: (token: string, password: string) =>
      client.post<void>('/auth/password-reset/confirm', { token, password }),

    // Organisations
    listOrganisations: (p?: ListParams) => client.get<Page<Organisation>>('/organisations', list(p)),
    createOrganisation: (body: OrganisationProfile) => client.post<Organisation>('/organisations', body),
    getOrganisation: (id: string) => client.get<Organisation>(`/organisations/${enc(id)}`),
    updateOrganisation: (id: string, patch: OrganisationPatch) =>
      client.patch<Organisation>(`/organisations/${enc(id)}`, patch),
    setMembership: (id: string, version: number, membership: Membership) =>
      client.patch<Organisation>(`/organisations/${enc(id)}`, { version, membership }),
    getDashboard: (id: string) => client.get<Dashboard>(`/organisations/${enc(id)}/dashboard`),

    listMembers: (id: string, p?: ListParams) => client.get<Page<Member>>(`/organisations/${enc(id)}/members`, list(p)),
    updateMember: (id: string, userId: string, role: OrgRole) =>
      client.patch<Member>(`/organisations/${enc(id)}/members/${enc(userId)}`, { role }),
    removeMember: (id: string, userId: string) => client.delete(`/organisations/${enc(id)}/members/${enc(userId)}`),
    setRepresentatives: (id: string, body: { lead_user_id: string | null; senior_leader_user_id: string | null }) =>
      client.put<Organisation>(`/organisations/${enc(id)}/representatives`, body),

    listInvitations: (id: string, p?: ListParams) =>
      client.get<Page<Invitation>>(`/organisations/${enc(id)}/invitations`, list(p)),
    createInvitation: (id: string, body: { email: string; role: OrgRole }) =>
      client.post<CreatedInvitation>(`/organisations/${enc(id)}/invitations`, body),
    revokeInvitation: (id: string, invitationId: string) =>
      client.delete(`/organisations/${enc(id)}/invitations/${enc(invitationId)}`),
    getInvitation: (token: string) => client.get<PublicInvitation>(`/invitations/${enc(token)}`),
    acceptInvitation: (token: string) => client.post<AcceptedInvitation>(`/invitations/${enc(token)}/accept`),

    listScopes: (id: string, p?: ListParams) => client.get<Page<Scope>>(`/organisations/${enc(id)}/scopes`, list(p)),
    createScope: (id: string, body: ScopeInput) => client.post<Scope>(`/organisations/${enc(id)}/scopes`, body),
    getScope: (id: string, scopeId: string) => client.get<Scope>(`/organisations/${enc(id)}/scopes/${enc(scopeId)}`),
    updateScope: (id: string, scopeId: string, body: Partial<ScopeInput>) =>
      client.patch<Scope>(`/organisations/${enc(id)}/scopes/${enc(scopeId)}`, body),
    deleteScope: (id: string, scopeId: string) => client.delete(`/organisations/${enc(id)}/scopes/${enc(scopeId)}`),

    // Staff
    listUsers: (p?: ListParams) => client.get<Page<User>>('/users', list(p)),
    updateUser: (id: string, platform_role: PlatformRole) => client.patch<User>(`/users/${enc(id)}`, { platform_role }),

    // Audit
    getAudit: (entityType: AuditEntityType, entityId: string) =>
      client.get<{ items: AuditEntry[] }>(`/audit/${enc(entityType)}/${enc(entityId)}`),
    verifyAudit: () => client.get<AuditVerification>('/audit/verify'),
  };
}

export type Api = ReturnType<typeof createApi>;
