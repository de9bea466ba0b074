import { useCallback, useState } from 'react';
import type { Page } from '../api';
import { useLoad } from './useLoad';

/**
 * A cursor-paginated list: `next()` follows next_cursor, `previous()` goes
 * back through the cursors already seen.
 */
export function usePaged<T>(load: (cursor: string | null) => Promise<Page<T>>, deps: unknown[]) {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors[cursors.length - 1];
  const page = useLoad(() => load(cursor), [...deps, cursor]);
  const next = useCallback(() => {
    const c = page.data?.next_cursor;
    if (c) setCursors((cs) => [...cs, c]);
  }, [page.data]);
  const previous = useCallback(() => setCursors((cs) => (cs.length > 1 ? cs.slice(0, -1) : cs)), []);
  return {
    ...page,
    pageNumber: cursors.length,
    hasNext: Boolean(page.data?.next_cursor),
    hasPrevious: cursors.length > 1,
    next,
    previous,
  };
}
