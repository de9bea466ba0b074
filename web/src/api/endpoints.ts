// One typed function per endpoint of docs/api.md.
import { ApiClient } from './client';
import type {
  DirectoryContactReceipt,
  DirectoryEntry,
  DirectoryEntryInput,
  DirectoryImportReport,
  DirectoryPage,
  DirectoryProfile,
  DirectoryQuery,
  DirectoryTaxonomy,
  MembershipTerms,
  TermsDocument,
  Appeal,
  AppealOption,
  OrganisationMembership,
  MembershipRequest,
  Invoice,
  Complaint,
  NotificationList,
  ApplicationInput,
  CriterionChange,
  TimelineEvent,
  InvitationInput,
  LogIn,
  RoundInput,
  SignedCertificate,
  RegisterEntry,
  CertificateStatus,
  SignUp,
  AcceptedInvitation,
  Application,
  Eligibility,
  EvidenceRecord,
  PreAudit,
  RecordKind,
  EvidenceInput,
  FeeQuote,
  QueueItem,
  Task,
  Round,
  Scheme,
  Verdict,
  Verification,
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
  SignUpAnswer,
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
  /** The directory's search as a query string: lists comma-separated, "any" left out. */
  const directoryQuery = (q: DirectoryQuery) => ({
    query: {
      q: q.q,
      theme: q.theme?.join(','),
      area: q.area?.join(','),
      legal_form: q.legal_form?.join(','),
      certified: q.certified ? 'true' : undefined,
      scheme: q.scheme,
      level: q.level,
      offset: q.offset,
      limit: q.limit,
    },
  });

  return {
    client,
    health: () => client.get<Health>('/health'),

    // Accounts
    /** Starts no session: the answer is always "check your email". */
    signup: (body: SignUp) => client.post<SignUpAnswer>('/auth/signup', body),
    verifyEmail: (token: string) => client.post<void>('/auth/verify-email', { token }),
    resendEmailVerification: () => client.post<void>('/auth/verify-email/resend'),
    login: (body: LogIn) => client.post<Session>('/auth/login', body).then(remember),
    logout: async () => {
      try {
        await client.post<void>('/auth/logout');
      } finally {
        client.setCsrfToken(null);
      }
    },
    me: () => client.get<Me>('/me').then(remember),
    notifications: (limit = 50) => client.get<NotificationList>('/notifications', { query: { limit } }),
    markNotificationsRead: (upTo: number) => client.post<void>('/notifications/read', { up_to: upTo }),
    requestPasswordReset: (email: string) => client.post<Record<string, never>>('/auth/password-reset', { email }),
    confirmPasswordReset: (token: string, password: string) =>
      client.post<void>('/auth/password-reset/confirm', { token, password }),
    changePassword: (currentPassword: string, newPassword: string) =>
      client.post<void>('/auth/password', { current_password: currentPassword, new_password: newPassword }),
    endOtherSessions: () => client.post<void>('/auth/sessions/end-others'),

    // Organisations
    /** `q`: a part of the organisation's name (any case). */
    listOrganisations: (p?: ListParams & { q?: string }) =>
      client.get<Page<Organisation>>('/organisations', { query: { ...list(p).query, q: p?.q } }),
    createOrganisation: (body: OrganisationProfile) => client.post<Organisation>('/organisations', body),
    getOrganisation: (id: string) => client.get<Organisation>(`/organisations/${enc(id)}`),
    updateOrganisation: (id: string, patch: OrganisationPatch) =>
      client.patch<Organisation>(`/organisations/${enc(id)}`, patch),
    setMembership: (id: string, version: number, membership: Membership) =>
      client.patch<Organisation>(`/organisations/${enc(id)}`, { version, membership }),
    getDashboard: (id: string) => client.get<Dashboard>(`/organisations/${enc(id)}/dashboard`),

    // Membership of the certifying body
    membershipTerms: () => client.get<MembershipTerms>('/membership'),
    getMembership: (id: string) => client.get<OrganisationMembership>(`/organisations/${enc(id)}/membership`),
    /** Asks to join or renew; `turnoverPence`: the yearly turnover in pence. */
    requestMembership: (id: string, staff: number, turnoverPence: number) =>
      client.post<MembershipRequest>(`/organisations/${enc(id)}/membership/requests`, { staff, turnover_pence: turnoverPence }),
    withdrawMembershipRequest: (id: string, requestId: string) =>
      client.post<MembershipRequest>(`/organisations/${enc(id)}/membership/requests/${enc(requestId)}/withdraw`),
    decideMembershipRequest: (id: string, requestId: string, decision: 'approve' | 'decline', reason: string) =>
      client.post<MembershipRequest>(`/organisations/${enc(id)}/membership/requests/${enc(requestId)}/decision`, { decision, reason }),
    // Complaints about certified organisations
    /** Anyone, without an account, from the certificate's verification page. */
    fileComplaint: (certificateId: string, c: { name: string; email: string; text: string }) =>
      client.post<{ id: string; organisation_name: string; received_at: string }>(`/certificates/${enc(certificateId)}/complaints`, c),
    openComplaints: () => client.getAll<Complaint>('/complaints').then((page) => page.items),
    organisationComplaints: (id: string) => client.getAll<Complaint>(`/organisations/${enc(id)}/complaints`).then((page) => page.items),
    askAboutComplaint: (id: string) => client.post<Complaint>(`/complaints/${enc(id)}/ask`),
    answerComplaint: (orgId: string, id: string, response: string) =>
      client.post<Complaint>(`/organisations/${enc(orgId)}/complaints/${enc(id)}/response`, { response }),
    decideComplaint: (id: string, d: { outcome: 'upheld' | 'dismissed'; action: 'none' | 'suspend' | 'revoke'; reasons: string; version: number }) =>
      client.post<Complaint>(`/complaints/${enc(id)}/decision`, d),
    // Invoices for memberships and applications
    listInvoices: (id: string) => client.getAll<Invoice>(`/organisations/${enc(id)}/invoices`).then((page) => page.items),
    /** Every organisation's invoices, newest first; `state` narrows them (administrators). */
    allInvoices: (state: '' | Invoice['state']) => client.getAll<Invoice>('/invoices', { query: { state: state || undefined } }).then((page) => page.items),
    /** The invoice as a PDF, for a link. */
    invoicePdfUrl: (id: string, invoiceId: string) => `/api/v1/organisations/${enc(id)}/invoices/${enc(invoiceId)}.pdf`,
    recordPayment: (id: string, invoiceId: string, p: { paid_on: string; reference: string; version: number }) =>
      client.post<Invoice>(`/organisations/${enc(id)}/invoices/${enc(invoiceId)}/payment`, p),
    voidInvoice: (id: string, invoiceId: string, reason: string, version: number) =>
      client.post<Invoice>(`/organisations/${enc(id)}/invoices/${enc(invoiceId)}/void`, { reason, version }),
    /** Every request waiting for a decision, oldest first (administrators). */
    pendingMembershipRequests: () => client.getAll<MembershipRequest>('/membership/requests').then((page) => page.items),

    listMembers: (id: string, p?: ListParams) => client.get<Page<Member>>(`/organisations/${enc(id)}/members`, list(p)),
    updateMember: (id: string, userId: string, role: OrgRole) =>
      client.patch<Member>(`/organisations/${enc(id)}/members/${enc(userId)}`, { role }),
    removeMember: (id: string, userId: string) => client.delete(`/organisations/${enc(id)}/members/${enc(userId)}`),
    setRepresentatives: (id: string, body: { lead_user_id: string | null; senior_leader_user_id: string | null }) =>
      client.put<Organisation>(`/organisations/${enc(id)}/representatives`, body),

    listInvitations: (id: string, p?: ListParams) =>
      client.get<Page<Invitation>>(`/organisations/${enc(id)}/invitations`, list(p)),
    createInvitation: (id: string, body: InvitationInput) =>
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

    // Certification
    listSchemes: () => client.getAll<Scheme>('/schemes'),
    /** Publishes a scheme file (data/schemes format) as it is: the server checks it and names every problem. */
    publishScheme: (fileText: string) =>
      client.post<Scheme>('/schemes', undefined, { raw: { body: fileText, contentType: 'application/json' } }),
    listApplications: (orgId: string) =>
      client.getAll<Application>(`/organisations/${enc(orgId)}/applications`),
    createApplication: (orgId: string, body: ApplicationInput) =>
      client.post<Application>(`/organisations/${enc(orgId)}/applications`, body),
    checkEligibility: (orgId: string, schemeId: string, level: number) =>
      client.get<Eligibility>(`/organisations/${enc(orgId)}/eligibility`, { query: { scheme_id: schemeId, level } }),
    getApplication: (id: string) => client.get<Application>(`/applications/${enc(id)}`),
    getApplicationEligibility: (id: string) => client.get<Eligibility>(`/applications/${enc(id)}/eligibility`),
    getChanges: (id: string) =>
      client.getAll<CriterionChange>(`/applications/${enc(id)}/changes`),
    /** Per criterion, the evidence added and taken away since the assessor asked for amendments. */
    getAmendments: (id: string) => client.getAll<CriterionChange>(`/applications/${enc(id)}/amendments`),
    getTimeline: (id: string) => client.getAll<TimelineEvent>(`/applications/${enc(id)}/timeline`),
    /** A message about one criterion, to the assessor or, from the assessor, to the organisation. */
    writeMessage: (id: string, criterionId: string, body: string) =>
      client.post<Application>(`/applications/${enc(id)}/messages`, { criterion_id: criterionId, body }),
    listEvidenceRecords: (id: string, recordKind: RecordKind) =>
      client.getAll<EvidenceRecord>(`/applications/${enc(id)}/records`, { query: { record_kind: recordKind } }),
    getPreAudit: (id: string) => client.get<PreAudit>(`/applications/${enc(id)}/pre-audit`),
    getFee: (id: string) => client.get<FeeQuote>(`/applications/${enc(id)}/fee`),
    acceptTerms: (id: string) => client.post<Application>(`/applications/${enc(id)}/terms`),
    addEvidence: (id: string, body: EvidenceInput) => client.post<Application>(`/applications/${enc(id)}/evidence`, body),
    uploadEvidence: (id: string, criterionId: string, title: string, file: Blob) =>
      client.post<Application>(`/applications/${enc(id)}/evidence/file`, file, { query: { criterion_id: criterionId, title } }),
    evidenceFileUrl: (id: string, evidenceId: string) => client.url(`/applications/${enc(id)}/evidence/${enc(evidenceId)}/file`),
    removeEvidence: (id: string, evidenceId: string) =>
      client.delete<Application>(`/applications/${enc(id)}/evidence/${enc(evidenceId)}`),
    /** Signs off the evidence, making the application's declaration, with the signatory's password again. */
    signOff: (id: string, password: string) => client.post<Application>(`/applications/${enc(id)}/sign-off`, { password }),
    submitApplication: (id: string) => client.post<Application>(`/applications/${enc(id)}/submit`),
    /** What waits for the signed-in person, oldest first. */
    tasks: () => client.getAll<Task>('/me/tasks').then((page) => page.items),
    /** `q`: a part of the organisation's name; `state`: one application state; `round_id`: one round's. */
    reviewQueue: (p?: { q?: string; state?: QueueItem['application']['state']; round_id?: string }) =>
      client.getAll<QueueItem>('/applications', { query: { q: p?.q, state: p?.state, round_id: p?.round_id } }),
    allocateAssessor: (id: string, assessorId: string) =>
      client.post<Application>(`/applications/${enc(id)}/assessor`, { assessor_id: assessorId }),
    recordVerdict: (id: string, criterionId: string, verdict: Verdict, feedback: string) =>
      client.put<Application>(`/applications/${enc(id)}/reviews/${enc(criterionId)}`, { verdict, feedback }),
    requestAmendments: (id: string) => client.post<Application>(`/applications/${enc(id)}/amendments`),
    recommend: (id: string, summary: string, outcome: 'award' | 'rejection' = 'award') =>
      client.post<Application>(`/applications/${enc(id)}/recommendation`, { summary, outcome }),
    award: (id: string) => client.post<Application>(`/applications/${enc(id)}/award`),
    reject: (id: string, reason: string) => client.post<Application>(`/applications/${enc(id)}/rejection`, { reason }),
    listRounds: () => client.getAll<Round>('/rounds'),
    createRound: (body: RoundInput) => client.post<Round>('/rounds', body),
    /** Changes a round's name and dates while no application has joined it. */
    updateRound: (id: string, body: RoundInput) => client.patch<Round>(`/rounds/${enc(id)}`, body),
    /** Cancels a round no application has joined. */
    cancelRound: (id: string) => client.delete<void>(`/rounds/${enc(id)}`),
    register: (q: { name?: string; scheme_id?: string; level?: number; area?: string }) =>
      client.getAll<RegisterEntry>('/register', { query: q }),
    getCertificate: (id: string) =>
      client.get<SignedCertificate>(
        `/certificates/${enc(id)}`,
      ),
    getCertificateStatus: (id: string) => client.get<CertificateStatus>(`/certificates/${enc(id)}/status`),
    changeCertificateStanding: (id: string, step: 'suspend' | 'reinstate' | 'revoke', reason: string) =>
      client.post<CertificateStatus>(`/certificates/${enc(id)}/${step}`, { reason }),
    verify: (code: string) => client.get<Verification>(`/verify/${enc(code)}`),

    /** A terms and conditions document, whole (public). */
    getTerms: (id: string) => client.get<TermsDocument>(`/terms/${enc(id)}`),

    // Appeals
    applicationAppeal: (id: string) => client.get<AppealOption>(`/applications/${enc(id)}/appeal`),
    appealRejection: (id: string, grounds: string) => client.post<Appeal>(`/applications/${enc(id)}/appeal`, { grounds }),
    certificateAppeal: (id: string) => client.get<AppealOption>(`/certificates/${enc(id)}/appeal`),
    appealStanding: (id: string, grounds: string) => client.post<Appeal>(`/certificates/${enc(id)}/appeal`, { grounds }),
    /** Every open appeal, oldest first (administrators). */
    openAppeals: () => client.getAll<Appeal>('/appeals').then((page) => page.items),
    decideAppeal: (id: string, outcome: 'upheld' | 'dismissed', reasons: string) =>
      client.post<Appeal>(`/appeals/${enc(id)}/decision`, { outcome, reasons }),

    // Network: the directory of social enterprises
    /** Themes (with their UN SDGs), areas and legal forms (public). */
    directoryTaxonomy: () => client.get<DirectoryTaxonomy>('/directory/taxonomy'),
    /** The listed entries that match, best first, with the facet counts of every match (public). */
    searchDirectory: (q: DirectoryQuery) => client.get<DirectoryPage>('/directory', directoryQuery(q)),
    getDirectoryEntry: (id: string) => client.get<DirectoryEntry>(`/directory/${enc(id)}`),
    /** Asks the broker to put the signed-in person in touch with a listed entry. */
    askForContact: (id: string, message: string) =>
      client.post<DirectoryContactReceipt>(`/directory/${enc(id)}/contact`, { message }),
    getDirectoryProfile: (orgId: string) => client.get<DirectoryProfile>(`/organisations/${enc(orgId)}/directory-profile`),
    /** The Lead writes the organisation's profile; `version`: the one seen, on updates. */
    saveDirectoryProfile: (orgId: string, body: DirectoryEntryInput) =>
      client.put<DirectoryEntry>(`/organisations/${enc(orgId)}/directory-profile`, body),
    /** The broker's search: listed and unlisted entries, with their contact details. */
    brokerSearchDirectory: (q: DirectoryQuery) => client.get<DirectoryPage>('/broker/directory', directoryQuery(q)),
    brokerGetEntry: (id: string) => client.get<DirectoryEntry>(`/broker/directory/${enc(id)}`),
    /** 409 already_exists on "name" when the directory has that name, unless `not_a_duplicate`. */
    brokerAddEntry: (body: DirectoryEntryInput) => client.post<DirectoryEntry>('/broker/directory', body),
    brokerUpdateEntry: (id: string, body: DirectoryEntryInput) => client.put<DirectoryEntry>(`/broker/directory/${enc(id)}`, body),
    brokerDeleteEntry: (id: string) => client.delete<void>(`/broker/directory/${enc(id)}`),
    /** All or nothing: every problem named by row and column ("row 3, themes"). */
    brokerImport: (csvText: string) =>
      client.post<DirectoryImportReport>('/broker/directory/import', undefined, { raw: { body: csvText, contentType: 'text/csv' } }),

    // Staff
    /** `q`: a part of the name or email (any case); `role`: a platform role; `status`: active or deactivated. */
    listUsers: (p?: ListParams & { q?: string; role?: PlatformRole; status?: 'active' | 'deactivated' }) =>
      client.get<Page<User>>('/users', { query: { ...list(p).query, q: p?.q, role: p?.role, status: p?.status } }),
    updateUser: (id: string, platform_role: PlatformRole) => client.patch<User>(`/users/${enc(id)}`, { platform_role }),
    setUserActive: (id: string, active: boolean) => client.post<User>(`/users/${enc(id)}/${active ? 'reactivate' : 'deactivate'}`),

    // Audit
    getAudit: (entityType: AuditEntityType, entityId: string) =>
      client.getAll<AuditEntry>(`/audit/${enc(entityType)}/${enc(entityId)}`),
    verifyAudit: () => client.get<AuditVerification>('/audit/verify'),
    /** Everything that happened in an organisation, newest first, one page at a time. */
    organisationHistory: (id: string, p: { kind?: string; actor_id?: string; cursor?: string; limit?: number }) =>
      client.get<Page<AuditEntry>>(`/organisations/${enc(id)}/history`, { query: { kind: p.kind || undefined, actor_id: p.actor_id || undefined, cursor: p.cursor, limit: p.limit } }),
    /** The platform's own history (administrators): accounts, rounds, schemes and keys. */
    platformHistory: (p: { kind?: string; cursor?: string; limit?: number }) =>
      client.get<Page<AuditEntry>>('/audit/platform', { query: { kind: p.kind || undefined, cursor: p.cursor, limit: p.limit } }),
  };
}

export type Api = ReturnType<typeof createApi>;
