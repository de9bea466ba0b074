// The review queue: administrators see every submitted application, assessors
// the ones allocated to them; results due dates are tracked against the
// three-week target.
import { useRef } from 'react';
import { Link } from 'react-router-dom';
import type { ApplicationState } from '../../api';
import { useAuth } from '../../auth/AuthContext';
import { CsvButton } from '../../components/CsvButton';
import { SelectField } from '../../components/Field';
import { Badge, EmptyState, Loading } from '../../components/States';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useLoad } from '../../hooks/useLoad';
import { daysUntil, formatDate } from '../../lib/format';
import { APPLICATION_STATE_LABEL, applicationStateTone } from '../../lib/labels';
import { ListError, ListSearch, NoMatches, ResultCount, countInWords, filterErrors, useUrlFilters, type FilterSpec } from './ListSearch';

/** The states an application in the queue can be in (a draft never is). */
const QUEUE_STATES: ApplicationState[] = ['submitted', 'queued', 'in_review', 'amendments_requested', 'recommended', 'awarded', 'rejected'];
const FILTERS: FilterSpec<'q' | 'state' | 'round'> = { q: null, state: QUEUE_STATES, round: null };
const FILTER_KEYS = ['q', 'state'] as const;

export function ReviewQueuePage() {
  const { api, user } = useAuth();
  const filters = useUrlFilters(FILTERS);
  const { q, state, round } = filters.values;
  const queue = useLoad(
    () => api.reviewQueue({ q, state: (state || undefined) as ApplicationState | undefined, round_id: round || undefined }),
    [api, q, state, round],
  );
  // A round's applications (from the rounds page): the round named, and a way back to all.
  const rounds = useLoad(() => (round ? api.listRounds() : Promise.resolve({ items: [] })), [api, round]);
  const roundName = rounds.data?.items.find((r) => r.id === round)?.name;
  const searchRef = useRef<HTMLInputElement>(null);
  const clearFilters = () => {
    filters.clear();
    searchRef.current?.focus();
  };
  const refused = filterErrors(queue.error, FILTER_KEYS);
  const items = queue.status === 'error' ? null : queue.data?.items ?? null;
  useDocumentTitle('Review queue');
  const isAdmin = user?.platform_role === 'administrator';
  return (
    <div className="page">
      <div className="page-head">
        <div>
          <p className="eyebrow">Staff</p>
          <h1>Review queue</h1>
          <p className="page-head__meta">
            {isAdmin ? 'Every submitted application.' : 'The applications allocated to you.'} Results are due three weeks after a complete submission.
          </p>
        </div>
        <CsvButton
          title="Review queue"
          rows={queue.data?.items ?? []}
          columns={[
            { header: 'Organisation', value: (x) => x.organisation_name },
            { header: 'Scheme', value: (x) => x.application.scheme_name },
            { header: 'Level', value: (x) => x.application.level },
            { header: 'Level name', value: (x) => x.application.level_name },
            { header: 'State', value: (x) => APPLICATION_STATE_LABEL[x.application.state] },
            { header: 'Assessor', value: (x) => x.assessor_name ?? '' },
            { header: 'Results due', value: (x) => x.application.results_due },
          ]}
        />
      </div>
      {round ? (
        <p className="round-filter">
          Applications in the round <strong>{roundName ?? 'chosen on the rounds page'}</strong>.{' '}
          <Link to="/staff/applications">Show every round</Link>
        </p>
      ) : null}
      <ListSearch
        label="Search the review queue"
        searchId="queue-q"
        searchLabel="Organisation name"
        searchHint="Any part of it, in any case"
        value={q}
        error={refused?.q}
        onSearch={(text, replace) => filters.set({ q: text }, { replace })}
        active={filters.active}
        onClear={filters.clear}
        inputRef={searchRef}
      >
        <SelectField
          id="queue-state"
          label="State"
          value={state}
          error={refused?.state}
          onChange={(e) => filters.set({ state: e.target.value })}
          className="list-search__field"
        >
          <option value="">Any state</option>
          {QUEUE_STATES.map((s) => (
            <option key={s} value={s}>
              {APPLICATION_STATE_LABEL[s]}
            </option>
          ))}
        </SelectField>
      </ListSearch>
      <ResultCount>{items ? countInWords({ count: items.length, noun: ['application', 'applications'], filtered: filters.active }) : null}</ResultCount>
      {queue.status === 'loading' && !queue.data ? <Loading label="Loading the queue…" /> : null}
      {queue.status === 'error' ? <ListError error={queue.error} refused={refused !== null} onRetry={queue.reload} onClear={clearFilters} /> : null}
      {items && items.length === 0 ? (
        filters.active ? (
          <NoMatches title="No applications match these filters" onClear={clearFilters}>
            <p>Search for part of an organisation’s name, or choose “Any state”.</p>
          </NoMatches>
        ) : (
          <EmptyState title="Nothing in the queue" />
        )
      ) : null}
      {queue.data && queue.data.items.length > 0 ? (
        <div className="table-card">
          <table className="table table--stack">
            <caption className="visually-hidden">Applications to review</caption>
            <thead>
              <tr>
                <th scope="col">Organisation</th>
                <th scope="col">Scheme and level</th>
                <th scope="col">State</th>
                {isAdmin ? <th scope="col">Assessor</th> : null}
                <th scope="col">Results due</th>
              </tr>
            </thead>
            <tbody>
              {queue.data.items.map(({ organisation_name, assessor_name, application: a }) => {
                const open = !['awarded', 'rejected'].includes(a.state);
                const days = a.results_due ? daysUntil(a.results_due) : null;
                return (
                  <tr key={a.id}>
                    <th scope="row" data-label="Organisation">
                      <Link to={`/applications/${encodeURIComponent(a.id)}`}>{organisation_name}</Link>
                    </th>
                    <td data-label="Scheme and level">
                      {a.scheme_name} · level {a.level} ({a.level_name})
                    </td>
                    <td data-label="State">
                      <Badge tone={applicationStateTone(a.state)}>{APPLICATION_STATE_LABEL[a.state]}</Badge>
                    </td>
                    {isAdmin ? (
                      <td data-label="Assessor">{assessor_name ?? (['submitted', 'queued'].includes(a.state) ? <Badge tone="warning">not allocated</Badge> : '—')}</td>
                    ) : null}
                    <td data-label="Results due">
                      {formatDate(a.results_due)}{' '}
                      {open && days !== null && days < 0 ? <Badge tone="danger">{-days} days late</Badge> : null}
                      {open && days !== null && days >= 0 && days <= 5 ? <Badge tone="warning">in {days} days</Badge> : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
