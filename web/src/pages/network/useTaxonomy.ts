import { api, type DirectoryTaxonomy } from '../../api';
import { useLoad } from '../../hooks/useLoad';

// The taxonomy changes only with a new version of the server's data: loaded
// once per visit and shared by every page of the directory.
let cached: Promise<DirectoryTaxonomy> | null = null;

function loadTaxonomy(): Promise<DirectoryTaxonomy> {
  cached ??= api.directoryTaxonomy().catch((e: unknown) => {
    cached = null;
    throw e;
  });
  return cached;
}

/** The directory's themes, areas and legal forms. */
export function useTaxonomy() {
  return useLoad(loadTaxonomy, []);
}
