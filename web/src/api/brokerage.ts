// Typed calls for honest brokerage (docs/openapi.json, tag "brokerage"): an
// organisation's needs for partners, the broker's ranking of the directory
// against each, and the matches that follow, up to the partnership's shared
// outcomes. The records are aliases of the document's schemas.
import type { ApiClient } from './client';
import type { components, operations } from './schema';

type Schemas = components['schemas'];

export type Need = Schemas['Need'];
export type NeedInput = Schemas['NeedInput'];
export type NeedStatus = Need['status'];
export type NeedDetail = Schemas['NeedDetail'];
export type Match = Schemas['Match'];
export type MatchStage = Match['stage'];
export type MatchParty = Match['party'];
export type MatchMove = Schemas['MatchMoveInput'];
export type ScorePart = Schemas['ScorePart'];
/** One entry of the directory ranked against a need (GET /broker/needs/{id}/candidates). */
export type Candidate = operations['get/broker/needs/{id}/candidates']['responses'][200]['content']['application/json']['items'][number];
export type SharedOutcome = Schemas['SharedOutcome'];
export type PartnerClaim = Schemas['PartnerClaim'];
export type Partner = PartnerClaim['partner'];
export type PartnershipInput = Schemas['PartnershipInput'];

const enc = encodeURIComponent;

export function createBrokerageApi(client: ApiClient) {
  return {
    listNeeds: (orgId: string) => client.getAll<Need>(`/organisations/${enc(orgId)}/needs`).then((r) => r.items),
    postNeed: (orgId: string, body: NeedInput) => client.post<Need>(`/organisations/${enc(orgId)}/needs`, body),
    getNeed: (id: string) => client.get<NeedDetail>(`/needs/${enc(id)}`),
    /** A change, or closing (status "closed") and reopening; `version` is the one read. */
    updateNeed: (id: string, body: NeedInput) => client.put<Need>(`/needs/${enc(id)}`, body),
    listMatches: (orgId: string) => client.getAll<Match>(`/organisations/${enc(orgId)}/matches`).then((r) => r.items),
    brokerNeeds: () => client.getAll<Need>('/broker/needs').then((r) => r.items),
    candidates: (needId: string, limit = 20) =>
      client.get<{ items: Candidate[] }>(`/broker/needs/${enc(needId)}/candidates`, { query: { limit } }).then((r) => r.items),
    shortlist: (needId: string, entryId: string) => client.post<Match>(`/broker/needs/${enc(needId)}/shortlist`, { entry_id: entryId }),
    getMatch: (id: string) => client.get<Match>(`/matches/${enc(id)}`),
    moveMatch: (id: string, body: MatchMove) => client.post<Match>(`/matches/${enc(id)}/stage`, body),
    /** The broker takes an entry off the shortlist before proposing it. */
    removeMatch: (id: string) => client.delete<void>(`/matches/${enc(id)}`),
    savePartnership: (id: string, body: PartnershipInput) => client.put<Match>(`/matches/${enc(id)}/partnership`, body),
  };
}

export type BrokerageApi = ReturnType<typeof createBrokerageApi>;
