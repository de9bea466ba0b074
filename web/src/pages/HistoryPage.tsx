import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { Api, AuditEntry, Dashboard, Invitation } from '../api';
import { useAuth } from '../auth/AuthContext';
import { CsvButton } from '../components/CsvButton';
import { SelectField } from '../components/Field';
import { Badge, EmptyState, ErrorState, Loading, NotFoundState } from '../components/States';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useLoad } from '../hooks/useLoad';
import { describeAction, formatTime, humanise, shortHash } from '../lib/format';

interface History {
  dashboard: Dashboard;
  entries: AuditEntry[];
  invitations: Invitation[];
}

/** Merges audit entries, dropping repeats, newest first. */
export function mergeEntries(lists: AuditEntry[][]): AuditEntry[] {
  const seen = new Map<string, AuditEntry>();
  for (const list of lists) for (const e of list) seen.set(`${e.chain}#${e.seq}`, e);
  return [...seen.values()].sort((a, b) => (a.at === b.at ? (a.chain === b.chain ? b.seq - a.seq : 0) : a.at < b.at ? 1 : -1));
}

async function loadHistory(api: Api, id: string, canListInvitations: boolean): Promise<History> {
  const dashboard = await api.getDashboard(id);
  const own = await api.getAudit('organisation', id);
  let invitations = dashboard.invitations;
  if (canListInvitations) {
    invitations = await api
      .listInvitations(id, { limit: 200 })
      .then((p) => p.items)
      .catch(() => dashboard.invitations);
  }
  // docs/api.md gives the history per record. When the organisation's own
  // trail holds only its own entries, gather those of its members, scopes and
  // invitations too, so that the page tells the whole story.
  const lists = [own.items];
  if (own.items.every((e) => e.entity_type === 'organisation')) {
    const more = await Promise.allSettled([
      ...dashboard.members.map((m) => api.getAudit('member', `${id}:${m.user_id}`)),
      ...dashboard.scopes.map((s) => api.getAudit('scope', s.id)),
      ...invitations.map((i) => api.getAudit('invitation', i.id)),
    ]);
    for (const r of more) if (r.status === 'fulfilled') lists.push(r.value.items);
  }
  return { dashboard, entries: mergeEntries(lists), invitations };
}

const KIND_LABEL: Record<string, string> = {
  organisation: 'Organisation',
  member: 'Person',
  scope: 'Scope',
  invitation: 'Invitation',
  user: 'User',
};

function describeEntity(e: AuditEntry, h: History): string {
  const d = h.dashboard;
  switch (e.entity_type) {
    case 'organisation':
      return d.organisation.id === e.entity_id ? d.organisation.name : 'Organisation';
    case 'member': {
      const userId = e.entity_id.includes(':') ? e.entity_id.slice(e.entity_id.indexOf(':') + 1) : e.entity_id;
      const m = d.members.find((x) => x.user_id === userId);
      return m ? m.name : 'A former member';
    }
    case 'scope':
      return d.scopes.find((s) => s.id === e.entity_id)?.name ?? 'A deleted scope';
    case 'invitation': {
      const inv = h.invitations.find((i) => i.id === e.entity_id);
      return inv ? inv.email : 'An invitation';
    }
    default:
      // The badge names its kind; its id means nothing to people.
      return '';
  }
}

export function HistoryPage() {
  const { id = '' } = useParams();
  const { api, user } = useAuth();
  const isAdmin = user?.platform_role === 'administrator';
  const history = useLoad(() => loadHistory(api, id, true), [api, id]);
  const [filter, setFilter] = useState('all');
  const verify = useVerify(api);
  const name = history.data?.dashboard.organisation.name;
  useDocumentTitle(name ? `History of ${name}` : 'History');

  if (history.status === 'loading') return <Loading label="Loading the history…" />;
  if (history.status === 'error') {
    if (history.error.isNotFound) return <NotFoundState what="organisation" />;
    return <ErrorState error={history.error} onRetry={history.reload} />;
  }
  const h = history.data;
  const kinds = [...new Set(h.entries.map((e) => e.entity_type))];
  const shown = filter === 'all' ? h.entries : h.entries.filter((e) => e.entity_type === filter);

  return (
    <div className="page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/">Your organisations</Link>
        <span aria-hidden="true"> / </span>
        <Link to={`/organisations/${encodeURIComponent(id)}`}>{h.dashboard.organisation.name}</Link>
      </nav>
      <div className="page-head">
        <div>
          <p className="eyebrow">Audit trail</p>
          <h1>History of {h.dashboard.organisation.name}</h1>
          <p className="lead">
            Every change is written to an append-only log. Each entry carries a hash that chains it to the one before, so a change
            made behind the platform’s back shows.
          </p>
        </div>
      </div>

      <div className="toolbar">
        <SelectField id="history-filter" label="Show" value={filter} onChange={(e) => setFilter(e.target.value)} className="toolbar__field">
          <option value="all">All changes</option>
          {kinds.map((k) => (
            <option key={k} value={k}>
              {KIND_LABEL[k] ?? humanise(k)} changes
            </option>
          ))}
        </SelectField>
        <CsvButton
          title={`History of ${h.dashboard.organisation.name}`}
          rows={shown}
          columns={[
            { header: 'When', value: (e) => e.at },
            { header: 'Who', value: (e) => e.actor?.name ?? 'ValueMark' },
            { header: 'Action', value: (e) => describeAction(e.action) },
            { header: 'Kind', value: (e) => KIND_LABEL[e.entity_type] ?? humanise(e.entity_type) },
            { header: 'What', value: (e) => describeEntity(e, h) },
            { header: 'Sequence', value: (e) => e.seq },
            { header: 'Hash', value: (e) => e.hash },
          ]}
        />
        {isAdmin ? (
          <div className="toolbar__verify">
            <button type="button" className="button button--secondary" onClick={verify.run} disabled={verify.busy}>
              {verify.busy ? 'Verifying…' : 'Verify the whole log'}
            </button>
            <span role="status" className="small">
              {verify.result}
            </span>
          </div>
        ) : null}
      </div>

      {shown.length === 0 ? (
        <EmptyState title="No changes recorded yet">
          <p>Changes to the profile, people, invitations and scopes appear here with who made them and when.</p>
        </EmptyState>
      ) : (
        <ol className="timeline" aria-label="Changes, newest first">
          {shown.map((e) => (
            <li key={`${e.chain}#${e.seq}`} className="timeline__item">
              <div className="timeline__when">
                <time dateTime={e.at}>{formatTime(e.at)}</time>
              </div>
              <div className="timeline__what">
                <p className="timeline__action">
                  <strong>{e.actor?.name ?? 'ValueMark'}</strong> <span>{describeAction(e.action)}</span>
                </p>
                <p className="timeline__entity">
                  <Badge>{KIND_LABEL[e.entity_type] ?? humanise(e.entity_type)}</Badge> {describeEntity(e, h)}
                </p>
              </div>
              <div className="timeline__hash">
                <span className="visually-hidden">Hash </span>
                <code title={e.hash}>{shortHash(e.hash)}</code>
                <span className="muted small"> #{e.seq}</span>
              </div>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

function useVerify(api: Api) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState('');
  const run = async () => {
    setBusy(true);
    setResult('');
    try {
      const v = await api.verifyAudit();
      setResult(
        v.valid
          ? `The log is intact: ${v.entries} entries in ${v.chains} chains.`
          : `${v.problems.length} problem${v.problems.length === 1 ? '' : 's'} found: ${v.problems
              .slice(0, 3)
              .map((p) => `entry #${p.seq}: ${p.problem}`)
              .join('; ')}`,
      );
    } catch (e) {
      setResult(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return { busy, result, run };
}
