// Typed calls for the measure-and-manage endpoints of docs/api.md: impact
// maps and their calculations, the value bank, pledges, decisions and LM3.
import type { ApiClient } from './client';

import type { components } from './schema';

type Schemas = components['schemas'];

const enc = encodeURIComponent;

// The records below are aliases of docs/openapi.json's schemas (./schema.d.ts,
// written by `npm run generate`). The exception is the inside of an impact map
// and of its analysis, which the document still gives as free-form objects
// (the impact-map file of docs/file-formats.md, the SROI, sensitivity and
// Monte Carlo results of docs/methodology.md): the parts the pages read are
// typed here until those schemas are made precise.

/** A number, or an uncertainty (docs/methodology.md §3). */
export type Uncertain = number | { low: number; high: number; mode?: number };

export interface MapStakeholder {
  id: string;
  name: string;
  description?: string;
  size?: number;
  involvement?: string;
}
export interface MapInput {
  stakeholder: string;
  description: string;
  value: Uncertain;
  /** Given in kind (time, a venue, goods) rather than money. */
  in_kind?: boolean;
}
export interface MapOutcome {
  id: string;
  stakeholder: string;
  description?: string;
  intended?: boolean;
  indicator?: string;
  quantity: Uncertain;
  /** Where the quantity comes from: a survey, records. */
  quantity_source?: string;
  /** How many answered or were counted. */
  sample_size?: number;
  duration_years: number;
  start_year?: number;
  proxy: { value: Uncertain; description?: string; source?: string };
  deadweight?: Uncertain;
  displacement?: Uncertain;
  attribution?: Uncertain;
  drop_off?: Uncertain;
  material?: boolean;
  materiality_reason?: string;
}
/** The impact-map file of docs/file-formats.md; the API adds id, version and scope_id. */
export type ImpactMap = Omit<Schemas['ImpactMap'], 'stakeholders' | 'inputs' | 'outcomes' | 'verification'> & {
  stakeholders?: MapStakeholder[];
  inputs: MapInput[];
  outcomes: MapOutcome[];
  verification?: { by: string; date: string };
};
export type MapSummary = Schemas['ImpactMapSummary'];
/** Where one figure of a map came from (GET /impact-maps/{id}/provenance). */
export type FigureSource = Schemas['FigureSource'];
/** outcome id → field (quantity, deadweight, attribution, drop_off, duration_years) → source */
export type MapProvenance = Omit<Schemas['Provenance'], 'name'>;
/** POST /surveys/{id}/apply */
export type ApplyResults = Schemas['SurveyApplication'];
export type AppliedResults = Schemas['Provenance'];
/** POST /surveys/{id}/apply/preview: each figure old → new, the ratios and the warnings. */
export type ApplyPreview = Schemas['SurveyApplicationPreview'];
export interface SroiResult {
  currency: string;
  discount_rate: number;
  years: number;
  total_inputs: number;
  value_by_year: number[];
  discounted_by_year: number[];
  present_value: number;
  net_present_value: number;
  sroi_ratio: number | null;
  net_sroi_ratio: number | null;
  payback_months: number | null;
  outcomes: { id: string; stakeholder: string; impact: number; value_by_year: number[]; present_value: number }[];
  stakeholders: { id: string; present_value: number }[];
  warnings: string[];
}
export interface SensitivityResult {
  base_ratio: number | null;
  break_even: {
    outcome: string;
    parameter: string;
    current: number;
    break_even: number | null;
    relative_change: number | null;
    reason?: string | null;
  }[];
  break_even_inputs: number | null;
  tornado: { outcome: string; parameter: string; ratio_low: number; ratio_high: number; swing: number }[];
}
export interface Stats {
  mean: number;
  sd: number;
  p5: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
}
export interface MonteCarloResult {
  draws: number;
  seed: number;
  deterministic_ratio: number | null;
  sroi_ratio: Stats | null;
  present_value: Stats;
  probability_ratio_above_1: number | null;
}
export interface Finding {
  code: string;
  principle: number;
  severity: 'error' | 'warning' | 'info';
  path: string;
  message: string;
}
export type Analysis = Omit<Schemas['ImpactMapAnalysis'], 'results' | 'sensitivity' | 'montecarlo' | 'lint'> & {
  results: SroiResult;
  sensitivity: SensitivityResult;
  montecarlo: MonteCarloResult;
  lint: { findings: Finding[] };
};
export type Proxy = Schemas['Proxy'];
export type ProxyInput = Schemas['ProxyInput'];
export type ProxyCorrection = Schemas['ProxyCorrection'];
export type Lm3Calculation = Schemas['Lm3Calculation'];
export type Lm3CalculationInput = Schemas['Lm3CalculationInput'];
export type Pledge = Schemas['Pledge'];
/** The server takes any of these fields (POST needs title, owner and due date; PATCH the version). */
export type PledgeInput = Partial<Schemas['PledgeInput']>;
export type Decision = Schemas['Decision'];
export type DecisionKind = Decision['kind'];
export type DecisionInput = Schemas['DecisionInput'];
export type Lm3Input = Schemas['Lm3Input'];
export type Lm3Result = Schemas['Lm3Result'];
export type Reminders = Schemas['Reminders'];
/** A forecast beside its later evaluation (GET /impact-maps/{id}/compare). */
export type MapComparison = Schemas['MapComparison'];
export type Plan = Schemas['Plan'];
export type PlanOutcome = Plan['theory_of_change'][number]['outcomes'][number];
export type PlanVersionList = Schemas['PlanVersionList'];
export type PlanVersion = PlanVersionList['items'][number];
export type SelfAssessmentQuestions = Schemas['SelfAssessmentQuestions'];
export type SelfAssessmentAttempt = Schemas['SelfAssessmentAttempt'];
export type SelfAssessmentHistory = Schemas['SelfAssessmentHistory'];

interface Items<T> {
  items: T[];
}

export function createMeasureApi(client: ApiClient) {
  const org = (id: string) => `/organisations/${enc(id)}`;
  return {
    listMaps: (orgId: string) => client.getAll<MapSummary>(`${org(orgId)}/impact-maps`).then((r) => r.items),
    /** Maps put away: out of the lists, every version kept. */
    listArchivedMaps: (orgId: string) =>
      client.getAll<MapSummary>(`${org(orgId)}/impact-maps`, { query: { archived: 'true' } }).then((r) => r.items),
    setArchived: (id: string, archived: boolean) => client.put<{ archived: boolean }>(`/impact-maps/${enc(id)}/archived`, { archived }),
    createMap: (orgId: string, map: ImpactMap) => client.post<ImpactMap>(`${org(orgId)}/impact-maps`, map),
    getMap: (id: string, version?: number) => client.get<ImpactMap>(`/impact-maps/${enc(id)}`, { query: { version } }),
    saveMap: (id: string, map: ImpactMap) => client.put<ImpactMap>(`/impact-maps/${enc(id)}`, map),
    getProvenance: (id: string, version?: number) =>
      client.get<MapProvenance>(`/impact-maps/${enc(id)}/provenance`, { query: { version } }),
    previewApply: (surveyId: string, body: ApplyResults) => client.post<ApplyPreview>(`/surveys/${enc(surveyId)}/apply/preview`, body),
    applySurvey: (surveyId: string, body: ApplyResults) => client.post<AppliedResults>(`/surveys/${enc(surveyId)}/apply`, body),
    listVersions: (id: string) => client.getAll<MapSummary>(`/impact-maps/${enc(id)}/versions`).then((r) => r.items),
    analyse: (map: ImpactMap, signal?: AbortSignal) =>
      client.post<Analysis>('/impact-maps/calculate', map, { query: { draws: 10000, seed: 1 }, signal }),
    importCsv: (csv: string) =>
      client.post<ImpactMap>('/impact-maps/import-csv', undefined, { raw: { body: csv, contentType: 'text/csv' } }),
    /** A workbook in the layout `valuemark export --xlsx` writes, read by the server. */
    importXlsx: (file: Blob) =>
      client.post<ImpactMap>('/impact-maps/import-xlsx', undefined, {
        raw: { body: file, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      }),
    exportCsvUrl: (id: string, version?: number) => client.url(`/impact-maps/${enc(id)}/export.csv`, { version }),
    exportXlsxUrl: (id: string, version?: number) => client.url(`/impact-maps/${enc(id)}/export.xlsx`, { version }),
    reportPdfUrl: (id: string, version?: number) => client.url(`/impact-maps/${enc(id)}/report.pdf`, { version }),
    reportHtmlUrl: (id: string, version?: number) => client.url(`/impact-maps/${enc(id)}/report.html`, { version }),

    listProxies: (orgId: string, q = '') =>
      client.getAll<Proxy>(`${org(orgId)}/proxies`, { query: { q } }).then((r) => r.items),
    addProxy: (orgId: string, p: ProxyInput) => client.post<Proxy>(`${org(orgId)}/proxies`, p),
    updateProxy: (orgId: string, id: string, p: ProxyCorrection) => client.patch<Proxy>(`${org(orgId)}/proxies/${enc(id)}`, p),
    proxyVersions: (orgId: string, id: string) =>
      client.get<Items<Proxy>>(`${org(orgId)}/proxies/${enc(id)}/versions`).then((r) => r.items),
    importProxies: (orgId: string, csv: string) =>
      client
        .post<Items<Proxy>>(`${org(orgId)}/proxies/import`, undefined, { raw: { body: csv, contentType: 'text/csv' } })
        .then((r) => r.items),

    listLm3: (orgId: string) => client.getAll<Lm3Calculation>(`${org(orgId)}/lm3`).then((r) => r.items),
    getLm3: (orgId: string, id: string, version?: number) => client.get<Lm3Calculation>(`${org(orgId)}/lm3/${enc(id)}`, { query: { version } }),
    saveLm3: (orgId: string, body: Lm3CalculationInput, id?: string) =>
      id ? client.put<Lm3Calculation>(`${org(orgId)}/lm3/${enc(id)}`, body) : client.post<Lm3Calculation>(`${org(orgId)}/lm3`, body),
    lm3Versions: (orgId: string, id: string) => client.get<Items<Lm3Calculation>>(`${org(orgId)}/lm3/${enc(id)}/versions`).then((r) => r.items),
    listPledges: (orgId: string) => client.getAll<Pledge>(`${org(orgId)}/pledges`).then((r) => r.items),
    createPledge: (orgId: string, p: PledgeInput) => client.post<Pledge>(`${org(orgId)}/pledges`, p),
    updatePledge: (orgId: string, id: string, p: PledgeInput) =>
      client.patch<Pledge>(`${org(orgId)}/pledges/${enc(id)}`, p),
    remindPledges: (orgId: string) => client.post<Reminders>(`${org(orgId)}/pledges/reminders`),

    listDecisions: (orgId: string) => client.getAll<Decision>(`${org(orgId)}/decisions`).then((r) => r.items),
    recordDecision: (orgId: string, d: DecisionInput) => client.post<Decision>(`${org(orgId)}/decisions`, d),
    /** Only the fields given change; the old version stays in the audit trail. */
    correctDecision: (orgId: string, decisionId: string, d: Partial<Schemas['DecisionCorrection']>) =>
      client.patch<Decision>(`${org(orgId)}/decisions/${enc(decisionId)}`, d),

    lm3: (input: Lm3Input) => client.post<Lm3Result>('/lm3', input),
  };
}

export type MeasureApi = ReturnType<typeof createMeasureApi>;
