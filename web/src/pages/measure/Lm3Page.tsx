// The Local Multiplier 3 calculator (docs/methodology.md §4): income, then spend by
// category with the local shares; the server computes with the CLI's engine.
import './measure.css';
import { useMemo, useState, type FormEvent } from 'react';
import { ApiError } from '../../api';
import { createMeasureApi, type Lm3Input, type Lm3Result } from '../../api/measure';
import { useAuth } from '../../auth/AuthContext';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { money } from './charts';

type Row = { category: string; amount: string; local: string; respend: string };

export function Lm3Page() {
  const { api } = useAuth();
  const measure = useMemo(() => createMeasureApi(api.client), [api]);
  useDocumentTitle('LM3 calculator');
  const [income, setIncome] = useState('250000');
  const [rows, setRows] = useState<Row[]>([
    { category: 'Staff wages', amount: '120000', local: '85', respend: '45' },
    { category: 'Food suppliers', amount: '60000', local: '40', respend: '30' },
  ]);
  const [result, setResult] = useState<Lm3Result | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const input: Lm3Input = {
      income: Number(income),
      spend: rows.map((r) => ({
        category: r.category,
        amount: Number(r.amount),
        local_fraction: Number(r.local) / 100,
        respend_local_fraction: Number(r.respend) / 100,
      })),
    };
    setBusy(true);
    try {
      setResult(await measure.lm3(input));
      setError(null);
    } catch (err) {
      setResult(null);
      setError(err instanceof ApiError && err.fields.length > 0 ? err.fields.map((f) => `${f.field}: ${f.message}`).join('; ') : String(err instanceof Error ? err.message : err));
    } finally {
      setBusy(false);
    }
  };

  const set = (i: number, patch: Partial<Row>) => setRows(rows.map((r, j) => (i === j ? { ...r, ...patch } : r)));

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <p className="eyebrow">Measure</p>
          <h1>Local Multiplier 3</h1>
          <p className="page-head__meta">How much of your income stays in the local area, over three rounds of spending.</p>
        </div>
      </div>
      <form onSubmit={submit} className="panel" aria-label="LM3 figures">
        <label className="field">
          <span className="field__label">Income in the period (£)</span>
          <input className="input" inputMode="decimal" value={income} onChange={(e) => setIncome(e.target.value)} />
        </label>
        <div className="table-card">
          <table className="table">
            <caption className="visually-hidden">Spending by category</caption>
            <thead>
              <tr>
                <th scope="col">Category</th>
                <th scope="col">Amount (£)</th>
                <th scope="col">Spent locally %</th>
                <th scope="col">Re-spent locally %</th>
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
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="button-row">
          <button type="button" className="button button--secondary" onClick={() => setRows([...rows, { category: '', amount: '0', local: '0', respend: '0' }])}>
            Add category
          </button>
          <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy || undefined}>
            Calculate LM3
          </button>
        </div>
      </form>
      {error ? (
        <p className="alert alert--error" role="alert">
          {error}
        </p>
      ) : null}
      {result ? (
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
              <span className="summary__value">{money(result.round1)}</span>
            </li>
            <li className="summary__item">
              <span className="summary__label">Round 2 (spent locally)</span>
              <span className="summary__value">{money(result.round2)}</span>
            </li>
            <li className="summary__item">
              <span className="summary__label">Round 3 (re-spent locally)</span>
              <span className="summary__value">{money(result.round3)}</span>
            </li>
          </ul>
          {result.warnings.map((w) => (
            <p key={w} className="alert alert--warning">
              {w}
            </p>
          ))}
        </section>
      ) : null}
    </div>
  );
}
