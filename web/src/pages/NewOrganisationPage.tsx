import { Link, useNavigate } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { ProfileForm, emptyProfile } from './organisation/ProfileForm';

export function NewOrganisationPage() {
  useDocumentTitle('Create an organisation');
  const { api, refresh } = useAuth();
  const navigate = useNavigate();
  return (
    <div className="page page--narrow">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/">Your organisations</Link>
      </nav>
      <h1>Create an organisation</h1>
      <p className="lead">
        Tell us who you are. You become the organisation’s Social Value Lead, and can invite colleagues next.
      </p>
      <div className="card">
        <ProfileForm
          idPrefix="new-org"
          initial={emptyProfile()}
          submitLabel="Create organisation"
          busyLabel="Creating…"
          onSubmit={async (profile) => {
            const org = await api.createOrganisation(profile);
            await refresh();
            navigate(`/organisations/${encodeURIComponent(org.id)}`, { state: { created: true } });
          }}
          onCancel={() => navigate('/')}
        />
      </div>
    </div>
  );
}
