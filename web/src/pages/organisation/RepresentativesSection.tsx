import { useState, type FormEvent } from 'react';
import type { Member } from '../../api';
import { SelectField } from '../../components/Field';
import { FormAlert, Notice } from '../../components/FormAlert';
import { useFormErrors } from '../../hooks/useFormErrors';
import { useOrg } from './context';

const FIELDS = ['lead_user_id', 'senior_leader_user_id'] as const;

function Person({ title, member, roleName }: { title: string; member: Member | null; roleName: string }) {
  return (
    <div className="rep">
      <p className="rep__title">{title}</p>
      {member ? (
        <>
          <p className="rep__name">{member.name}</p>
          <p className="rep__email">{member.email}</p>
        </>
      ) : (
        <p className="rep__none">
          Not named yet. It must be a member with the {roleName} role.
        </p>
      )}
    </div>
  );
}

export function RepresentativesSection() {
  const { api, dashboard, canEdit, reload, notify, orgId } = useOrg();
  const reps = dashboard.representatives;
  const leads = dashboard.members.filter((m) => m.role === 'lead');
  const seniors = dashboard.members.filter((m) => m.role === 'senior_leader');
  const [editing, setEditing] = useState(false);
  const [lead, setLead] = useState('');
  const [senior, setSenior] = useState('');
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(FIELDS);

  const start = () => {
    setLead(reps.lead?.user_id ?? dashboard.organisation.representatives.lead_user_id ?? '');
    setSenior(reps.senior_leader?.user_id ?? dashboard.organisation.representatives.senior_leader_user_id ?? '');
    errors.clear();
    setEditing(true);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    errors.clear();
    setBusy(true);
    try {
      await api.setRepresentatives(orgId, { lead_user_id: lead || null, senior_leader_user_id: senior || null });
      setEditing(false);
      await reload();
      notify('Representatives saved');
    } catch (err) {
      errors.fromError(err);
    } finally {
      setBusy(false);
    }
  };

  const bothNamed = reps.lead && reps.senior_leader;
  return (
    <section className="panel" aria-labelledby="reps-title" id="representatives">
      <div className="panel__head">
        <h2 id="reps-title">Named representatives</h2>
        {canEdit && !editing ? (
          <button type="button" className="button button--secondary button--small" onClick={start}>
            Name representatives
          </button>
        ) : null}
      </div>
      <p className="muted">
        The Social Value Lead drives the pathway and submits applications; the Senior Leader provides governance. Both sign off
        evidence for the Social Value Management Certificate.
      </p>
      {editing ? (
        <form onSubmit={submit} noValidate>
          <FormAlert message={errors.formError} title="The representatives were not saved" />
          <div className="form-row">
            <SelectField
              id="rep-lead"
              label="Social Value Lead"
              hint="A member with the Lead role."
              value={lead}
              onChange={(e) => setLead(e.target.value)}
              error={errors.fieldErrors.lead_user_id}
            >
              <option value="">Not named</option>
              {leads.map((m) => (
                <option key={m.user_id} value={m.user_id}>
                  {m.name} ({m.email})
                </option>
              ))}
            </SelectField>
            <SelectField
              id="rep-senior"
              label="Social Value Senior Leader"
              hint={
                seniors.length === 0
                  ? 'No member has the Senior leader role yet: give one that role under People first.'
                  : 'A member with the Senior leader role.'
              }
              value={senior}
              onChange={(e) => setSenior(e.target.value)}
              error={errors.fieldErrors.senior_leader_user_id}
            >
              <option value="">Not named</option>
              {seniors.map((m) => (
                <option key={m.user_id} value={m.user_id}>
                  {m.name} ({m.email})
                </option>
              ))}
            </SelectField>
          </div>
          <div className="form-actions">
            <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy || undefined}>
              {busy ? 'Saving…' : 'Save representatives'}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setEditing(false)} disabled={busy}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <>
          <div className="reps">
            <Person title="Social Value Lead" member={reps.lead} roleName="Lead" />
            <Person title="Social Value Senior Leader" member={reps.senior_leader} roleName="Senior leader" />
          </div>
          {!bothNamed ? (
            <Notice tone="warning">Both representatives must be named before the organisation can apply for certification.</Notice>
          ) : null}
        </>
      )}
    </section>
  );
}
