// The platform's own audit trail, for administrators: accounts and their
// roles, rounds, scheme versions, signing keys and the audit checkpoints,
// with what each update changed. An organisation's own trail is on its
// History page.
import { useState } from 'react';
import type { AuditEntry } from '../../api';
import { useAuth } from '../../auth/AuthContext';
import { AuditTimeline } from '../../components/AuditTimeline';
import { SelectField } from '../../components/Field';
import { Badge, EmptyState, ErrorState, Loading } from '../../components/States';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { ShowEarlier, useEarlierPages } from '../../hooks/useEarlierPages';
import { useLoad } from '../../hooks/useLoad';

const PAGE = 100;

const KIND_LABEL: Record<string, string> = {
  user: 'Account',
  round: 'Round',
  scheme: 'Scheme version',
  signing_key: 'Signing key',
  audit: 'Audit checkpoint',
};

function describe(e: AuditEntry) {
  const label = KIND_LABEL[e.entity_type] ?? 'Record';
  const name = e.entity_type === 'user' ? (e.entity_name ?? 'A removed account') : '';
  return (
    <>
      <Badge>{label}</Badge> {name}
    </>
  );
}

export function PlatformHistoryPage() {
  const { api } = useAuth();
  useDocumentTitle('Platform history');
  const [kind, setKind] = useState('');
  const first = useLoad(() => api.platformHistory({ kind, limit: PAGE }), [api, kind]);
  const earlier = useEarlierPages(kind, first.data?.next_cursor ?? null, (cursor) => api.platformHistory({ kind, cursor, limit: PAGE }));

  if (first.status === 'loading' && !first.data) return <Loading label="Loading the platform’s history…" />;
  if (first.status === 'error' && !first.data) return <ErrorState error={first.error} onRetry={first.reload} />;
  if (!first.data) return null;
  const shown = [...first.data.items, ...earlier.items];

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <p className="eyebrow">Staff · Audit trail</p>
          <h1>Platform history</h1>
          <p className="lead">
            What was done outside any one organisation: accounts and staff roles, rounds, scheme versions and signing keys. Each organisation’s
            own changes are on its History page.
          </p>
        </div>
      </div>
      <div className="toolbar">
        <SelectField id="platform-history-filter" label="Show" value={kind} onChange={(e) => setKind(e.target.value)} className="toolbar__field">
          <option value="">All changes</option>
          {Object.entries(KIND_LABEL).map(([k, label]) => (
            <option key={k} value={k}>
              {label} changes
            </option>
          ))}
        </SelectField>
      </div>
      {shown.length === 0 ? (
        <EmptyState title={kind ? 'Nothing of this kind yet' : 'No changes recorded yet'}>
          {kind ? (
            <p>
              <button type="button" className="link-button" onClick={() => setKind('')}>
                Show every change
              </button>
            </p>
          ) : null}
        </EmptyState>
      ) : (
        <AuditTimeline entries={shown} describe={describe} label="Platform changes, newest first" />
      )}
      <ShowEarlier pages={earlier} />
    </div>
  );
}
