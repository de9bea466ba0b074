// The value bank: an organisation's own financial proxies, each with its
// source, price year and currency. Search, add one, import a CSV, and correct
// one: a correction is a new version, and the earlier values stay readable.
import { useMemo, useState, type ChangeEvent, type FormEvent } from 'react';
import { ApiError } from '../../api';
import { createMeasureApi, type Proxy } from '../../api/measure';
import { useAuth } from '../../auth/AuthContext';
import { CsvButton } from '../../components/CsvButton';
import { Dialog } from '../../components/Dialog';
import { TextField, TextAreaField } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { EmptyState, ErrorState, Loading } from '../../components/States';
import { useFormErrors } from '../../hooks/useFormErrors';
import { useLoad } from '../../hooks/useLoad';
import { csvFileName, downloadFile, toCsv } from '../../lib/csv';
import { formatDate } from '../../lib/format';
import { formatMoney } from './format';

const FIELDS = ['name', 'value', 'unit', 'source', 'price_year', 'currency', 'description'] as const;
type ProxyField = (typeof FIELDS)[number];
type ProxyForm = Record<ProxyField, string>;

const EMPTY: ProxyForm = { name: '', value: '', unit: '', source: '', price_year: '', currency: 'GBP', description: '' };

function formOf(p: Proxy): ProxyForm {
  return {
    name: p.name,
    value: String(p.value),
    unit: p.unit,
    source: p.source,
    price_year: p.price_year === null ? '' : String(p.price_year),
    currency: p.currency,
    description: p.description,
  };
}

/** What a person typed, checked before it is sent: each problem in the field's own words. */
export function readProxyForm(form: ProxyForm): { body?: Omit<Proxy, 'id' | 'version' | 'updated_at' | 'updated_by'>; errors: Partial<ProxyForm> } {
  const errors: Partial<ProxyForm> = {};
  const valueText = form.value.trim().replace(/[£$€,\s]/g, '');
  const value = Number(valueText);
  if (valueText === '') errors.value = 'Enter the value of one unit, such as 480.';
  else if (!Number.isFinite(value)) errors.value = `Enter a number, such as 480 (not “${form.value.trim()}”).`;
  const yearText = form.price_year.trim();
  const year = Number(yearText);
  if (yearText !== '' && !/^\d{4}$/.test(yearText)) errors.price_year = 'Enter a year such as 2025, or leave it empty if not known.';
  const currency = form.currency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) errors.currency = 'Enter a three-letter currency code, such as GBP.';
  if (form.name.trim() === '') errors.name = 'Enter what the proxy values, such as “Regular volunteering”.';
  if (form.source.trim() === '') errors.source = 'Say where the value comes from, so that it can be checked.';
  if (Object.keys(errors).length > 0) return { errors };
  return {
    body: {
      name: form.name.trim(),
      value,
      unit: form.unit.trim(),
      source: form.source.trim(),
      description: form.description.trim(),
      price_year: yearText === '' ? null : year,
      currency,
    },
    errors,
  };
}

// The column headings of an importable CSV, as the importer reads them: they
// are in the blank CSV a person downloads, so the page need not spell them.
const CSV_HEADINGS = ['name', 'value', 'unit', 'source', 'description', 'price_year', 'currency'];

/** "Row 3, value: must be a number…" for the CSV import's "rows[3].value". */
export function describeImportError(field: string, message: string): string {
  const m = /^rows\[(\d+)\]\.(\w+)$/.exec(field);
  if (m) return `Row ${m[1]}, ${m[2].replace(/_/g, ' ')}: ${message}`;
  if (/^columns/.test(field)) return `Header: ${message}`;
  return message;
}

function ProxyFields({ form, setForm, errors }: { form: ProxyForm; setForm: (f: ProxyForm) => void; errors: Partial<ProxyForm> }) {
  const field = (k: ProxyField, label: string, extra: Record<string, unknown> = {}) => (
    <TextField label={label} value={form[k]} error={errors[k]} onChange={(e) => setForm({ ...form, [k]: e.target.value })} {...extra} />
  );
  return (
    <>
      <div className="form-row">
        {field('name', 'Name', { hint: 'What it values' })}
        {field('value', 'Value', { inputMode: 'decimal', hint: 'Of one unit' })}
        {field('unit', 'Unit', { hint: 'Such as “per person per year”' })}
      </div>
      <div className="form-row">
        {field('source', 'Source', { hint: 'Where the value comes from' })}
        {field('price_year', 'Price year', { inputMode: 'numeric', hint: 'The year of its prices' })}
        {field('currency', 'Currency', { hint: 'Three letters', maxLength: 3, autoCapitalize: 'characters' })}
      </div>
      <TextAreaField
        label="Description (optional)"
        value={form.description}
        error={errors.description}
        rows={2}
        onChange={(e) => setForm({ ...form, description: e.target.value })}
      />
    </>
  );
}

export function ValueBank({ orgId }: { orgId: string }) {
  const { api } = useAuth();
  const measure = useMemo(() => createMeasureApi(api.client), [api]);
  const [q, setQ] = useState('');
  const proxies = useLoad(() => measure.listProxies(orgId, q), [measure, orgId, q]);
  const [form, setForm] = useState<ProxyForm>(EMPTY);
  const add = useFormErrors(FIELDS);
  const [status, setStatus] = useState<string | null>(null);
  const [importErrors, setImportErrors] = useState<string[]>([]);
  const [editing, setEditing] = useState<Proxy | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setStatus(null);
    const read = readProxyForm(form);
    if (!read.body) {
      add.setFieldErrors(read.errors);
      add.setFormError(null);
      return;
    }
    try {
      await measure.addProxy(orgId, read.body);
      add.clear();
      setForm(EMPTY);
      setStatus(`“${read.body.name}” is in the value bank.`);
      proxies.reload();
    } catch (err) {
      add.fromError(err);
    }
  };

  const importCsv = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setStatus(null);
    setImportErrors([]);
    try {
      const added = await measure.importProxies(orgId, await file.text());
      setStatus(`${added.length} ${added.length === 1 ? 'proxy' : 'proxies'} imported from ${file.name}.`);
      proxies.reload();
    } catch (err) {
      if (err instanceof ApiError && err.fields.length > 0) setImportErrors(err.fields.map((f) => describeImportError(f.field, f.message)));
      else setImportErrors([err instanceof Error ? err.message : String(err)]);
    }
  };

  return (
    <section className="panel" aria-labelledby="bank-title">
      <div className="panel__head">
        <h2 id="bank-title">Value bank</h2>
        <p className="muted">Your own financial proxies. Every value needs a source. ValueMark ships no licensed value set.</p>
        <CsvButton
          title="Value bank"
          rows={proxies.data ?? []}
          columns={[
            { header: 'name', value: (p) => p.name },
            { header: 'value', value: (p) => p.value },
            { header: 'unit', value: (p) => p.unit },
            { header: 'source', value: (p) => p.source },
            { header: 'description', value: (p) => p.description },
            { header: 'price_year', value: (p) => p.price_year ?? '' },
            { header: 'currency', value: (p) => p.currency },
          ]}
        />
      </div>
      {status ? (
        <p className="alert alert--success" role="status">
          {status}
        </p>
      ) : null}
      <TextField label="Search" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
      {proxies.status === 'loading' && !proxies.data ? (
        <Loading label="Loading the value bank…" />
      ) : proxies.status === 'error' ? (
        <ErrorState error={proxies.error} onRetry={proxies.reload} />
      ) : proxies.data && proxies.data.length > 0 ? (
        <div className="table-card">
          <table className="table">
            <caption className="visually-hidden">Financial proxies</caption>
            <thead>
              <tr>
                <th scope="col">Proxy</th>
                <th scope="col" className="num">
                  Value
                </th>
                <th scope="col">Unit</th>
                <th scope="col">Prices of</th>
                <th scope="col">Source</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {proxies.data.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    {p.name}
                    {p.description ? <span className="muted small block">{p.description}</span> : null}
                  </th>
                  <td className="num">{formatMoney(p.value, p.currency)}</td>
                  <td>{p.unit}</td>
                  <td>{p.price_year ?? <span className="muted">not known</span>}</td>
                  <td>{p.source}</td>
                  <td>
                    <button type="button" className="button button--small button--secondary" onClick={() => setEditing(p)} aria-label={`Correct ${p.name}`}>
                      Correct
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <EmptyState title={q ? 'No proxies match' : 'The value bank is empty'}>
          Add a proxy below, or import a CSV: start from the blank one below, which has the column headings.
        </EmptyState>
      )}
      <label className="field">
        <span className="field__label">Import proxies from CSV (all rows or none)</span>
        <span className="field__hint">
          Start from the blank CSV, which has the column headings: name, value and source are needed; unit, description, price year and currency may
          follow.
        </span>
        <input className="input" type="file" accept=".csv,text/csv" onChange={importCsv} />
      </label>
      <p>
        <button type="button" className="button button--secondary button--small" onClick={() => downloadFile(csvFileName('Value bank, blank'), toCsv(CSV_HEADINGS, []))}>
          Download a blank CSV to fill in
        </button>
      </p>
      {importErrors.length > 0 ? (
        <div className="alert alert--error" role="alert">
          <p>Nothing was imported. Correct these and import the file again:</p>
          <ul>
            {importErrors.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <form onSubmit={submit} className="subpanel" aria-label="Add a proxy" noValidate>
        <h3>Add a proxy</h3>
        <FormAlert message={add.formError} />
        <ProxyFields form={form} setForm={setForm} errors={add.fieldErrors} />
        <button type="submit" className="button button--secondary">
          Add proxy
        </button>
      </form>
      {editing ? (
        <CorrectProxy
          orgId={orgId}
          proxy={editing}
          onClose={() => setEditing(null)}
          onSaved={(p) => {
            setEditing(null);
            setStatus(`“${p.name}” corrected: version ${p.version}. Maps that used it keep the value they copied.`);
            proxies.reload();
          }}
        />
      ) : null}
    </section>
  );
}

function CorrectProxy({ orgId, proxy, onClose, onSaved }: { orgId: string; proxy: Proxy; onClose: () => void; onSaved: (p: Proxy) => void }) {
  const { api } = useAuth();
  const measure = useMemo(() => createMeasureApi(api.client), [api]);
  const [form, setForm] = useState<ProxyForm>(() => formOf(proxy));
  const errors = useFormErrors(FIELDS);
  const [saving, setSaving] = useState(false);
  const versions = useLoad(() => measure.proxyVersions(orgId, proxy.id), [measure, orgId, proxy.id]);

  const save = async (e?: FormEvent) => {
    e?.preventDefault();
    const read = readProxyForm(form);
    if (!read.body) {
      errors.setFieldErrors(read.errors);
      errors.setFormError(null);
      return;
    }
    setSaving(true);
    try {
      onSaved(await measure.updateProxy(orgId, proxy.id, { ...read.body, version: proxy.version }));
    } catch (err) {
      errors.fromError(err);
    } finally {
      setSaving(false);
    }
  };

  const earlier = (versions.data ?? []).filter((v) => v.version < proxy.version);
  return (
    <Dialog
      open
      title={`Correct “${proxy.name}”`}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button button--secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="correct-proxy" className="button" disabled={saving}>
            {saving ? 'Saving…' : 'Save the correction'}
          </button>
        </>
      }
    >
      <form id="correct-proxy" onSubmit={save} noValidate>
        <FormAlert message={errors.formError} />
        <ProxyFields form={form} setForm={setForm} errors={errors.fieldErrors} />
      </form>
      <h3>Earlier versions</h3>
      {versions.status === 'loading' ? (
        <Loading label="Loading its versions…" />
      ) : earlier.length === 0 ? (
        <p className="muted">None: this is the value as first saved.</p>
      ) : (
        <ul className="plain-list">
          {earlier.map((v) => (
            <li key={v.version}>
              Version {v.version}, saved {formatDate(v.updated_at)}: {formatMoney(v.value, v.currency)}
              {v.unit ? ` ${v.unit}` : ''}
              {v.price_year ? ` at ${v.price_year} prices` : ''}, from {v.source}
            </li>
          ))}
        </ul>
      )}
    </Dialog>
  );
}
