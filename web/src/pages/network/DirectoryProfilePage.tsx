// The organisation's profile in the directory of social enterprises: its Lead
// writes it and chooses whether it is listed publicly; its other members
// read it.
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { DirectoryEntry } from '../../api';
import { useAuth } from '../../auth/AuthContext';
import { Notice } from '../../components/FormAlert';
import { Badge, ErrorState, Loading, NotFoundState } from '../../components/States';
import { useToast } from '../../components/Toast';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useLoad } from '../../hooks/useLoad';
import { draftFromEntry, emptyDraft, goalsOf, joinWords, peopleInWords, sdgWords, termName } from '../../lib/directory';
import { formatTime } from '../../lib/format';
import { SIZE_BAND_LABEL } from '../../lib/labels';
import { CertificateBadge } from './EntryFacts';
import { EntryForm } from './EntryForm';
import { useTaxonomy } from './useTaxonomy';
import './network.css';

function ProfileFacts({ entry }: { entry: DirectoryEntry }) {
  const taxonomy = useTaxonomy();
  const t = taxonomy.data;
  const goals = goalsOf(entry.themes, t);
  return (
    <dl className="facts facts--grid">
      <div>
        <dt>Name in the directory</dt>
        <dd>{entry.name}</dd>
      </div>
      <div>
        <dt>Legal form</dt>
        <dd>{termName(t?.legal_forms, entry.legal_form)}</dd>
      </div>
      <div className="facts__wide">
        <dt>What it does</dt>
        <dd>{entry.summary}</dd>
      </div>
      <div className="facts__wide">
        <dt>Outcome themes</dt>
        <dd>
          {entry.themes.map((c) => termName(t?.themes, c)).join('; ')}
          {goals.length > 0 ? <span className="muted small block">UN Sustainable Development {sdgWords(goals)}</span> : null}
        </dd>
      </div>
      <div>
        <dt>Areas served</dt>
        <dd>{entry.areas.length > 0 ? joinWords(entry.areas.map((a) => termName(t?.areas, a))) : <span className="muted">Not said</span>}</dd>
      </div>
      <div>
        <dt>Size</dt>
        <dd>
          {SIZE_BAND_LABEL[entry.size_band]}
          {entry.people ? `, ${peopleInWords(entry.people)}` : ''}
        </dd>
      </div>
      <div>
        <dt>Website</dt>
        <dd className="break">{entry.website || <span className="muted">Not given</span>}</dd>
      </div>
      <div>
        <dt>Contact for the broker</dt>
        <dd className="break">
          {entry.contact && (entry.contact.name || entry.contact.email) ? (
            <>
              {entry.contact.name}
              {entry.contact.email ? <span className="block">{entry.contact.email}</span> : null}
            </>
          ) : (
            <span className="muted">Not given</span>
          )}
        </dd>
      </div>
      <div className="facts__wide">
        <dt>Certificates shown</dt>
        <dd>
          {entry.certificates.length > 0 ? (
            <ul className="entry-awards">
              {entry.certificates.map((c) => (
                <li key={c.certificate_id}>
                  <CertificateBadge certificate={c} />
                </li>
              ))}
            </ul>
          ) : (
            <span className="muted">None yet: current awards appear here by themselves.</span>
          )}
        </dd>
      </div>
    </dl>
  );
}

export function DirectoryProfilePage() {
  const { id = '' } = useParams();
  const { api, organisations, user } = useAuth();
  const org = useLoad(() => api.getOrganisation(id), [api, id]);
  const profile = useLoad(() => api.getDirectoryProfile(id), [api, id]);
  const taxonomy = useTaxonomy();
  const [editing, setEditing] = useState(false);
  const toast = useToast();
  useDocumentTitle(org.data ? `Directory profile of ${org.data.name}` : 'Directory profile');

  const failed = org.status === 'error' ? org.error : profile.status === 'error' ? profile.error : taxonomy.status === 'error' ? taxonomy.error : null;
  if (failed && !(org.data && profile.data && taxonomy.data)) {
    if (failed.isNotFound) return <NotFoundState what="organisation" />;
    return (
      <div className="page">
        <ErrorState error={failed} onRetry={() => void Promise.all([org.reload(), profile.reload(), taxonomy.reload()])} />
      </div>
    );
  }
  if (!org.data || !profile.data || !taxonomy.data) return <Loading label="Loading the directory profile…" />;
  const entry = profile.data.entry;
  const role = organisations.find((o) => o.id === id)?.role;
  const canEdit = entry ? entry.may_edit : role === 'lead' || user?.platform_role === 'administrator';
  const orgPath = `/organisations/${encodeURIComponent(id)}`;

  return (
    <div className="page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/">Your organisations</Link> <span aria-hidden="true">›</span> <Link to={orgPath}>{org.data.name}</Link>
      </nav>
      <div className="page-head">
        <div>
          <p className="eyebrow">Network</p>
          <h1>Directory profile</h1>
          <p className="lead">
            How {org.data.name} appears in the public <Link to="/directory">directory of social enterprises</Link>, where others find partners
            by the outcomes they work for. Your current certificates appear on it by themselves.
          </p>
        </div>
      </div>
      <section className="panel" aria-labelledby="directory-profile-title">
        <div className="panel__head">
          <h2 id="directory-profile-title">
            {entry ? (
              <>
                Your profile{' '}
                {entry.listed ? <Badge tone="success">Listed in the directory</Badge> : <Badge tone="neutral">Not listed</Badge>}
              </>
            ) : (
              'No profile yet'
            )}
          </h2>
          {canEdit && entry && !editing ? (
            <button type="button" className="button button--secondary button--small" onClick={() => setEditing(true)}>
              Edit the profile
            </button>
          ) : null}
        </div>
        {entry && !editing ? (
          <>
            <ProfileFacts entry={entry} />
            <p className="muted small">
              Saved {formatTime(entry.updated_at)}.{' '}
              {entry.listed ? (
                <Link to={`/directory/${encodeURIComponent(entry.id)}`}>See it as others do</Link>
              ) : (
                'Only your members and the broker see it.'
              )}
            </p>
          </>
        ) : null}
        {!entry && !canEdit ? <p>Your Social Value Lead writes the organisation’s profile for the directory.</p> : null}
        {canEdit && (!entry || editing) ? (
          <>
            {!entry ? <p>Write your profile, then choose whether to list it. Nothing is public until you tick “List us in the public directory”.</p> : null}
            <EntryForm
              key={entry?.version ?? 0}
              taxonomy={taxonomy.data}
              initial={entry ? draftFromEntry(entry) : emptyDraft(org.data.name, false)}
              version={entry?.version}
              who="us"
              submitLabel="Save the profile"
              onSubmit={async (input) => {
                const saved = await api.saveDirectoryProfile(id, input);
                profile.setData({ entry: saved });
                setEditing(false);
                toast.notify(saved.listed ? 'Profile saved and listed in the directory' : 'Profile saved, not listed');
              }}
              onCancel={entry ? () => setEditing(false) : undefined}
              onReload={() => void profile.reload()}
            />
          </>
        ) : null}
      </section>
      {entry && !entry.listed && !editing && canEdit ? (
        <Notice tone="info">Your profile is not in the public directory. Edit it and tick “List us in the public directory” to list it.</Notice>
      ) : null}
      {toast.element}
    </div>
  );
}
