// The search form of the staff lists (users, organisations, the review
// queue): a search box that searches as the person types (after a short
// pause) or at once on Enter, filters as selects, the number of results in
// words (announced), and an empty state that offers to clear the filters.
// The filters live in the address's query string, so back, forward and
// reload keep them.
import { useCallback, useEffect, useRef, useState, type FormEvent, type ReactNode, type RefObject } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api';
import { TextField } from '../../components/Field';
import { EmptyState, ErrorState } from '../../components/States';
import { placeErrors } from '../../hooks/useFormErrors';
import './staff.css';

/** How long the search box waits after the last key before it searches. */
export const SEARCH_DELAY_MS = 300;
/** The longest search the server takes (CleanText "q", 200 characters). */
const SEARCH_MAX_LENGTH = 200;

/** Each filter of a list: `null` for free text, or the values it may take. */
export type FilterSpec<K extends string> = Record<K, readonly string[] | null>;

/**
 * The filters of a list as the query string holds them. A select's value it
 * does not know is taken as "any" (so a hand-edited address still shows a
 * list); `set` changes some and keeps every other query parameter.
 */
export function useUrlFilters<K extends string>(spec: FilterSpec<K>) {
  const [params, setParams] = useSearchParams();
  const keys = Object.keys(spec) as K[];
  const values = {} as Record<K, string>;
  for (const k of keys) {
    const raw = params.get(k) ?? '';
    const allowed = spec[k];
    values[k] = allowed === null ? raw.trim() : allowed.includes(raw) ? raw : '';
  }
  /** Changes whenever the filters do: a new search starts at the first page. */
  const key = keys.map((k) => `${k}=${values[k]}`).join('&');
  const active = keys.some((k) => values[k] !== '');

  const set = useCallback(
    (changes: Partial<Record<K, string>>, options: { replace?: boolean } = {}) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(changes) as [string, string | undefined][]) {
            if (v) next.set(k, v);
            else next.delete(k);
          }
          return next;
        },
        { replace: options.replace ?? false },
      );
    },
    [setParams],
  );
  const clear = useCallback(() => {
    set(Object.fromEntries(Object.keys(spec).map((k) => [k, ''])) as Partial<Record<K, string>>);
  }, [set, spec]);

  return { values, key, active, set, clear };
}

/**
 * The errors of a list's answer that name its filters (400 with
 * error.fields), to show beside those filters; `null` for any other failure.
 */
export function filterErrors<K extends string>(error: ApiError | null, keys: readonly K[]): Partial<Record<K, string>> | null {
  if (!error || error.status !== 400) return null;
  const placed = placeErrors(error, keys);
  return Object.keys(placed.fieldErrors).length > 0 ? (placed.fieldErrors as Partial<Record<K, string>>) : null;
}

/**
 * The form: the search box first, then the `children` (the filters' selects),
 * then "Search" and, when anything is filtered, "Clear filters".
 */
export function ListSearch({
  label,
  searchLabel,
  searchHint,
  searchId,
  value,
  error,
  onSearch,
  active,
  onClear,
  inputRef,
  children,
}: {
  /** The name of the search landmark, e.g. "Search users". */
  label: string;
  searchLabel: string;
  searchHint?: string;
  searchId: string;
  /** The search as the address holds it. */
  value: string;
  error?: string | null;
  /** A new search; `replace` when it refines the one before (no new history entry). */
  onSearch: (q: string, replace: boolean) => void;
  active: boolean;
  onClear: () => void;
  inputRef: RefObject<HTMLInputElement>;
  children?: ReactNode;
}) {
  const [text, setText] = useState(value);
  // The address changed under the box (back, forward, "Clear filters"): show
  // its search, unless the box already says the same.
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    if (text.trim() !== value) setText(value);
  }

  const search = useRef(onSearch);
  useEffect(() => {
    search.current = onSearch;
  });
  const commit = useCallback(
    (q: string) => {
      if (q !== value) search.current(q, value !== '' && q !== '');
    },
    [value],
  );

  // Searches once the typing pauses.
  useEffect(() => {
    const q = text.trim();
    if (q === value) return undefined;
    const timer = window.setTimeout(() => commit(q), SEARCH_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [text, value, commit]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    commit(text.trim());
  };

  return (
    <form className="list-search" role="search" aria-label={label} onSubmit={submit} noValidate>
      <TextField
        ref={inputRef}
        id={searchId}
        name="q"
        type="search"
        label={searchLabel}
        hint={searchHint}
        error={error}
        value={text}
        onChange={(e) => setText(e.target.value)}
        maxLength={SEARCH_MAX_LENGTH}
        autoComplete="off"
        spellCheck={false}
        enterKeyHint="search"
        className="list-search__field list-search__field--q"
      />
      {children}
      <div className="list-search__buttons">
        <button type="submit" className="button button--secondary">
          Search
        </button>
        {active ? (
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setText('');
              onClear();
              inputRef.current?.focus();
            }}
          >
            Clear filters
          </button>
        ) : null}
      </div>
    </form>
  );
}

/** The number of results in words, e.g. "3 users found." or "Users 26 to 50, more on the next page." */
export function countInWords({
  count,
  noun,
  filtered,
  pageNumber = 1,
  pageSize = 0,
  hasNext = false,
}: {
  count: number;
  /** Singular and plural, lower case: ['user', 'users']. */
  noun: readonly [string, string];
  filtered: boolean;
  pageNumber?: number;
  pageSize?: number;
  hasNext?: boolean;
}): string {
  const [one, many] = noun;
  const Many = many.charAt(0).toUpperCase() + many.slice(1);
  if (count === 0) {
    if (pageNumber > 1) return `No more ${many} on this page.`;
    return filtered ? `No ${many} found.` : `No ${many} yet.`;
  }
  if (pageNumber === 1 && !hasNext) {
    return `${count} ${count === 1 ? one : many}${filtered ? ' found' : ' in all'}.`;
  }
  const first = (pageNumber - 1) * pageSize + 1;
  const last = first + count - 1;
  if (hasNext) return `${Many} ${first} to ${last}${filtered ? ' of those found' : ''}, more on the next page.`;
  return `${Many} ${first} to ${last} of ${last}${filtered ? ' found' : ''}.`;
}

/** The live line under the form that says how many were found. */
export function ResultCount({ children }: { children: ReactNode }) {
  return (
    <p className="list-search__count" role="status" aria-live="polite" aria-atomic="true">
      {children}
    </p>
  );
}

/** Nothing matched: says so and offers to clear the filters. */
export function NoMatches({ title, children, onClear }: { title: string; children?: ReactNode; onClear: () => void }) {
  return (
    <EmptyState
      title={title}
      action={
        <button type="button" className="button button--secondary" onClick={onClear}>
          Clear the filters
        </button>
      }
    >
      {children}
    </EmptyState>
  );
}

/**
 * A list that could not be loaded: with filters the server refused, a note
 * beside them (the fields show the messages) and a way to clear them;
 * otherwise the message and "Try again".
 */
export function ListError({ error, refused, onRetry, onClear }: { error: ApiError; refused: boolean; onRetry: () => void; onClear: () => void }) {
  if (!refused) return <ErrorState error={error} onRetry={onRetry} />;
  return (
    <div className="alert alert--error" role="alert">
      <p className="alert__title">These filters cannot be used</p>
      <p className="alert__body">Change the filters marked above, or clear them to see the whole list.</p>
      <p>
        <button type="button" className="button button--secondary" onClick={onClear}>
          Clear the filters
        </button>
      </p>
    </div>
  );
}
