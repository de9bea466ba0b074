import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { Api, AuditEntry, Dashboard, Invitation } from '../api';
import { useAuth } from '../auth/AuthContext';
import { CsvButton } from '../components/CsvButton';
import { SelectField } from '../components/Field';
import { Badge, EmptyState, ErrorState, Loading, NotFoundState } from '../components/States';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { ShowEarlier, useEarlierPages } from '../hooks/useEarlierPages';
import { useLoad } from '../hooks/useLoad';
import { AuditTimeline, describeChange } from '../components/AuditTimeline';
import { describeAction, humanise } from '../lib/format';

interface History {
  dashboard: Dashboard;
  entries: AuditEntry[];
  next: string | null;
  invitations: Invitation[];
}

/** Merges audit entries, dropping repeats, newest first. */
export function mergeEntries(lists: AuditEntry[][]): AuditEntry[] {
  const seen = new Map<string, AuditEntry>();
  for (const list of lists) for (const e of list) seen.set(`${e.chain}#${e.seq}`, e);
  return [...seen.values()].sort((a, b) => (a.at === b.at ? (a.chain === b.chain ? b.seq - a.seq : 0) : a.at < b.at ? 1 : -1));
}

const PAGE = 100;

// The organisation's whole trail comes from the server, narrowed there by kind
// and person (GET /organisations/{id}/history); the dashboard and the
// invitations name the records it mentions.
async function loadHistory(api: Api, id: string, kind: string, person: string): Promise<History> {
  const [dashboard, page] = await Promise.all([api.getDashboard(id), api.organisationHistory(id, { kind, actor_id: person, limit: PAGE })]);
  const invitations = await api
    .listInvitations(id, { limit: 200 })
    .then((p) => p.items)
    .catch(() => dashboard.invitations);
  return { dashboard, entries: page.items, next: page.next_cursor ?? null, invitations };
}

const KIND_LABEL: Record<string, string> = {
  organisation: 'Organisation',
  member: 'Person',
  scope: 'Scope',
  invitation: 'Invitation',
  impact_map: 'Impact map',
  proxy: 'Value bank',
  lm3: 'LM3 calculation',
  survey: 'Survey',
  survey_response: 'Survey response',
  self_assessment: 'Self-assessment',
  plan: 'Plan',
  pledge: 'Pledge',
  decision: 'Decision',
  application: 'Application',
  certificate: 'Certificate',
  membership_request: 'Membership request',
  invoice: 'Invoice',
  complaint: 'Complaint',
  appeal: 'Appeal',
  membership: 'Membership reminder',
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
      return m ? m.name : (e.entity_name ?? 'A former member');
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
  const [kind, setKind] = useState('');
  const [person, setPerson] = useState('');
  const history = useLoad(() => loadHistory(api, id, kind, person), [api, id, kind, person]);
  // Earlier pages, loaded on request and kept until a filter changes.
  const earlier = useEarlierPages(`${kind}|${person}`, history.data?.next ?? null, (cursor) =>
    api.organisationHistory(id, { kind, actor_id: person, cursor, limit: PAGE }),
  );
  const verify = useVerify(api);
  const name = history.data?.dashboard.organisation.name;
  useDocumentTitle(name ? `History of ${name}` : 'History');

  if (history.status === 'loading' && !history.data) return <Loading label="Loading the history…" />;
  if (history.status === 'error' && !history.data) {
    if (history.error.isNotFound) return <NotFoundState what="organisation" />;
    return <ErrorState error={history.error} onRetry={history.reload} />;
  }
  if (!history.data) return null;
  const h = history.data;
  const shown = mergeEntries([h.entries, earlier.items]);

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
        <SelectField id="history-filter" label="Show" value={kind} onChange={(e) => setKind(e.target.value)} className="toolbar__field">
          <option value="">All changes</option>
          {Object.entries(KIND_LABEL)
            .filter(([k]) => k !== 'user')
            .map(([k, label]) => (
              <option key={k} value={k}>
                {label} changes
              </option>
            ))}
        </SelectField>
        <SelectField id="history-person" label="By" value={person} onChange={(e) => setPerson(e.target.value)} className="toolbar__field">
          <option value="">Anyone</option>
          {h.dashboard.members.map((m) => (
            <option key={m.user_id} value={m.user_id}>
              {m.name}
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
            { header: 'Changes', value: (e) => (e.changes ?? []).map(describeChange).join('; ') },
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
        kind || person ? (
          <EmptyState title="Nothing matches these filters">
            <p>
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  setKind('');
                  setPerson('');
                }}
              >
                Show every change
              </button>
            </p>
          </EmptyState>
        ) : (
          <EmptyState title="No changes recorded yet">
            <p>Every change — the profile and people, maps and surveys, pledges and decisions, applications and awards — appears here with who made it and when.</p>
          </EmptyState>
        )
      ) : (
        <AuditTimeline
          entries={shown}
          label="Changes, newest first"
          describe={(e) => (
            <>
              <Badge>{KIND_LABEL[e.entity_type] ?? humanise(e.entity_type)}</Badge> {describeEntity(e, h)}
            </>
          )}
        />
      )}
      <ShowEarlier pages={earlier} />
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
