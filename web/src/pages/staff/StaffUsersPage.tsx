import { useRef, useState } from 'react';
import type { PlatformRole, User } from '../../api';
import { useAuth } from '../../auth/AuthContext';
import { CsvButton } from '../../components/CsvButton';
import { ConfirmDialog } from '../../components/Dialog';
import { SelectField } from '../../components/Field';
import { Pager } from '../../components/Pager';
import { Badge, EmptyState, Loading } from '../../components/States';
import { useToast } from '../../components/Toast';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { placeError } from '../../hooks/useFormErrors';
import { usePaged } from '../../hooks/usePaged';
import { formatDate } from '../../lib/format';
import { PLATFORM_ROLES, PLATFORM_ROLE_LABEL } from '../../lib/labels';
import { ListError, ListSearch, NoMatches, ResultCount, countInWords, filterErrors, useUrlFilters, type FilterSpec } from './ListSearch';

const PAGE_SIZE = 25;

type UserStatus = 'active' | 'deactivated';
const STATUSES: UserStatus[] = ['active', 'deactivated'];
const FILTERS: FilterSpec<'q' | 'role' | 'status'> = { q: null, role: PLATFORM_ROLES, status: STATUSES };
const FILTER_KEYS = ['q', 'role', 'status'] as const;
/** The role filter's choices, in the order the select offers them. */
const ROLE_CHOICES: [PlatformRole | '', string][] = [
  ['', 'Any role'],
  ['assessor', 'Assessors'],
  ['administrator', 'Administrators'],
  ['broker', 'Brokers'],
  ['none', 'No staff role'],
];
const STATUS_CHOICES: [UserStatus | '', string][] = [
  ['', 'Active or deactivated'],
  ['active', 'Active'],
  ['deactivated', 'Deactivated'],
];

function RoleCell({ u, onSaved }: { u: User; onSaved: (u: User) => void }) {
  const { api, user: me } = useAuth();
  const [role, setRole] = useState<PlatformRole>(u.platform_role);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = `platform-role-${u.id}`;
  return (
    <div className="inline-field inline-field--wrap">
      <label htmlFor={id} className="visually-hidden">
        Platform role of {u.name}
      </label>
      <select
        id={id}
        className="input select input--small"
        value={role}
        onChange={(e) => {
          setRole(e.target.value as PlatformRole);
          setError(null);
        }}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        {PLATFORM_ROLES.map((r) => (
          <option key={r} value={r}>
            {PLATFORM_ROLE_LABEL[r]}
          </option>
        ))}
      </select>
      {role !== u.platform_role ? (
        <button
          type="button"
          className="button button--primary button--small"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            setError(null);
            try {
              onSaved(await api.updateUser(u.id, role));
            } catch (e) {
              setError(placeError(e, []).message);
            } finally {
              setBusy(false);
            }
          }}
        >
          {busy ? 'Saving…' : <>Save<span className="visually-hidden"> role of {u.name}</span></>}
        </button>
      ) : null}
      {u.id === me?.id && role !== 'administrator' && role !== u.platform_role ? (
        <p className="field__hint">You are changing your own role: you will lose administrator access.</p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field__error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

// Deactivating ends the person's sessions at once and stops them signing in;
// it is asked first, and undone by reactivating.
function AccessCell({ u, onSaved }: { u: User; onSaved: (u: User) => void }) {
  const { api, user: me } = useAuth();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const active = !u.deactivated_at;
  const change = async () => {
    setBusy(true);
    setError(null);
    try {
      onSaved(await api.setUserActive(u.id, !active));
      setAsking(false);
    } catch (e) {
      setError(placeError(e, []).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="inline-field inline-field--wrap">
      {active ? <Badge tone="success">Active</Badge> : <Badge tone="warning">Deactivated {formatDate(u.deactivated_at)}</Badge>}
      {u.id === me?.id ? null : active ? (
        <button type="button" className="button button--secondary button--small" onClick={() => setAsking(true)}>
          Deactivate…<span className="visually-hidden"> {u.name}</span>
        </button>
      ) : (
        <button type="button" className="button button--secondary button--small" disabled={busy} onClick={() => void change()}>
          {busy ? 'Reactivating…' : <>Reactivate<span className="visually-hidden"> {u.name}</span></>}
        </button>
      )}
      {error && !asking ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
      <ConfirmDialog
        open={asking}
        title={`Deactivate ${u.name}?`}
        confirmLabel="Deactivate the account"
        danger
        busy={busy}
        error={error}
        onConfirm={() => void change()}
        onCancel={() => setAsking(false)}
      >
        <p>
          {u.name} ({u.email}) is signed out everywhere at once and can no longer sign in. Their organisations, records and the audit trail stay as they are. You can
          reactivate the account later.
        </p>
      </ConfirmDialog>
    </div>
  );
}

export function StaffUsersPage() {
  useDocumentTitle('Users');
  const { api, refresh, user: me } = useAuth();
  const filters = useUrlFilters(FILTERS);
  const { q, role, status } = filters.values;
  const list = usePaged(
    (cursor) =>
      api.listUsers({
        limit: PAGE_SIZE,
        cursor,
        q,
        role: (role || undefined) as PlatformRole | undefined,
        status: (status || undefined) as UserStatus | undefined,
      }),
    [api, q, role, status],
    filters.key,
  );
  const toast = useToast();
  const searchRef = useRef<HTMLInputElement>(null);
  const clearFilters = () => {
    filters.clear();
    searchRef.current?.focus();
  };
  const refused = filterErrors(list.error, FILTER_KEYS);
  const items = list.status === 'error' ? null : list.data?.items ?? null;

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <p className="eyebrow">Platform staff</p>
          <h1>Users</h1>
          <p className="lead">Everyone with a ValueMark account. Give assessors, administrators and brokers their platform role, or deactivate an account, here.</p>
        </div>
        <CsvButton
          title={`Users page ${list.pageNumber}`}
          label="Download this page as CSV"
          rows={list.data?.items ?? []}
          columns={[
            { header: 'Name', value: (u) => u.name },
            { header: 'Email', value: (u) => u.email },
            { header: 'Joined', value: (u) => u.created_at },
            { header: 'Platform role', value: (u) => PLATFORM_ROLE_LABEL[u.platform_role] ?? u.platform_role },
            { header: 'Deactivated on', value: (u) => (u.deactivated_at ? formatDate(u.deactivated_at) : '') },
          ]}
        />
      </div>
      <ListSearch
        label="Search users"
        searchId="users-q"
        searchLabel="Name or email"
        searchHint="Any part of it, in any case"
        value={q}
        error={refused?.q}
        onSearch={(text, replace) => filters.set({ q: text }, { replace })}
        active={filters.active}
        onClear={filters.clear}
        inputRef={searchRef}
      >
        <SelectField
          id="users-role"
          label="Platform role"
          value={role}
          error={refused?.role}
          onChange={(e) => filters.set({ role: e.target.value })}
          className="list-search__field"
        >
          {ROLE_CHOICES.map(([value, words]) => (
            <option key={value} value={value}>
              {words}
            </option>
          ))}
        </SelectField>
        <SelectField
          id="users-status"
          label="Access"
          value={status}
          error={refused?.status}
          onChange={(e) => filters.set({ status: e.target.value })}
          className="list-search__field"
        >
          {STATUS_CHOICES.map(([value, words]) => (
            <option key={value} value={value}>
              {words}
            </option>
          ))}
        </SelectField>
      </ListSearch>
      <ResultCount>
        {items
          ? countInWords({
              count: items.length,
              noun: ['user', 'users'],
              filtered: filters.active,
              pageNumber: list.pageNumber,
              pageSize: PAGE_SIZE,
              hasNext: list.hasNext,
            })
          : null}
      </ResultCount>
      {list.status === 'loading' && !list.data ? <Loading label="Loading users…" /> : null}
      {list.status === 'error' ? <ListError error={list.error} refused={refused !== null} onRetry={list.reload} onClear={clearFilters} /> : null}
      {items && items.length === 0 && list.pageNumber === 1 ? (
        filters.active ? (
          <NoMatches title="No users match these filters" onClear={clearFilters}>
            <p>Search for part of a name or an email address, or choose “Any role” and “Active or deactivated”.</p>
          </NoMatches>
        ) : (
          <EmptyState title="No users yet" />
        )
      ) : null}
      {list.data && list.data.items.length > 0 ? (
        <div className="table-card">
          <table className="table table--stack">
            <caption className="visually-hidden">Users, page {list.pageNumber}</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Joined</th>
                <th scope="col">Platform role</th>
                <th scope="col">Access</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((u) => (
                <tr key={`${u.id}:${u.platform_role}:${u.deactivated_at ?? ''}`}>
                  <th scope="row" data-label="Name">
                    {u.name}
                    {u.id === me?.id ? <span className="muted"> (you)</span> : null}
                  </th>
                  <td data-label="Email" className="break">
                    {u.email}
                  </td>
                  <td data-label="Joined">{formatDate(u.created_at)}</td>
                  <td data-label="Platform role">
                    <RoleCell
                      u={u}
                      onSaved={async (saved) => {
                        toast.notify(`${saved.name} is now: ${PLATFORM_ROLE_LABEL[saved.platform_role].toLowerCase()}`);
                        if (saved.id === me?.id) await refresh();
                        await list.reload();
                      }}
                    />
                  </td>
                  <td data-label="Access">
                    <AccessCell
                      u={u}
                      onSaved={async (saved) => {
                        toast.notify(saved.deactivated_at ? `${saved.name} is deactivated and signed out` : `${saved.name} can sign in again`);
                        await list.reload();
                      }}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <Pager
        label="User pages"
        pageNumber={list.pageNumber}
        hasNext={list.hasNext}
        hasPrevious={list.hasPrevious}
        onNext={list.next}
        onPrevious={list.previous}
      />
      {toast.element}
    </div>
  );
}
