// "Show earlier changes": the pages after the first, loaded on request along a
// cursor and kept until `key` (the filters) changes, for a list whose first
// page comes from elsewhere.
import { useState } from 'react';

export interface EarlierPages<T> {
  /** The entries of the earlier pages loaded so far (under the current key). */
  items: T[];
  /** The cursor of the next page, or null at the end. */
  next: string | null;
  loading: boolean;
  error: string | null;
  load: () => Promise<void>;
}

export function useEarlierPages<T>(
  key: string,
  firstNext: string | null,
  fetchPage: (cursor: string) => Promise<{ items: T[]; next_cursor?: string | null }>,
): EarlierPages<T> {
  const [earlier, setEarlier] = useState<{ items: T[]; next: string | null; key: string } | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const more = earlier && earlier.key === key ? earlier : null;
  const next = more ? more.next : firstNext;
  const load = async () => {
    if (!next) return;
    setLoading(true);
    setError(null);
    try {
      const page = await fetchPage(next);
      setEarlier({ items: [...(more?.items ?? []), ...page.items], next: page.next_cursor ?? null, key });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setLoading(false);
    }
  };
  return { items: more?.items ?? [], next, loading, error, load };
}

/** The button that loads the next earlier page, with its error beside it. */
export function ShowEarlier<T>({ pages }: { pages: EarlierPages<T> }) {
  if (!pages.next) return null;
  return (
    <div className="form-actions">
      <button type="button" className="button button--secondary" onClick={pages.load} disabled={pages.loading}>
        {pages.loading ? 'Loading…' : 'Show earlier changes'}
      </button>
      {pages.error ? <p role="alert">{pages.error}</p> : null}
    </div>
  );
}
