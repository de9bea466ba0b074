// Typed calls for benchmarking among peers (docs/openapi.json, tag
// "benchmarks"): where an organisation stands among those that opted in, and
// opting in (naming its region), updating its figures, and opting out. The
// records are aliases of the document's schemas.
import type { ApiClient } from './client';
import type { components } from './schema';

type Schemas = components['schemas'];

export type BenchmarkReport = Schemas['BenchmarkReport'];
export type BenchmarkSettings = Schemas['BenchmarkSettings'];
export type BenchmarkMetric = BenchmarkReport['metrics'][number];
export type BenchmarkGroup = BenchmarkMetric['groups'][number];

const enc = encodeURIComponent;

export function createBenchmarksApi(client: ApiClient) {
  return {
    getBenchmarks: (orgId: string) => client.get<BenchmarkReport>(`/organisations/${enc(orgId)}/benchmarks`),
    /** Opts in naming the region, or again to update the figures (and the region). */
    contribute: (orgId: string, region: string) => client.put<BenchmarkSettings>(`/organisations/${enc(orgId)}/benchmarks`, { region }),
    /** Stops contributing: the organisation's figures leave the benchmarks at once. */
    stopContributing: (orgId: string) => client.delete<void>(`/organisations/${enc(orgId)}/benchmarks`),
  };
}

export type BenchmarksApi = ReturnType<typeof createBenchmarksApi>;
