// The public register of current awards, searchable by name, scheme, level
// and area, each with a link to its verification page.
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../api';
import { CsvButton } from '../components/CsvButton';
import { SelectField, TextField } from '../components/Field';
import { EmptyState, ErrorState, Loading } from '../components/States';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useLoad } from '../hooks/useLoad';
import { formatDate } from '../lib/format';
import { latestSchemes, schemeLabel } from '../lib/schemes';
import { CERTIFICATE_STATUS_LABEL, CertificateStatusBadge } from './certification/CertificateStatusBadge';

export function RegisterPage() {
  const [form, setForm] = useState({ name: '', scheme_id: '', level: '', area: '' });
  const [query, setQuery] = useState(form);
  const schemes = useLoad(() => api.listSchemes(), []);
  const list = useLoad(
    () =>
      api.register({
        name: query.name || undefined,
        scheme_id: query.scheme_id || undefined,
        level: query.level ? Number(query.level) : undefined,
        area: query.area || undefined,
      }),
    [query],
  );
  useDocumentTitle('Register of certified organisations');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setQuery(form);
  };
  return (
    <div className="page">
      <div className="page-head">
        <div>
          <p className="eyebrow">Public register</p>
          <h1>Register of certified organisations</h1>
          <p className="page-head__meta">Current awards only. Every certificate is signed and can be verified.</p>
        </div>
      </div>
      <form onSubmit={submit} className="panel" role="search" aria-label="Search the register">
        <div className="form-row">
          <TextField id="register-name" label="Organisation name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
          <SelectField id="register-scheme" label="Scheme" value={form.scheme_id} onChange={(e) => setForm({ ...form, scheme_id: e.target.value })}>
            <option value="">Any scheme</option>
            {latestSchemes(schemes.data?.items ?? []).map((s, _i, list) => (
              <option key={s.id} value={s.id}>
                {schemeLabel(s, list)}
              </option>
            ))}
          </SelectField>
          <SelectField id="register-level" label="Level" value={form.level} onChange={(e) => setForm({ ...form, level: e.target.value })}>
            <option value="">Any level</option>
            {[1, 2, 3, 4].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </SelectField>
          <TextField id="register-area" label="Area" value={form.area} onChange={(e) => setForm({ ...form, area: e.target.value })} />
        </div>
        <div className="form-actions">
          <button type="submit" className="button button--primary">
            Search
          </button>
        </div>
      </form>
      {list.status === 'loading' && !list.data ? <Loading label="Loading the register…" /> : null}
      {list.status === 'error' ? <ErrorState error={list.error} onRetry={list.reload} /> : null}
      {list.data && list.data.items.length === 0 ? <EmptyState title="No current award matches" /> : null}
      {list.data && list.data.items.length > 0 ? (
        <div className="table-card">
          <div className="button-row">
            <CsvButton
              title="Register of current awards"
              rows={list.data.items}
              columns={[
                { header: 'Organisation', value: (c) => c.organisation_name },
                { header: 'Area', value: (c) => c.area },
                { header: 'Scheme', value: (c) => c.scheme_name },
                { header: 'Level', value: (c) => c.level },
                { header: 'Level name', value: (c) => c.level_name },
                { header: 'Covering', value: (c) => c.scope },
                { header: 'Awarded on', value: (c) => c.awarded_on },
                { header: 'Valid until', value: (c) => c.expires_on },
                { header: 'Verification code', value: (c) => c.verification_code },
                { header: 'Status', value: (c) => CERTIFICATE_STATUS_LABEL[c.status ?? 'current'] },
                { header: 'Suspended on', value: (c) => (c.status_since ? formatDate(c.status_since) : '') },
              ]}
            />
          </div>
          <table className="table table--stack">
            <caption className="visually-hidden">Current awards</caption>
            <thead>
              <tr>
                <th scope="col">Organisation</th>
                <th scope="col">Award</th>
                <th scope="col">Covering</th>
                <th scope="col">Valid until</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((c) => (
                <tr key={c.id}>
                  <th scope="row" data-label="Organisation">
                    {c.organisation_name}
                    {c.area ? <span className="muted small block">{c.area}</span> : null}
                  </th>
                  <td data-label="Award">
                    <Link to={`/verify/${encodeURIComponent(c.verification_code)}`}>
                      {c.scheme_name}, level {c.level} ({c.level_name})
                    </Link>
                  </td>
                  <td data-label="Covering">{c.scope}</td>
                  <td data-label="Valid until">{formatDate(c.expires_on)}</td>
                  <td data-label="Status">
                    <CertificateStatusBadge status={c.status ?? 'current'} />
                    {c.status === 'suspended' && c.status_since ? <span className="muted small block">since {formatDate(c.status_since)}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
