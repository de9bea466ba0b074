// Typed calls for consultant engagements (docs/openapi.json, tag
// "engagements"): the Social Value Quality Mark's allocated consultant. An
// administrator allocates an assessor to an organisation for a scheme; the
// consultant writes the review of needs, recommendations, the training and
// mentoring plan, the sessions held and the two audits; the organisation's
// members read them; the consultant or an administrator closes it. The
// records are aliases of the document's schemas.
import type { ApiClient } from './client';
import type { components } from './schema';

type Schemas = components['schemas'];

export type Engagement = Schemas['Engagement'];
export type EngagementInput = Schemas['EngagementInput'];
export type AllocationInput = Schemas['AllocationInput'];
export type EngagementStatus = Engagement['status'];
export type Recommendation = Engagement['recommendations'][number];
export type PlanItem = Engagement['plan'][number];
export type SupportKind = PlanItem['kind'];
export type SessionLog = Engagement['sessions'][number];
export type AuditVisit = NonNullable<Engagement['pre_audit']>;

const enc = encodeURIComponent;

export function createEngagementsApi(client: ApiClient) {
  return {
    /** The organisation's engagements, newest first (its members, its consultant, administrators). */
    forOrganisation: (orgId: string) => client.getAll<Engagement>(`/organisations/${enc(orgId)}/engagements`).then((page) => page.items),
    /** Allocates a consultant (administrators): 400 or 409 on `consultant_id`, 409 on `scheme_id`. */
    allocate: (orgId: string, input: AllocationInput) => client.post<Engagement>(`/organisations/${enc(orgId)}/engagements`, input),
    get: (id: string) => client.get<Engagement>(`/engagements/${enc(id)}`),
    /** The whole content with the version read (its consultant, while active): every problem on its path. */
    save: (id: string, input: EngagementInput) => client.put<Engagement>(`/engagements/${enc(id)}`, input),
    /** Closes it (its consultant or an administrator): it is kept as it was. */
    close: (id: string) => client.post<Engagement>(`/engagements/${enc(id)}/close`),
    /** The signed-in consultant's engagements, newest first (assessors). */
    mine: () => client.getAll<Engagement>('/consultant/engagements').then((page) => page.items),
  };
}

export type EngagementsApi = ReturnType<typeof createEngagementsApi>;
