// Typed calls for the preparation call with the Assurance Manager
// (docs/openapi.json, "Preparation calls"): the administrator offers times,
// withdraws open ones and records a call as held; an organisation's Lead or
// Senior Leader books a time and cancels it before it begins. The records
// are aliases of the document's schemas.
import type { ApiClient } from './client';
import type { components } from './schema';

type Schemas = components['schemas'];

export type PreparationSlot = Schemas['PreparationSlot'];
export type PreparationState = PreparationSlot['state'];
export type PreparationSlotInput = Schemas['PreparationSlotInput'];
export type OrganisationPreparationCalls = Schemas['OrganisationPreparationCalls'];

const enc = encodeURIComponent;

export function createPreparationApi(client: ApiClient) {
  return {
    /** Every time from 30 days ago on, soonest first (administrators). */
    listSlots: () => client.getAll<PreparationSlot>('/preparation-calls'),
    offerSlot: (input: PreparationSlotInput) => client.post<PreparationSlot>('/preparation-calls', input),
    /** Withdraws a time nobody has booked. */
    withdrawSlot: (id: string) => client.delete<void>(`/preparation-calls/${enc(id)}`),
    /** Records the call as held, once it has begun. */
    recordHeld: (id: string) => client.post<PreparationSlot>(`/preparation-calls/${enc(id)}/held`),
    forOrganisation: (orgId: string) => client.get<OrganisationPreparationCalls>(`/organisations/${enc(orgId)}/preparation-calls`),
    book: (orgId: string, slotId: string) => client.post<PreparationSlot>(`/organisations/${enc(orgId)}/preparation-calls/${enc(slotId)}/book`),
    cancel: (orgId: string, slotId: string) => client.post<PreparationSlot>(`/organisations/${enc(orgId)}/preparation-calls/${enc(slotId)}/cancel`),
  };
}

export type PreparationApi = ReturnType<typeof createPreparationApi>;
