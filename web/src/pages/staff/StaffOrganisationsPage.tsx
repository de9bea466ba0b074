import { useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import type { Organisation } from '../../api';
import { useAuth } from '../../auth/AuthContext';
import { Dialog } from '../../components/Dialog';
import { CsvButton } from '../../components/CsvButton';
import { Pager } from '../../components/Pager';
import { Badge, EmptyState, Loading } from '../../components/States';
import { useToast } from '../../components/Toast';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { usePaged } from '../../hooks/usePaged';
import { formatDate } from '../../lib/format';
import { MEMBERSHIP_LABEL, SIZE_BAND_LABEL } from '../../lib/labels';
import { MembershipForm } from '../organisation/MembershipForm';
import { ListError, ListSearch, NoMatches, ResultCount, countInWords, filterErrors, useUrlFilters, type FilterSpec } from './ListSearch';

const PAGE_SIZE = 25;
const FILTERS: FilterSpec<'q'> = { q: null };
const FILTER_KEYS = ['q'] as const;

export function StaffOrganisationsPage() {
  useDocumentTitle('All organisations');
  const { api, user } = useAuth();
  const isAdmin = user?.platform_role === 'administrator';
  const filters = useUrlFilters(FILTERS);
  const { q } = filters.values;
  const list = usePaged((cursor) => api.listOrganisations({ limit: PAGE_SIZE, cursor, q }), [api, q], filters.key);
  const searchRef = useRef<HTMLInputElement>(null);
  const clearFilters = () => {
    filters.clear();
    searchRef.current?.focus();
  };
  const refused = filterErrors(list.error, FILTER_KEYS);
  const items = list.status === 'error' ? null : list.data?.items ?? null;
  const [editing, setEditing] = useState<Organisation | null>(null);
  const toast = useToast();

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <p className="eyebrow">Platform staff</p>
          <h1>All organisations</h1>
          <p className="lead">
            Every organisation on this ValueMark.{' '}
            {isAdmin ? 'As an administrator you set each one’s membership status and dates.' : 'Assessors can read them all.'}
          </p>
        </div>
        <CsvButton
          title={`Organisations page ${list.pageNumber}`}
          label="Download this page as CSV"
          rows={list.data?.items ?? []}
          columns={[
            { header: 'Organisation', value: (o) => o.name },
            { header: 'Area', value: (o) => o.area },
            { header: 'Size', value: (o) => SIZE_BAND_LABEL[o.size_band] ?? o.size_band },
            { header: 'Sector', value: (o) => o.sector },
            { header: 'Membership', value: (o) => MEMBERSHIP_LABEL[o.membership.status] ?? o.membership.status },
            { header: 'Start', value: (o) => o.membership.start },
            { header: 'Expiry', value: (o) => o.membership.expiry },
          ]}
        />
      </div>
      <ListSearch
        label="Search organisations"
        searchId="organisations-q"
        searchLabel="Organisation name"
        searchHint="Any part of it, in any case"
        value={q}
        error={refused?.q}
        onSearch={(text, replace) => filters.set({ q: text }, { replace })}
        active={filters.active}
        onClear={filters.clear}
        inputRef={searchRef}
      />
      <ResultCount>
        {items
          ? countInWords({
              count: items.length,
              noun: ['organisation', 'organisations'],
              filtered: filters.active,
              pageNumber: list.pageNumber,
              pageSize: PAGE_SIZE,
              hasNext: list.hasNext,
            })
          : null}
      </ResultCount>
      {list.status === 'loading' && !list.data ? <Loading label="Loading organisations…" /> : null}
      {list.status === 'error' ? <ListError error={list.error} refused={refused !== null} onRetry={list.reload} onClear={clearFilters} /> : null}
      {items && items.length === 0 && list.pageNumber === 1 ? (
        filters.active ? (
          <NoMatches title={`No organisation’s name contains “${q}”`} onClear={clearFilters}>
            <p>Check the spelling, or search for a shorter part of the name.</p>
          </NoMatches>
        ) : (
          <EmptyState title="No organisations yet">
            <p>Organisations appear here as soon as someone creates one.</p>
          </EmptyState>
        )
      ) : null}
      {list.data && list.data.items.length > 0 ? (
        <div className="table-card">
          <table className="table table--stack">
            <caption className="visually-hidden">Organisations, page {list.pageNumber}</caption>
            <thead>
              <tr>
                <th scope="col">Organisation</th>
                <th scope="col">Size</th>
                <th scope="col">Sector</th>
                <th scope="col">Membership</th>
                <th scope="col">Expiry</th>
                {isAdmin ? (
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((o) => (
                <tr key={o.id}>
                  <th scope="row" data-label="Organisation">
                    <Link to={`/organisations/${encodeURIComponent(o.id)}`}>{o.name}</Link>
                    {o.area ? <span className="muted small block">{o.area}</span> : null}
                  </th>
                  <td data-label="Size">{SIZE_BAND_LABEL[o.size_band] ?? o.size_band}</td>
                  <td data-label="Sector">{o.sector || '—'}</td>
                  <td data-label="Membership">
                    <Badge tone={o.membership.status === 'active' ? 'success' : o.membership.status === 'lapsed' ? 'danger' : 'neutral'}>
                      {MEMBERSHIP_LABEL[o.membership.status] ?? o.membership.status}
                    </Badge>
                  </td>
                  <td data-label="Expiry">{formatDate(o.membership.expiry)}</td>
                  {isAdmin ? (
                    <td data-label="Actions" className="table__actions">
                      <button type="button" className="button button--secondary button--small" onClick={() => setEditing(o)}>
                        Membership<span className="visually-hidden"> of {o.name}</span>
                      </button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <Pager
        label="Organisation pages"
        pageNumber={list.pageNumber}
        hasNext={list.hasNext}
        hasPrevious={list.hasPrevious}
        onNext={list.next}
        onPrevious={list.previous}
      />
      <Dialog open={editing !== null} title={editing ? `Membership of ${editing.name}` : ''} onClose={() => setEditing(null)}>
        {editing ? (
          <MembershipForm
            idPrefix="staff-membership"
            initial={editing.membership}
            onCancel={() => setEditing(null)}
            onSubmit={async (membership) => {
              await api.setMembership(editing.id, editing.version, membership);
              const name = editing.name;
              setEditing(null);
              await list.reload();
              toast.notify(`Membership of ${name} saved`);
            }}
          />
        ) : null}
      </Dialog>
      {toast.element}
    </div>
  );
}
