import { useState, type FormEvent } from 'react';
import { ApiError, useApiSafe } from './api';
import { CsvButton } from '../../components/CsvButton';
import { CopyButton } from '../../components/CopyButton';
import type { Survey } from './types';

/** A respondent's own link: the survey's, with their code filled in. */
export function personalLink(publicUrl: string, code: string): string {
  return `${publicUrl}?code=${encodeURIComponent(code)}`;
}

const SHOWN = 50;

/**
 * Codes to hand out for a survey in waves: each person keeps one code (on a
 * card, or in a personal link) and gives it at baseline and at follow-up, so
 * their answers can be linked. The next wave's copy keeps the codes.
 */
export function RespondentCodes({ survey, onChanged }: { survey: Survey; onChanged: () => void }) {
  const api = useApiSafe();
  const [count, setCount] = useState('20');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [all, setAll] = useState(false);
  const codes = survey.issued_codes ?? [];

  if (survey.respondent_codes === 'off')
    return (
      <section className="card" aria-labelledby="codes-title">
        <h2 id="codes-title">Respondent codes</h2>
        <p>
          This survey is anonymous. To link each person’s answers at baseline and at follow-up, design the survey with respondent codes
          optional or required; its copy for the next wave then takes the same codes.
        </p>
      </section>
    );

  async function make(e: FormEvent) {
    e.preventDefault();
    const n = Number(count);
    if (!Number.isInteger(n) || n < 1 || n > 1000) {
      setError('Give a whole number of codes from 1 to 1,000.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.client.post<Survey>(`/surveys/${encodeURIComponent(survey.id)}/codes`, { count: n });
      onChanged();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  const rows = codes.map((code) => ({ code, link: personalLink(survey.public_url, code) }));
  const shown = all ? rows : rows.slice(0, SHOWN);
  return (
    <section className="card" aria-labelledby="codes-title">
      <h2 id="codes-title">Respondent codes</h2>
      <p>
        Give each person a code, on a card or as their own link, and ask them to use it at every wave: their baseline and follow-up answers
        are then linked by it. {survey.respondent_codes === 'required' ? 'A code is required to answer.' : 'A code is optional.'} Only codes
        made here are taken, typed in any case, with or without the dash. The copy for the next wave keeps these codes.
      </p>
      <form className="survey-row" onSubmit={(e) => void make(e)} noValidate>
        <label>
          How many new codes?
          <input
            className="input"
            type="number"
            min={1}
            max={1000}
            value={count}
            onChange={(e) => setCount(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'codes-error' : undefined}
          />
        </label>
        <button type="submit" className="button button--secondary" disabled={busy}>
          {busy ? 'Making codes…' : 'Make codes'}
        </button>
      </form>
      {error ? (
        <p id="codes-error" className="field__error" role="alert">
          {error}
        </p>
      ) : null}
      {codes.length === 0 ? (
        <p className="field__hint">No codes yet.</p>
      ) : (
        <>
          <p>
            {codes.length} {codes.length === 1 ? 'code' : 'codes'} given out.{' '}
            <CsvButton
              title={`Respondent codes of ${survey.title}`}
              columns={[
                { header: 'Code', value: (r: { code: string; link: string }) => r.code },
                { header: 'Personal link', value: (r: { code: string; link: string }) => r.link },
              ]}
              rows={rows}
              label="Download codes and links (CSV)"
            />
          </p>
          <div className="table-scroll">
            <table className="table">
              <caption className="visually-hidden">Respondent codes and their personal links</caption>
              <thead>
                <tr>
                  <th scope="col">Code</th>
                  <th scope="col">Personal link</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((r) => (
                  <tr key={r.code}>
                    <td className="respondent-code">{r.code}</td>
                    <td>
                      <span className="survey-link">{r.link}</span> <CopyButton text={r.link} label={`Copy the link of ${r.code}`} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {rows.length > SHOWN ? (
            <button type="button" className="button button--quiet button--small" onClick={() => setAll((a) => !a)}>
              {all ? `Show the first ${SHOWN}` : `Show all ${rows.length}`}
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}
