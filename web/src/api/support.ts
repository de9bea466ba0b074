// Typed calls for the support registers (docs/openapi.json, tag "support"):
// the register of practitioners, the directory of consultants and the
// resource library, which anyone searches and administrators keep, and what
// helps with one criterion. The records are aliases of the document's schemas.
import type { ApiClient } from './client';
import type { components } from './schema';

type Schemas = components['schemas'];

export type Practitioner = Schemas['Practitioner'];
export type PractitionerInput = Schemas['PractitionerInput'];
export type PractitionerPage = Schemas['PractitionerPage'];
export type Standing = Practitioner['standing'];
export type Consultant = Schemas['Consultant'];
export type ConsultantInput = Schemas['ConsultantInput'];
export type ConsultantPage = Schemas['ConsultantPage'];
export type Resource = Schemas['Resource'];
export type ResourceInput = Schemas['ResourceInput'];
export type ResourcePage = Schemas['ResourcePage'];
export type ResourceKind = Resource['kind'];
export type CriterionRef = Schemas['CriterionRef'];
export type CriterionHelp = Schemas['CriterionHelp'];
/** A code with its name, as the registers give areas, schemes and languages. */
export type NamedCode = Practitioner['area_names'][number];

/** A search of a register; a filter left out matches everything. */
export interface SupportQuery {
  q?: string;
  /** Practitioners at this level or above. */
  level?: number;
  /** A taxonomy area: those serving it, or the whole UK. */
  area?: string;
  /** Practitioners whose accreditation has ended too. */
  include_expired?: boolean;
  kind?: string;
  scheme?: string;
  language?: string;
  criterion?: string;
  offset?: number;
  limit?: number;
}

const enc = encodeURIComponent;

function query(q: SupportQuery) {
  return {
    query: {
      q: q.q || undefined,
      level: q.level || undefined,
      area: q.area || undefined,
      include_expired: q.include_expired ? 'true' : undefined,
      kind: q.kind || undefined,
      scheme: q.scheme || undefined,
      language: q.language || undefined,
      criterion: q.criterion || undefined,
      offset: q.offset || undefined,
      limit: q.limit,
    },
  };
}

export function createSupportApi(client: ApiClient) {
  return {
    practitioners: (q: SupportQuery = {}) => client.get<PractitionerPage>('/practitioners', query(q)),
    addPractitioner: (body: PractitionerInput) => client.post<Practitioner>('/practitioners', body),
    /** `version`: the one read. */
    updatePractitioner: (id: string, body: PractitionerInput) => client.put<Practitioner>(`/practitioners/${enc(id)}`, body),
    removePractitioner: (id: string) => client.delete<void>(`/practitioners/${enc(id)}`),

    consultants: (q: SupportQuery = {}) => client.get<ConsultantPage>('/consultants', query(q)),
    addConsultant: (body: ConsultantInput) => client.post<Consultant>('/consultants', body),
    updateConsultant: (id: string, body: ConsultantInput) => client.put<Consultant>(`/consultants/${enc(id)}`, body),
    removeConsultant: (id: string) => client.delete<void>(`/consultants/${enc(id)}`),

    resources: (q: SupportQuery = {}) => client.get<ResourcePage>('/resources', query(q)),
    getResource: (id: string) => client.get<Resource>(`/resources/${enc(id)}`),
    /** A link or a file ({name, base64}), not both. */
    addResource: (body: ResourceInput) => client.post<Resource>('/resources', body),
    /** Without `file` the resource keeps its file, unless a link replaces it; built-in ones refuse (409). */
    updateResource: (id: string, body: ResourceInput) => client.put<Resource>(`/resources/${enc(id)}`, body),
    removeResource: (id: string) => client.delete<void>(`/resources/${enc(id)}`),
    /** Where a resource's file downloads from (a plain link does it). */
    resourceFileUrl: (id: string) => client.url(`/resources/${enc(id)}/file`),

    /** The criterion in words with the consultants and resources that name it; 404 for an unknown one. */
    helpWith: (criterionId: string) => client.get<CriterionHelp>(`/criteria/${enc(criterionId)}/help`),
  };
}

export type SupportApi = ReturnType<typeof createSupportApi>;
