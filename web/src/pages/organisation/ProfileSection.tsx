import { useState } from 'react';
import { ApiError } from '../../api';
import { Notice } from '../../components/FormAlert';
import { SIZE_BAND_LABEL } from '../../lib/labels';
import { useOrg } from './context';
import { ProfileForm } from './ProfileForm';

export function ProfileSection() {
  const { api, dashboard, canEdit, reload, notify, orgId } = useOrg();
  const org = dashboard.organisation;
  const [editing, setEditing] = useState(false);
  const [conflict, setConflict] = useState(false);

  return (
    <section className="panel" aria-labelledby="profile-title" id="profile">
      <div className="panel__head">
        <h2 id="profile-title">Profile</h2>
        {canEdit && !editing ? (
          <button type="button" className="button button--secondary button--small" onClick={() => setEditing(true)}>
            Edit profile
          </button>
        ) : null}
      </div>
      {editing ? (
        <ProfileForm
          key={org.version}
          idPrefix="edit-org"
          initial={{
            name: org.name,
            legal_structure: org.legal_structure,
            sector: org.sector,
            size_band: org.size_band,
            area: org.area,
          }}
          submitLabel="Save profile"
          busyLabel="Saving…"
          extraError={
            conflict ? (
              <Notice tone="warning">
                Someone else saved this profile while you were editing it.{' '}
                <button
                  type="button"
                  className="link-button"
                  onClick={async () => {
                    setConflict(false);
                    await reload();
                  }}
                >
                  Load their version
                </button>{' '}
                and make your changes again.
              </Notice>
            ) : null
          }
          onSubmit={async (p) => {
            setConflict(false);
            const changed = Object.fromEntries(
              (Object.keys(p) as (keyof typeof p)[]).filter((k) => p[k] !== org[k]).map((k) => [k, p[k]]),
            );
            try {
              if (Object.keys(changed).length > 0) await api.updateOrganisation(orgId, { version: org.version, ...changed });
            } catch (e) {
              if (e instanceof ApiError && e.code === 'failed_precondition') setConflict(true);
              throw e;
            }
            setEditing(false);
            await reload();
            notify(Object.keys(changed).length > 0 ? 'Profile saved' : 'Nothing had changed');
          }}
          onCancel={() => {
            setConflict(false);
            setEditing(false);
          }}
        />
      ) : (
        <dl className="facts facts--grid">
          <div>
            <dt>Name</dt>
            <dd>{org.name}</dd>
          </div>
          <div>
            <dt>Legal structure</dt>
            <dd>{org.legal_structure || <span className="muted">Not given</span>}</dd>
          </div>
          <div>
            <dt>Sector</dt>
            <dd>{org.sector || <span className="muted">Not given</span>}</dd>
          </div>
          <div>
            <dt>Size band</dt>
            <dd>{SIZE_BAND_LABEL[org.size_band] ?? org.size_band}</dd>
          </div>
          <div>
            <dt>Area</dt>
            <dd>{org.area || <span className="muted">Not given</span>}</dd>
          </div>
        </dl>
      )}
    </section>
  );
}

