// The Local Multiplier 3 calculator (docs/methodology.md §4): income, then spend by
// category with the local shares; the server computes with the CLI's engine.
// Within an organisation, calculations are saved with the period they cover,
// each save a version, so that a figure given as evidence can be traced.
import './measure.css';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api';
import { createMeasureApi, type Lm3Calculation, type Lm3Input, type Lm3Result } from '../../api/measure';
import { useAuth } from '../../auth/AuthContext';
import { TextField } from '../../components/Field';
import { EmptyState, ErrorState, Loading } from '../../components/States';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useLoad } from '../../hooks/useLoad';
import { formatDate } from '../../lib/format';
import { formatMoney } from './format';

type Row = { category: string; amount: string; local: string; respend: string };

const EXAMPLE_ROWS: Row[] = [
  { category: 'Staff wages', amount: '120000', local: '85', respend: '45' },
  { category: 'Food suppliers', amount: '60000', local: '40', respend: '30' },
];

const percentOf = (fraction: number) => String(Math.round(fraction * 10000) / 100);

/** The figures as typed, read into an LM3 file; each problem in words, by row. */
export function readLm3Form(income: string, rows: Row[]): { input?: Lm3Input; problems: string[] } {
  const problems: string[] = [];
  const money = (text: string) => Number(text.trim().replace(/[£$€,\s]/g, ''));
  const incomeValue = money(income);
  if (!Number.isFinite(incomeValue) || incomeValue <= 0) problems.push('Income: enter the income of the period, more than 0, such as 250000.');
  const spend = rows.map((r, i) => {
    const name = r.category.trim() || `Category ${i + 1}`;
    const amount = money(r.amount);
    const local = Number(r.local.trim().replace('%', ''));
    const respend = Number(r.respend.trim().replace('%', ''));
    if (r.category.trim() === '') problems.push(`Category ${i + 1}: give it a name, such as “Staff wages”.`);
    if (!Number.isFinite(amount) || amount < 0 || r.amount.trim() === '') problems.push(`${name}: the amount must be a number of pounds, 0 or more.`);
    if (!Number.isFinite(local) || local < 0 || local > 100 || r.local.trim() === '') problems.push(`${name}: spent locally is a percentage from 0 to 100.`);
    if (!Number.isFinite(respend) || respend < 0 || respend > 100 || r.respend.trim() === '') problems.push(`${name}: re-spent locally is a percentage from 0 to 100.`);
    return { category: r.category.trim(), amount, local_fraction: local / 100, respend_local_fraction: respend / 100 };
  });
  if (rows.length === 0) problems.push('Add at least one spending category.');
  return problems.length > 0 ? { problems } : { input: { income: incomeValue, spend }, problems };
}

/** "Category 2, spent locally: must be between 0 and 1" for the server's "spend[1].local_fraction". */
function describeLm3Field(field: string, message: string, rows: Row[]): string {
  const m = /^spend\[(\d+)\]\.(\w+)$/.exec(field);
  const words: Record<string, string> = { amount: 'amount', local_fraction: 'spent locally', respend_local_fraction: 're-spent locally', category: 'name' };
  if (m) return `${rows[Number(m[1])]?.category || `Category ${Number(m[1]) + 1}`}, ${words[m[2]] ?? m[2]}: ${message}`;
  return `${field.charAt(0).toUpperCase()}${field.slice(1)}: ${message}`;
}

export function Lm3Page() {
  const { id: orgId } = useParams();
  const [search, setSearch] = useSearchParams();
  const { api } = useAuth();
  const measure = useMemo(() => createMeasureApi(api.client), [api]);
  useDocumentTitle('LM3 calculator');
  const [name, setName] = useState('');
  const [area, setArea] = useState('');
  const [period, setPeriod] = useState('');
  const [income, setIncome] = useState('250000');
  const [rows, setRows] = useState<Row[]>(EXAMPLE_ROWS);
  const [result, setResult] = useState<Lm3Result | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState<Lm3Calculation | null>(null);
  const [nameError, setNameError] = useState<string | null>(null);
  const saved = useLoad(() => (orgId ? measure.listLm3(orgId) : Promise.resolve([] as Lm3Calculation[])), [measure, orgId]);
  const calculationId = search.get('calculation');
  const calculationVersion = search.get('version');

  // ?calculation=…&version=… (the evidence link) opens that saved calculation.
  useEffect(() => {
    if (!orgId || !calculationId) return;
    measure
      .getLm3(orgId, calculationId, calculationVersion ? Number(calculationVersion) : undefined)
      .then((c) => {
        setOpen(c);
        setName(c.name);
        setArea(c.area);
        setPeriod(c.period);
        setIncome(String(c.input.income));
        setRows(c.input.spend.map((s) => ({ category: s.category, amount: String(s.amount), local: percentOf(s.local_fraction), respend: percentOf(s.respend_local_fraction) })));
        setResult(c.result);
        setProblems([]);
      })
      .catch((e) => setProblems([e instanceof Error ? e.message : String(e)]));
  }, [measure, orgId, calculationId, calculationVersion]);

  const fail = (err: unknown) => {
    if (err instanceof ApiError && err.field === 'name') setNameError(err.message);
    else if (err instanceof ApiError && err.fields.length > 0) setProblems(err.fields.map((f) => describeLm3Field(f.field, f.message, rows)));
    else setProblems([err instanceof Error ? err.message : String(err)]);
  };

  const calculate = async (e: FormEvent) => {
    e.preventDefault();
    setStatus(null);
    const read = readLm3Form(income, rows);
    setProblems(read.problems);
    if (!read.input) return;
    setBusy(true);
    try {
      setResult(await measure.lm3(read.input));
    } catch (err) {
      setResult(null);
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  const save = async () => {
    if (!orgId) return;
    setStatus(null);
    setNameError(null);
    const read = readLm3Form(income, rows);
    setProblems(read.problems);
    if (name.trim() === '') setNameError('Give the calculation a name to find it by, such as “LM3 2025–26”.');
    if (!read.input || name.trim() === '') return;
    const latest = open ? (saved.data ?? []).find((c) => c.id === open.id) : undefined;
    setBusy(true);
    try {
      const c = await measure.saveLm3(orgId, { ...read.input, name: name.trim(), area: area.trim(), period: period.trim(), version: latest?.version ?? open?.version }, open?.id);
      setOpen(c);
      setResult(c.result);
      setStatus(c.version === 1 ? `Saved “${c.name}”.` : `Saved “${c.name}” as version ${c.version}; the earlier versions stay in its history.`);
      setSearch({ calculation: c.id }, { replace: true });
      saved.reload();
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  const startNew = () => {
    setOpen(null);
    setName('');
    setArea('');
    setPeriod('');
    setResult(null);
    setStatus(null);
    setProblems([]);
    setSearch({}, { replace: true });
  };

  const set = (i: number, patch: Partial<Row>) => setRows(rows.map((r, j) => (i === j ? { ...r, ...patch } : r)));

  return (
    <div className="page">
      {orgId ? (
        <nav aria-label="Breadcrumb" className="breadcrumb">
          <Link to={`/organisations/${encodeURIComponent(orgId)}`}>Organisation</Link>
        </nav>
      ) : null}
      <div className="page-head">
        <div>
          <p className="eyebrow">Measure</p>
          <h1>Local Multiplier 3</h1>
          <p className="page-head__meta">How much of your income stays in the local area, over three rounds of spending.</p>
        </div>
      </div>
      {orgId ? <SavedCalculations orgId={orgId} saved={saved} openId={open?.id} onNew={startNew} /> : null}
      <form onSubmit={calculate} className="panel" aria-label="LM3 figures" noValidate>
        {open ? (
          <p className="muted">
            {calculationVersion && Number(calculationVersion) !== (saved.data ?? []).find((c) => c.id === open.id)?.version
              ? `Version ${open.version} of “${open.name}”, as it was saved on ${formatDate(open.updated_at)}. Saving makes a new version.`
              : `Changing “${open.name}”: saving makes version ${open.version + 1}.`}
          </p>
        ) : null}
        {orgId ? (
          <div className="form-row">
            <TextField label="Name" value={name} error={nameError} onChange={(e) => setName(e.target.value)} hint="To find it by, such as “LM3 2025–26”" />
            <TextField label="Period" value={period} onChange={(e) => setPeriod(e.target.value)} hint="Such as “April 2025 to March 2026”" />
            <TextField label="Local area" value={area} onChange={(e) => setArea(e.target.value)} hint="What counts as local" />
          </div>
        ) : null}
        <TextField label="Income in the period (£)" inputMode="decimal" value={income} onChange={(e) => setIncome(e.target.value)} />
        <div className="table-card">
          <table className="table">
            <caption className="visually-hidden">Spending by category</caption>
            <thead>
              <tr>
                <th scope="col">Category</th>
                <th scope="col">Amount (£)</th>
                <th scope="col">Spent locally %</th>
                <th scope="col">Re-spent locally %</th>
                <th scope="col">
                  <span className="visually-hidden">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={i}>
                  <td>
                    <input className="input" aria-label={`Category ${i + 1}`} value={r.category} onChange={(e) => set(i, { category: e.target.value })} />
                  </td>
                  <td>
                    <input className="input" aria-label={`Amount, category ${i + 1}`} inputMode="decimal" value={r.amount} onChange={(e) => set(i, { amount: e.target.value })} />
                  </td>
                  <td>
                    <input className="input" aria-label={`Spent locally per cent, category ${i + 1}`} inputMode="decimal" value={r.local} onChange={(e) => set(i, { local: e.target.value })} />
                  </td>
                  <td>
                    <input className="input" aria-label={`Re-spent locally per cent, category ${i + 1}`} inputMode="decimal" value={r.respend} onChange={(e) => set(i, { respend: e.target.value })} />
                  </td>
                  <td>
                    <button type="button" className="button button--small button--secondary" aria-label={`Remove category ${i + 1}`} onClick={() => setRows(rows.filter((_, j) => j !== i))}>
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {problems.length > 0 ? (
          <div className="alert alert--error" role="alert">
            <p>Correct these first:</p>
            <ul>
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </div>
        ) : null}
        <div className="button-row">
          <button type="button" className="button button--secondary" onClick={() => setRows([...rows, { category: '', amount: '0', local: '0', respend: '0' }])}>
            Add category
          </button>
          <button type="submit" className="button button--secondary" disabled={busy} aria-busy={busy || undefined}>
            Calculate LM3
          </button>
          {orgId ? (
            <button type="button" className="button button--primary" disabled={busy} onClick={save}>
              {open ? 'Save as a new version' : 'Save the calculation'}
            </button>
          ) : null}
        </div>
        {status ? (
          <p className="alert alert--success" role="status">
            {status}
          </p>
        ) : null}
      </form>
      {result ? <Lm3Figures result={result} /> : null}
      {orgId && open ? <Lm3History orgId={orgId} calculation={open} /> : null}
    </div>
  );
}

function Lm3Figures({ result }: { result: Lm3Result }) {
  return (
    <section className="panel" aria-labelledby="lm3-result" aria-live="polite">
      <h2 id="lm3-result">Result</h2>
      <ul className="summary">
        <li className="summary__item">
          <span className="summary__label">LM3</span>
          <span className="summary__value summary__number" data-testid="lm3">
            {result.lm3.toFixed(2)}
          </span>
        </li>
        <li className="summary__item">
          <span className="summary__label">Round 1 (income)</span>
          <span className="summary__value">{formatMoney(result.round1)}</span>
        </li>
        <li className="summary__item">
          <span className="summary__label">Round 2 (spent locally)</span>
          <span className="summary__value">{formatMoney(result.round2)}</span>
        </li>
        <li className="summary__item">
          <span className="summary__label">Round 3 (re-spent locally)</span>
          <span className="summary__value">{formatMoney(result.round3)}</span>
        </li>
      </ul>
      {result.warnings.map((w) => (
        <p key={w} className="alert alert--warning">
          {w}
        </p>
      ))}
    </section>
  );
}

function SavedCalculations({
  orgId,
  saved,
  openId,
  onNew,
}: {
  orgId: string;
  saved: ReturnType<typeof useLoad<Lm3Calculation[]>>;
  openId?: string;
  onNew: () => void;
}) {
  const base = `/organisations/${encodeURIComponent(orgId)}/lm3`;
  return (
    <section className="panel" aria-labelledby="lm3-saved">
      <div className="panel__head">
        <h2 id="lm3-saved">Saved calculations</h2>
        {openId ? (
          <button type="button" className="button button--secondary button--small" onClick={onNew}>
            Start a new calculation
          </button>
        ) : null}
      </div>
      {saved.status === 'loading' && !saved.data ? (
        <Loading label="Loading the saved calculations…" />
      ) : saved.status === 'error' ? (
        <ErrorState error={saved.error} onRetry={saved.reload} />
      ) : (saved.data ?? []).length === 0 ? (
        <EmptyState title="No calculations saved yet">Fill in the figures below and save them: each save is kept, so that a figure given as evidence can be traced.</EmptyState>
      ) : (
        <div className="table-card">
          <table className="table">
            <caption className="visually-hidden">Saved LM3 calculations</caption>
            <thead>
              <tr>
                <th scope="col">Calculation</th>
                <th scope="col">Period</th>
                <th scope="col" className="num">
                  LM3
                </th>
                <th scope="col">Saved</th>
              </tr>
            </thead>
            <tbody>
              {(saved.data ?? []).map((c) => (
                <tr key={c.id} aria-current={c.id === openId ? 'true' : undefined}>
                  <th scope="row">
                    <Link to={`${base}?calculation=${encodeURIComponent(c.id)}`}>{c.name}</Link>
                  </th>
                  <td>{c.period || <span className="muted">not given</span>}</td>
                  <td className="num">{c.lm3.toFixed(2)}</td>
                  <td>
                    {formatDate(c.updated_at)}, version {c.version}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Lm3History({ orgId, calculation }: { orgId: string; calculation: Lm3Calculation }) {
  const { api } = useAuth();
  const measure = useMemo(() => createMeasureApi(api.client), [api]);
  const versions = useLoad(() => measure.lm3Versions(orgId, calculation.id), [measure, orgId, calculation.id, calculation.version]);
  const base = `/organisations/${encodeURIComponent(orgId)}/lm3?calculation=${encodeURIComponent(calculation.id)}`;
  return (
    <section className="panel" aria-labelledby="lm3-history">
      <h2 id="lm3-history">History of “{calculation.name}”</h2>
      {versions.status === 'loading' && !versions.data ? (
        <Loading label="Loading its versions…" />
      ) : versions.status === 'error' ? (
        <ErrorState error={versions.error} onRetry={versions.reload} />
      ) : (
        <ol className="plain-list">
          {(versions.data ?? []).map((v) => (
            <li key={v.version}>
              <Link to={`${base}&version=${v.version}`}>Version {v.version}</Link>, saved {formatDate(v.updated_at)}: LM3 {v.lm3.toFixed(2)} on an income of{' '}
              {formatMoney(v.input.income)}
              {v.period ? ` (${v.period})` : ''}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
