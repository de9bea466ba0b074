import { useCallback, useState } from 'react';
import type { Page } from '../api';
import { useLoad } from './useLoad';

const FIRST_PAGE: (string | null)[] = [null];

/**
 * A cursor-paginated list: `next()` follows next_cursor, `previous()` goes
 * back through the cursors already seen. When `resetKey` changes (a new
 * search, other filters) the list starts again at its first page.
 */
export function usePaged<T>(load: (cursor: string | null) => Promise<Page<T>>, deps: unknown[], resetKey = '') {
  const [seen, setSeen] = useState<{ key: string; cursors: (string | null)[] }>({ key: resetKey, cursors: FIRST_PAGE });
  const cursors = seen.key === resetKey ? seen.cursors : FIRST_PAGE;
  const cursor = cursors[cursors.length - 1];
  const page = useLoad(() => load(cursor), [...deps, resetKey, cursor]);
  const next = useCallback(() => {
    const c = page.data?.next_cursor;
    if (c) setSeen({ key: resetKey, cursors: [...cursors, c] });
  }, [page.data, resetKey, cursors]);
  const previous = useCallback(
    () => setSeen({ key: resetKey, cursors: cursors.length > 1 ? cursors.slice(0, -1) : cursors }),
    [resetKey, cursors],
  );
  return {
    ...page,
    pageNumber: cursors.length,
    hasNext: Boolean(page.data?.next_cursor),
    hasPrevious: cursors.length > 1,
    next,
    previous,
  };
}
