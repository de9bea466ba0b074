// The search of the directory, for the public page and the broker's: words,
// facet filters with their counts, the number found (announced), pages, and
// the whole search in the address's query string so that a result is a link
// and back, forward and reload keep it.
import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ApiError, type DirectoryEntry, type DirectoryFacet, type DirectoryPage, type DirectoryQuery, type DirectoryTaxonomy } from '../../api';
import { TextField } from '../../components/Field';
import { Pager } from '../../components/Pager';
import { EmptyState, ErrorState, Loading } from '../../components/States';
import { useLoad } from '../../hooks/useLoad';
import {
  EMPTY_SEARCH,
  filterCount,
  isFiltered,
  parseSearch,
  resultsInWords,
  searchToParams,
  searchToQuery,
  type DirectorySearch as Search,
} from '../../lib/directory';
import { useTaxonomy } from './useTaxonomy';
import './network.css';

export const PAGE_SIZE = 20;

/** A group of facet checkboxes: the values found (and any chosen), or every value on request. */
function FacetGroup({
  legend,
  facets,
  chosen,
  onChange,
  all,
}: {
  legend: string;
  facets: readonly DirectoryFacet[];
  chosen: readonly string[];
  onChange: (values: string[]) => void;
  /** Every value of the taxonomy, to show those without a match too. */
  all: readonly { code: string; name: string }[];
}) {
  const [showAll, setShowAll] = useState(false);
  const counts = new Map(facets.map((f) => [f.value, f]));
  const rows = all
    .map((t) => ({ value: t.code, label: counts.get(t.code)?.label ?? t.name, count: counts.get(t.code)?.count ?? 0 }))
    .filter((r) => showAll || r.count > 0 || chosen.includes(r.value));
  const hidden = all.length - rows.length;
  return (
    <fieldset className="facet">
      <legend className="facet__legend">{legend}</legend>
      {rows.length === 0 ? <p className="facet__none">None among these results.</p> : null}
      <ul className="facet__list">
        {rows.map((r) => {
          const id = `facet-${legend.replace(/\W+/g, '-').toLowerCase()}-${r.value}`;
          return (
            <li key={r.value} className="facet__item">
              <input
                type="checkbox"
                id={id}
                checked={chosen.includes(r.value)}
                onChange={(e) => onChange(e.target.checked ? [...chosen, r.value] : chosen.filter((v) => v !== r.value))}
              />
              <label htmlFor={id}>
                {r.label}
                <span className="facet__count">
                  <span aria-hidden="true">{r.count}</span>
                  <span className="visually-hidden">, {r.count} found</span>
                </span>
              </label>
            </li>
          );
        })}
      </ul>
      {hidden > 0 || showAll ? (
        <button type="button" className="link-button facet__more" aria-expanded={showAll} onClick={() => setShowAll((s) => !s)}>
          {showAll ? `Only those found` : `Show all ${all.length}`}
          <span className="visually-hidden"> {legend.toLowerCase()}</span>
        </button>
      ) : null}
    </fieldset>
  );
}

function Filters({
  search,
  page,
  taxonomy,
  change,
  clear,
}: {
  search: Search;
  page: DirectoryPage | null;
  taxonomy: DirectoryTaxonomy | null;
  change: (patch: Partial<Search>) => void;
  clear: () => void;
}) {
  const [open, setOpen] = useState(false);
  const chosen = filterCount(search);
  const facets = page?.facets;
  const awards = facets?.certification ?? [];
  return (
    <section className={`directory__filters${open ? ' directory__filters--open' : ''}`} aria-labelledby="directory-filters-title">
      <div className="directory__filters-head">
        <h2 id="directory-filters-title">Filter the results</h2>
        <button type="button" className="button button--secondary button--small directory__filters-toggle" aria-expanded={open} aria-controls="directory-filter-body" onClick={() => setOpen((o) => !o)}>
          {open ? 'Hide filters' : chosen > 0 ? `Show filters (${chosen} chosen)` : 'Show filters'}
        </button>
      </div>
      <div id="directory-filter-body" className="directory__filter-body">
        {chosen > 0 ? (
          <p>
            <button type="button" className="link-button" onClick={clear}>
              Clear the filters
            </button>
          </p>
        ) : null}
        <fieldset className="facet">
          <legend className="facet__legend">Certification</legend>
          <ul className="facet__list">
            <li className="facet__item">
              <input type="checkbox" id="facet-certified" checked={search.certified} onChange={(e) => change({ certified: e.target.checked })} />
              <label htmlFor="facet-certified">
                Certified only
                <span className="facet__count">
                  <span aria-hidden="true">{facets?.certified ?? 0}</span>
                  <span className="visually-hidden">, {facets?.certified ?? 0} found</span>
                </span>
              </label>
            </li>
          </ul>
          {awards.length > 0 || search.award ? (
            <fieldset className="facet facet--nested">
              <legend className="facet__legend facet__legend--small">Award</legend>
              <ul className="facet__list">
                <li className="facet__item">
                  <input type="radio" id="facet-award-any" name="facet-award" checked={!search.award} onChange={() => change({ award: '' })} />
                  <label htmlFor="facet-award-any">Any award</label>
                </li>
                {awards.map((a) => {
                  const id = `facet-award-${a.value.replace(/\W+/g, '-')}`;
                  return (
                    <li key={a.value} className="facet__item">
                      <input type="radio" id={id} name="facet-award" checked={search.award === a.value} onChange={() => change({ award: a.value })} />
                      <label htmlFor={id}>
                        {a.label}
                        <span className="facet__count">
                          <span aria-hidden="true">{a.count}</span>
                          <span className="visually-hidden">, {a.count} found</span>
                        </span>
                      </label>
                    </li>
                  );
                })}
              </ul>
            </fieldset>
          ) : null}
        </fieldset>
        <FacetGroup legend="Outcome themes" facets={facets?.themes ?? []} all={taxonomy?.themes ?? []} chosen={search.theme} onChange={(theme) => change({ theme })} />
        <FacetGroup legend="Areas" facets={facets?.areas ?? []} all={taxonomy?.areas ?? []} chosen={search.area} onChange={(area) => change({ area })} />
        <FacetGroup
          legend="Legal forms"
          facets={facets?.legal_forms ?? []}
          all={taxonomy?.legal_forms ?? []}
          chosen={search.legal_form}
          onChange={(legal_form) => change({ legal_form })}
        />
      </div>
    </section>
  );
}

/** Why the directory refused a search, in words, from the field the server named. */
function refusalInWords(error: unknown): string {
  const field = error instanceof ApiError ? error.field : undefined;
  if (field === 'q') return 'The search words hold characters that cannot be searched, or are over 200 characters long. Change the words, or clear the search.';
  if (field === 'offset' || field === 'limit') return 'The address asks for a page the directory cannot show. Clear the search to start again from the first page.';
  return 'The address asks for filters the directory does not have. Clear them to search again.';
}

export function DirectorySearch({
  label,
  searchHint,
  load,
  renderItems,
  emptyBody,
}: {
  /** The name of the search landmark. */
  label: string;
  searchHint?: string;
  load: (q: DirectoryQuery) => Promise<DirectoryPage>;
  renderItems: (items: DirectoryEntry[], taxonomy: DirectoryTaxonomy | null) => ReactNode;
  /** What the empty directory says when nothing narrows the search. */
  emptyBody?: ReactNode;
}) {
  const [params, setParams] = useSearchParams();
  const key = params.toString();
  const search = useMemo(() => parseSearch(new URLSearchParams(key)), [key]);
  const canonical = searchToParams(search).toString();
  const taxonomy = useTaxonomy();
  const loadRef = useRef(load);
  loadRef.current = load;
  const results = useLoad(() => loadRef.current(searchToQuery(parseSearch(new URLSearchParams(canonical)), PAGE_SIZE)), [canonical]);
  // The last answer stays on screen (and its facets in place) while the next loads.
  const [shown, setShown] = useState<DirectoryPage | null>(null);
  if (results.data && results.data !== shown) setShown(results.data);
  const page = results.data ?? (results.status === 'loading' ? shown : null);

  const [text, setText] = useState(search.q);
  const [seenQ, setSeenQ] = useState(search.q);
  if (seenQ !== search.q) {
    setSeenQ(search.q);
    setText(search.q);
  }
  const inputRef = useRef<HTMLInputElement>(null);
  const resultsRef = useRef<HTMLHeadingElement>(null);

  // The router brings a new address in a transition (v7_startTransition), a
  // moment after the click that asked for it. Until it comes, the filters show
  // the search as chosen: else a box just ticked is put back unticked (and
  // announced so) until the page renders again, and a second choice made
  // meanwhile would be built on the old search and drop the first.
  const [chosen, setChosen] = useState<{ from: string; search: Search } | null>(null);
  if (chosen && chosen.from !== key) setChosen(null);
  const current = chosen && chosen.from === key ? chosen.search : search;

  const go = (next: Search, replace = false) => {
    setChosen({ from: key, search: next });
    setParams(searchToParams(next), { replace });
  };
  const change = (patch: Partial<Search>) => go({ ...current, ...patch, page: 1 });
  const clear = () => {
    setText('');
    go(EMPTY_SEARCH);
    inputRef.current?.focus();
  };
  const turn = (to: number) => {
    go({ ...current, page: to });
    resultsRef.current?.focus();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (text.trim() !== current.q) change({ q: text.trim() });
  };
  useEffect(() => {
    // A search that reads nothing the server knows is put right in the address.
    if (canonical !== key) setParams(new URLSearchParams(canonical), { replace: true });
  }, [canonical, key, setParams]);

  const filtered = isFiltered(search);
  const items = page?.items ?? [];
  const refused = results.status === 'error' && results.error.status === 400;

  return (
    <>
      <form className="directory__search" role="search" aria-label={label} onSubmit={submit} noValidate>
        <TextField
          ref={inputRef}
          id="directory-q"
          name="q"
          type="search"
          label="Search"
          hint={searchHint ?? 'Words from a name or from what an enterprise does'}
          value={text}
          onChange={(e) => setText(e.target.value)}
          maxLength={200}
          autoComplete="off"
          enterKeyHint="search"
          className="directory__q"
        />
        <button type="submit" className="button button--primary directory__search-button">
          Search
        </button>
      </form>
      <div className="directory">
        <Filters search={current} page={page} taxonomy={taxonomy.data} change={change} clear={clear} />
        <section className="directory__results" aria-labelledby="directory-results-title">
          <h2 id="directory-results-title" className="visually-hidden" ref={resultsRef} tabIndex={-1}>
            Results
          </h2>
          <p className="directory__count" role="status" aria-live="polite" aria-atomic="true">
            {page ? resultsInWords(page.total, page.offset, page.items.length, filtered) : null}
          </p>
          {results.status === 'loading' && !page ? <Loading label="Searching the directory…" /> : null}
          {results.status === 'error' ? (
            refused ? (
              <div className="alert alert--error" role="alert">
                <p className="alert__title">This search cannot be used</p>
                <p className="alert__body">{refusalInWords(results.error)}</p>
                <p>
                  <button type="button" className="button button--secondary" onClick={clear}>
                    Clear the filters
                  </button>
                </p>
              </div>
            ) : (
              <ErrorState error={results.error} onRetry={results.reload} title="The directory could not be searched" />
            )
          ) : null}
          {page && page.total === 0 ? (
            filtered ? (
              <EmptyState
                title="No enterprises match your search"
                action={
                  <button type="button" className="button button--secondary" onClick={clear}>
                    Clear the search and filters
                  </button>
                }
              >
                <p>Try fewer words, or fewer filters: an enterprise matches when it has any of the themes, areas or legal forms chosen in a group.</p>
              </EmptyState>
            ) : (
              <EmptyState title="The directory is empty">{emptyBody}</EmptyState>
            )
          ) : null}
          {page && items.length > 0 ? renderItems(items, taxonomy.data) : null}
          {page ? (
            <Pager
              label="Pages of results"
              pageNumber={current.page}
              hasPrevious={current.page > 1}
              hasNext={page.offset + page.items.length < page.total}
              onPrevious={() => turn(current.page - 1)}
              onNext={() => turn(current.page + 1)}
            />
          ) : null}
        </section>
      </div>
    </>
  );
}
