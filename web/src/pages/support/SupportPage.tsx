// Help and resources, for anyone signed in or not: the resource library
// (templates, guidance, webinars, case studies), the directory of consultants
// and the register of accredited practitioners, each searched by words and
// filters kept in the address, so that a search is a link. A criterion's
// "Help with this criterion" (/support?criterion=…) opens on what names it.
import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api';
import type { ConsultantPage, PractitionerPage, ResourcePage } from '../../api/support';
import { useAuth } from '../../auth/AuthContext';
import { SelectField, TextField } from '../../components/Field';
import { Pager } from '../../components/Pager';
import { EmptyState, ErrorState, Loading } from '../../components/States';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useLoad } from '../../hooks/useLoad';
import { latestSchemes, schemeLabel } from '../../lib/schemes';
import {
  LANGUAGES,
  PRACTITIONER_LEVELS,
  RESOURCE_KINDS,
  RESOURCE_KIND_PLURAL,
  SUPPORT_TABS,
  SUPPORT_TAB_LABEL,
  TAB_NOUNS,
  criterionPlace,
  emptySearch,
  isSupportFiltered,
  parseSupportSearch,
  supportResultsInWords,
  supportSearchToParams,
  supportSearchToQuery,
  type SupportSearch,
  type SupportTab,
} from '../../lib/support';
import { useTaxonomy } from '../network/useTaxonomy';
import { ConsultantCard, PractitionerCard, ResourceCard } from './SupportCards';
import { useSupportApi } from './useSupportApi';
import '../network/network.css';
import './support.css';

export const PAGE_SIZE = 20;

type Found =
  | { tab: 'resources'; page: ResourcePage }
  | { tab: 'consultants'; page: ConsultantPage }
  | { tab: 'practitioners'; page: PractitionerPage };

const TAB_TITLE: Record<SupportTab, string> = {
  resources: 'Resource library',
  consultants: 'Consultants',
  practitioners: 'Accredited practitioners',
};

const TAB_INTRO: Record<SupportTab, string> = {
  resources: 'Templates, guidance, webinars and case studies to help you meet the criteria of a scheme. The templates that come with ValueMark are yours to adapt.',
  consultants: 'Consultants who help organisations put social value management in place and reach the next level. Contact them directly: ValueMark does not recommend or vouch for any one of them.',
  practitioners: 'People accredited as practitioners of social value, at level 1, 2 or 3. Only current accreditations are listed unless you ask for those that have ended.',
};

const SEARCH_HINT: Record<SupportTab, string> = {
  resources: 'Words from a title or summary',
  consultants: 'Words from a name, an organisation or what they help with',
  practitioners: 'Words from a name or an organisation',
};

function tabPath(tab: SupportTab): string {
  const params = supportSearchToParams(emptySearch(tab)).toString();
  return params ? `/support?${params}` : '/support';
}

function Tabs({ current }: { current: SupportTab }) {
  return (
    <nav className="support-tabs" aria-label="Registers">
      <ul className="support-tabs__list">
        {SUPPORT_TABS.map((t) => (
          <li key={t}>
            <Link to={tabPath(t)} className="support-tabs__link" aria-current={t === current ? 'page' : undefined}>
              {SUPPORT_TAB_LABEL[t]}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The filters of a tab, each a list box labelled in words; a choice searches at once. */
function Filters({ search, change }: { search: SupportSearch; change: (patch: Partial<SupportSearch>) => void }) {
  const { api } = useAuth();
  const taxonomy = useTaxonomy();
  const schemes = useLoad(async () => latestSchemes((await api.listSchemes()).items), [api]);
  const schemeChoices = (schemes.data ?? []).map((s) => ({ value: s.id, label: schemeLabel(s, schemes.data ?? []) }));
  const areas = taxonomy.data?.areas ?? [];
  const tab = search.tab;
  const schemeSelect = (
    <SelectField id="support-scheme" label="Scheme" value={search.scheme} onChange={(e) => change({ scheme: e.target.value })}>
      <option value="">Any scheme</option>
      {schemeChoices.map((s) => (
        <option key={s.value} value={s.value}>
          {s.label}
        </option>
      ))}
      {search.scheme && !schemeChoices.some((s) => s.value === search.scheme) && schemes.data ? <option value={search.scheme}>A scheme no longer offered</option> : null}
    </SelectField>
  );
  const areaSelect = (
    <SelectField id="support-area" label="Area" value={search.area} onChange={(e) => change({ area: e.target.value })}>
      <option value="">Anywhere</option>
      {areas.map((a) => (
        <option key={a.code} value={a.code}>
          {a.code === 'uk_wide' ? 'Across the UK only' : a.name}
        </option>
      ))}
    </SelectField>
  );
  return (
    <div className="support-filters" role="group" aria-label="Filters">
      {tab === 'resources' ? (
        <>
          <SelectField id="support-kind" label="Kind" value={search.kind} onChange={(e) => change({ kind: e.target.value })}>
            <option value="">Every kind</option>
            {RESOURCE_KINDS.map((k) => (
              <option key={k} value={k}>
                {RESOURCE_KIND_PLURAL[k]}
              </option>
            ))}
          </SelectField>
          {schemeSelect}
        </>
      ) : null}
      {tab === 'consultants' ? (
        <>
          {areaSelect}
          {schemeSelect}
          <SelectField id="support-language" label="Language" value={search.language} onChange={(e) => change({ language: e.target.value })}>
            <option value="">Any language</option>
            {LANGUAGES.map((l) => (
              <option key={l.code} value={l.code}>
                {l.name}
              </option>
            ))}
          </SelectField>
        </>
      ) : null}
      {tab === 'practitioners' ? (
        <>
          {areaSelect}
          <SelectField id="support-level" label="Level" value={String(search.level || '')} onChange={(e) => change({ level: Number(e.target.value) || 0 })}>
            <option value="">Any level</option>
            {PRACTITIONER_LEVELS.map((l) => (
              <option key={l} value={l}>
                {l === 3 ? 'Level 3' : `Level ${l} or above`}
              </option>
            ))}
          </SelectField>
          <div className="support-filters__check">
            <input type="checkbox" id="support-expired" checked={search.expired} onChange={(e) => change({ expired: e.target.checked })} />
            <label htmlFor="support-expired">Include accreditations that have ended</label>
          </div>
        </>
      ) : null}
    </div>
  );
}

function Results({ found, tab }: { found: Found; tab: SupportTab }) {
  if (found.tab !== tab) return null;
  if (found.tab === 'resources')
    return (
      <ul className="support-cards">
        {found.page.items.map((r) => (
          <ResourceCard key={r.id} resource={r} />
        ))}
      </ul>
    );
  if (found.tab === 'consultants')
    return (
      <ul className="support-cards">
        {found.page.items.map((k) => (
          <ConsultantCard key={k.id} consultant={k} />
        ))}
      </ul>
    );
  return (
    <ul className="support-cards support-cards--two">
      {found.page.items.map((p) => (
        <PractitionerCard key={p.id} practitioner={p} />
      ))}
    </ul>
  );
}

const EMPTY: Record<SupportTab, { title: string; body: ReactNode }> = {
  resources: { title: 'The library is empty', body: <p>The certifying body adds templates, guidance, webinars and case studies here.</p> },
  consultants: { title: 'No consultant is listed yet', body: <p>The certifying body lists consultants here as they join. Practitioners can help meanwhile.</p> },
  practitioners: { title: 'No practitioner is on the register yet', body: <p>The certifying body adds each practitioner it accredits.</p> },
};

function Registers() {
  const support = useSupportApi();
  const [params, setParams] = useSearchParams();
  const key = params.toString();
  const search = useMemo(() => parseSupportSearch(new URLSearchParams(key)), [key]);
  const canonical = supportSearchToParams(search).toString();
  const results = useLoad<Found>(async () => {
    const s = parseSupportSearch(new URLSearchParams(canonical));
    const q = supportSearchToQuery(s, PAGE_SIZE);
    if (s.tab === 'resources') return { tab: s.tab, page: await support.resources(q) };
    if (s.tab === 'consultants') return { tab: s.tab, page: await support.consultants(q) };
    return { tab: s.tab, page: await support.practitioners(q) };
  }, [support, canonical]);
  // The last answer stays on screen while the next of the same tab loads.
  const [shown, setShown] = useState<Found | null>(null);
  if (results.data && results.data !== shown) setShown(results.data);
  const found = results.data?.tab === search.tab ? results.data : results.status === 'loading' && shown?.tab === search.tab ? shown : null;

  const [text, setText] = useState(search.q);
  const [seen, setSeen] = useState(`${search.tab}|${search.q}`);
  if (seen !== `${search.tab}|${search.q}`) {
    setSeen(`${search.tab}|${search.q}`);
    setText(search.q);
  }
  const inputRef = useRef<HTMLInputElement>(null);
  const resultsRef = useRef<HTMLHeadingElement>(null);

  // The router brings a new address in a transition, a moment after the
  // choice that asked for it: until it comes, the filters show the search as
  // chosen, and a second choice builds on the first (as DirectorySearch does).
  const [chosen, setChosen] = useState<{ from: string; search: SupportSearch } | null>(null);
  if (chosen && chosen.from !== key) setChosen(null);
  const current = chosen && chosen.from === key ? chosen.search : search;

  const go = (next: SupportSearch) => {
    setChosen({ from: key, search: next });
    setParams(supportSearchToParams(next));
  };
  const change = (patch: Partial<SupportSearch>) => go({ ...current, ...patch, page: 1 });
  const clear = () => {
    setText('');
    go({ ...emptySearch(current.tab), expired: current.expired });
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
    // A search that reads nothing this page knows is put right in the address.
    if (canonical !== key) setParams(new URLSearchParams(canonical), { replace: true });
  }, [canonical, key, setParams]);

  const tab = search.tab;
  const [, many] = TAB_NOUNS[tab];
  const filtered = isSupportFiltered(search);
  const page = found?.page ?? null;
  const refused = results.status === 'error' && results.error.status === 400;

  return (
    <>
      <Tabs current={tab} />
      <section className="support-register" aria-labelledby="support-register-title">
        <h2 id="support-register-title">{TAB_TITLE[tab]}</h2>
        <p className="support-register__intro">{TAB_INTRO[tab]}</p>
        <form className="directory__search" role="search" aria-label={`Search the ${many}`} onSubmit={submit} noValidate>
          <TextField
            ref={inputRef}
            id="support-q"
            name="q"
            type="search"
            label="Search"
            hint={SEARCH_HINT[tab]}
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
        <Filters search={current} change={change} />
        {filtered ? (
          <p className="support-clear">
            <button type="button" className="link-button" onClick={clear}>
              Clear the search and filters
            </button>
          </p>
        ) : null}
        <div className="support-results">
          <h3 id="support-results-title" className="visually-hidden" ref={resultsRef} tabIndex={-1}>
            {SUPPORT_TAB_LABEL[tab]} found
          </h3>
          <p className="directory__count" role="status" aria-live="polite" aria-atomic="true">
            {page ? supportResultsInWords(tab, page.total, page.offset, page.items.length, filtered) : null}
          </p>
          {results.status === 'loading' && !found ? <Loading label={`Searching the ${many}…`} /> : null}
          {results.status === 'error' ? (
            refused ? (
              <div className="alert alert--error" role="alert">
                <p className="alert__title">This search cannot be used</p>
                <p className="alert__body">The address asks for a search this page cannot make. Clear it to search again.</p>
                <p>
                  <button type="button" className="button button--secondary" onClick={clear}>
                    Clear the search and filters
                  </button>
                </p>
              </div>
            ) : (
              <ErrorState error={results.error} onRetry={results.reload} title={`The ${many} could not be searched`} />
            )
          ) : null}
          {page && page.total === 0 ? (
            filtered ? (
              <EmptyState
                title={`No ${many} match your search`}
                action={
                  <button type="button" className="button button--secondary" onClick={clear}>
                    Clear the search and filters
                  </button>
                }
              >
                <p>Try fewer words, or clear a filter.</p>
              </EmptyState>
            ) : (
              <EmptyState title={EMPTY[tab].title}>{EMPTY[tab].body}</EmptyState>
            )
          ) : null}
          {found && found.page.items.length > 0 ? <Results found={found} tab={tab} /> : null}
          {page ? (
            <Pager
              label={`Pages of ${many}`}
              pageNumber={search.page}
              hasPrevious={search.page > 1}
              hasNext={page.offset + page.items.length < page.total}
              onPrevious={() => turn(search.page - 1)}
              onNext={() => turn(search.page + 1)}
            />
          ) : null}
        </div>
      </section>
    </>
  );
}

/** What names one criterion: the criterion in words, its resources and its consultants. */
function CriterionHelpBanner({ id }: { id: string }) {
  const support = useSupportApi();
  const help = useLoad(() => support.helpWith(id), [support, id]);
  const notFound = help.status === 'error' && help.error instanceof ApiError && help.error.isNotFound;
  const data = help.data;
  return (
    <section className="panel support-banner" aria-labelledby="criterion-help-title">
      <div className="support-banner__head">
        <h2 id="criterion-help-title">Help with this criterion</h2>
        <Link to="/support" className="button button--secondary button--small">
          Clear<span className="visually-hidden"> the criterion and show the whole library</span>
        </Link>
      </div>
      {help.status === 'loading' && !data ? <Loading label="Finding what helps with this criterion…" /> : null}
      {notFound ? (
        <EmptyState title="This criterion was not found" action={<Link to="/support">Show the whole library</Link>}>
          <p>It may have been taken out of its scheme, or the link may be wrong. Search the library, the consultants and the practitioners instead.</p>
        </EmptyState>
      ) : help.status === 'error' ? (
        <ErrorState error={help.error} onRetry={help.reload} title="What helps with this criterion could not be loaded" />
      ) : null}
      {data ? (
        <>
          <p className="support-banner__place">
            <Link to={`/schemes/${encodeURIComponent(data.criterion.scheme_id)}#level-${data.criterion.level}`}>{criterionPlace(data.criterion)}</Link>
          </p>
          <blockquote className="support-banner__text">
            <p>{data.criterion.text}</p>
          </blockquote>
          <h3 className="support-banner__section">
            Resources <span className="count">({data.resources.length})</span>
          </h3>
          {data.resources.length > 0 ? (
            <ul className="support-cards">
              {data.resources.map((r) => (
                <ResourceCard key={r.id} resource={r} heading="h4" />
              ))}
            </ul>
          ) : (
            <p className="muted">
              No resource in the library names this criterion yet. <Link to="/support">Browse the whole library</Link>.
            </p>
          )}
          <h3 className="support-banner__section">
            Consultants <span className="count">({data.consultants.length})</span>
          </h3>
          {data.consultants.length > 0 ? (
            <ul className="support-cards">
              {data.consultants.map((k) => (
                <ConsultantCard key={k.id} consultant={k} heading="h4" />
              ))}
            </ul>
          ) : (
            <p className="muted">
              No consultant names this criterion yet. <Link to={tabPath('consultants')}>Browse every consultant</Link>.
            </p>
          )}
          <p className="support-banner__practitioners">
            Accredited practitioners can help with any criterion: <Link to={tabPath('practitioners')}>find one on the register</Link>.
          </p>
        </>
      ) : null}
    </section>
  );
}

export function SupportPage() {
  useDocumentTitle('Help and resources');
  const [params] = useSearchParams();
  const criterion = (params.get('criterion') ?? '').trim();
  return (
    <div className="page support-page">
      <div className="page-head">
        <div>
          <p className="eyebrow">Support</p>
          <h1>Help and resources</h1>
          <p className="lead">
            Templates and guidance for each criterion, consultants who help organisations towards certification, and the register of accredited
            practitioners.
          </p>
        </div>
      </div>
      {criterion ? <CriterionHelpBanner id={criterion} /> : <Registers />}
    </div>
  );
}
