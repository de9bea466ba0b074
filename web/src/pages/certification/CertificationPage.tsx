// An organisation's certification pathway: its applications and, for the
// Social Value Lead, starting the next one with every eligibility reason shown.
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { Eligibility } from '../../api';
import { useAuth } from '../../auth/AuthContext';
import { CsvButton } from '../../components/CsvButton';
import { SelectField } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { Badge, EmptyState, ErrorState, Loading, NotFoundState } from '../../components/States';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useLoad } from '../../hooks/useLoad';
import { asSentence, formatDate, formatPrice } from '../../lib/format';
import { APPLICATION_STATE_LABEL, SIZE_BAND_LABEL, applicationStateTone, enumsInWords } from '../../lib/labels';
import { latestSchemes, schemeLabel, schemeSummary } from '../../lib/schemes';
import { schemePath } from '../schemes/SchemeCard';
import { PREPARATION_ANCHOR, PreparationCallPanel } from '../preparation/PreparationCallPanel';

export function EligibilityList({ eligibility, orgId }: { eligibility: Eligibility; orgId?: string }) {
  if (eligibility.eligible && (eligibility.incomplete ?? []).length === 0)
    return <p className="eligibility eligibility--ok">Eligible: nothing stands in the way.</p>;
  if (eligibility.eligible) return <p className="eligibility eligibility--ok">The organisation may apply for this level.</p>;
  return (
    <div className="eligibility">
      <p className="eligibility__title">Not eligible yet, because:</p>
      <ul>
        {eligibility.problems.map((p) => (
          <li key={p.code} data-code={p.code}>
            {p.code === 'preparation_call_not_held' ? asSentence(enumsInWords(p.message)) : enumsInWords(p.message)}
            {orgId && p.code.startsWith('membership_') ? (
              <>
                {' '}
                <Link to={`/organisations/${encodeURIComponent(orgId)}#membership`}>Request membership on the organisation’s page</Link>.
              </>
            ) : null}
            {orgId && p.code === 'preparation_call_not_held' ? (
              <>
                {' '}
                <Link to={`/organisations/${encodeURIComponent(orgId)}/certification#${PREPARATION_ANCHOR}`}>Book a preparation call</Link>.
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function CertificationPage() {
  const { id = '' } = useParams();
  const { api } = useAuth();
  const navigate = useNavigate();
  const data = useLoad(
    () => Promise.all([api.getDashboard(id), api.listSchemes(), api.listApplications(id)]),
    [api, id],
  );
  const [schemeId, setSchemeId] = useState('svmc');
  const [level, setLevel] = useState(1);
  const [scopeId, setScopeId] = useState('');
  const [eligibility, setEligibility] = useState<Eligibility | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useDocumentTitle(data.data ? `Certification · ${data.data[0].organisation.name}` : 'Certification');

  useEffect(() => {
    let live = true;
    setEligibility(null);
    api
      .checkEligibility(id, schemeId, level)
      .then((e) => live && setEligibility(e))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [api, id, schemeId, level, data.data]);

  if (data.status === 'loading' && !data.data) return <Loading label="Loading the certification pathway…" />;
  if (data.status === 'error' && !data.data) {
    if (data.error.isNotFound) return <NotFoundState what="organisation" />;
    return <ErrorState error={data.error} onRetry={data.reload} />;
  }
  if (!data.data) return null;
  const [dashboard, allSchemes, applications] = data.data;
  // Applications start on a scheme's newest version: one choice per scheme.
  const schemes = latestSchemes(allSchemes.items);
  const org = dashboard.organisation;
  const scheme = schemes.find((s) => s.id === schemeId) ?? schemes[0];
  const isLead = dashboard.my_role === 'lead';

  const start = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await api.createApplication(id, { scheme_id: schemeId, level, scope_id: scopeId || null });
      navigate(`/applications/${encodeURIComponent(created.id)}`);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to={`/organisations/${encodeURIComponent(id)}`}>{org.name}</Link>
      </nav>
      <div className="page-head">
        <div>
          <p className="eyebrow">Certification</p>
          <h1>{org.name}: certification</h1>
          <p className="page-head__meta">Levels are taken one at a time, in order; an award lasts two years.</p>
        </div>
      </div>

      <section className="panel" aria-labelledby="applications-title">
        <div className="panel__head">
          <h2 id="applications-title">Applications</h2>
        </div>
        {applications.items.length === 0 ? (
          <EmptyState title="No applications yet">
            <p>{isLead ? 'Start one below.' : 'The Social Value Lead starts applications.'}</p>
          </EmptyState>
        ) : (
          <div className="table-card">
            <div className="button-row">
              <CsvButton
                title="Certification applications"
                rows={applications.items}
                columns={[
                  { header: 'Scheme', value: (a) => a.scheme_name },
                  { header: 'Level', value: (a) => a.level },
                  { header: 'Level name', value: (a) => a.level_name },
                  { header: 'State', value: (a) => APPLICATION_STATE_LABEL[a.state] },
                  { header: 'Submitted', value: (a) => a.submitted_at },
                  { header: 'Results due', value: (a) => a.results_due },
                  { header: 'Awarded on', value: (a) => a.awarded_on },
                  { header: 'Expires', value: (a) => a.expires_on },
                ]}
              />
            </div>
            <table className="table table--stack">
              <caption className="visually-hidden">Applications</caption>
              <thead>
                <tr>
                  <th scope="col">Scheme and level</th>
                  <th scope="col">State</th>
                  <th scope="col">Results due</th>
                  <th scope="col">Expires</th>
                </tr>
              </thead>
              <tbody>
                {applications.items.map((a) => (
                  <tr key={a.id}>
                    <th scope="row" data-label="Scheme and level">
                      <Link to={`/applications/${encodeURIComponent(a.id)}`}>
                        {a.scheme_name} · level {a.level} ({a.level_name})
                      </Link>
                    </th>
                    <td data-label="State">
                      <Badge tone={applicationStateTone(a.state)}>{APPLICATION_STATE_LABEL[a.state]}</Badge>
                    </td>
                    <td data-label="Results due">{formatDate(a.results_due)}</td>
                    <td data-label="Expires">{formatDate(a.expires_on)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <PreparationCallPanel orgId={id} schemes={allSchemes.items} />

      {isLead ? (
        <section className="panel" aria-labelledby="start-title">
          <div className="panel__head">
            <h2 id="start-title">Start an application</h2>
          </div>
          <form onSubmit={start} noValidate>
            <FormAlert message={error} title="The application was not started" />
            <SelectField
              id="start-scheme"
              label="Scheme"
              aria-describedby="start-scheme-about"
              value={schemeId}
              onChange={(e) => {
                setSchemeId(e.target.value);
                setLevel(1);
              }}
            >
              {schemes.map((s) => (
                <option key={s.id} value={s.id}>
                  {schemeLabel(s, schemes)}, version {s.version}
                </option>
              ))}
            </SelectField>
            {scheme ? (
              <div className="scheme-choice" id="start-scheme-about">
                <p>{schemeSummary(scheme)}</p>
                <p>
                  <Link to={schemePath(scheme)}>
                    Read the criteria of every level<span className="visually-hidden"> of the {schemeLabel(scheme, schemes)}</span>
                  </Link>
                </p>
              </div>
            ) : null}
            <div className="form-row">
              <SelectField id="start-level" label="Level" value={level} onChange={(e) => setLevel(Number(e.target.value))}>
                {scheme?.levels.map((l) => (
                  <option key={l.number} value={l.number}>
                    {l.number}. {l.name}
                  </option>
                ))}
              </SelectField>
              <SelectField id="start-scope" label="Covering" value={scopeId} onChange={(e) => setScopeId(e.target.value)}>
                <option value="">The whole organisation</option>
                {dashboard.scopes.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </SelectField>
            </div>
            {eligibility ? <EligibilityList eligibility={eligibility} orgId={id} /> : null}
            {scheme ? (
              <p className="muted small">
                Fee for a {SIZE_BAND_LABEL[dashboard.organisation.size_band].toLowerCase()} organisation:{' '}
                {formatPrice(scheme.fees.per_level_or_renewal[org.size_band], scheme.fees.currency)} per level plus VAT at {scheme.fees.vat_percent} %.
              </p>
            ) : null}
            <div className="form-actions">
              <button
                type="submit"
                className="button button--primary"
                disabled={busy || (eligibility !== null && !eligibility.eligible)}
                aria-describedby={eligibility !== null && !eligibility.eligible ? 'start-why' : undefined}
              >
                {busy ? 'Starting…' : 'Start application'}
              </button>
              {eligibility !== null && !eligibility.eligible ? (
                <p id="start-why" className="muted small">
                  An application can be started once nothing above stands in the way, so that it can be submitted.
                </p>
              ) : null}
            </div>
          </form>
        </section>
      ) : null}
    </div>
  );
}
