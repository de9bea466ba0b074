// Every response readable: a paged table with every answer, free text
// included, filtered to those used or those excluded; and each response's
// own view, where the lead excludes it with a reason (having read it) or
// restores it.
import { useRef, useState } from 'react';
import { ApiError } from '../../api';
import { Dialog } from '../../components/Dialog';
import { Pager } from '../../components/Pager';
import { Badge, ErrorState, Loading } from '../../components/States';
import { usePaged } from '../../hooks/usePaged';
import { formatTime, formatTimeToTheSecond } from '../../lib/format';
import { useApiSafe } from './api';
import { answersInWords } from './responseText';
import type { Survey, SurveyResponse, SurveyResponseList } from './types';

const PAGE_SIZE = 25;
type Show = 'all' | 'used' | 'excluded';
const SHOW_LABELS: Record<Show, string> = { all: 'All responses', used: 'Used in the results', excluded: 'Excluded' };

function Status({ r }: { r: SurveyResponse }) {
  return r.excluded.excluded ? <Badge tone="warning">Excluded</Badge> : <Badge tone="success">Used</Badge>;
}

/** One response, every question with its answer; the lead excludes or restores it here. */
function ResponseView({
  survey,
  response,
  canExclude,
  onClose,
  onChanged,
}: {
  survey: Survey;
  response: SurveyResponse;
  canExclude: boolean;
  onClose: () => void;
  onChanged: (r: SurveyResponse) => void;
}) {
  const api = useApiSafe();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const reasonInput = useRef<HTMLInputElement>(null);
  const path = `/surveys/${encodeURIComponent(survey.id)}/responses/${encodeURIComponent(response.id)}/exclusion`;
  async function act() {
    if (!response.excluded.excluded && reason.trim() === '') {
      setError('Say why this response is left out of the results, for example “a test entry by a volunteer”.');
      reasonInput.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const next = response.excluded.excluded ? await api.client.delete<SurveyResponse>(path) : await api.client.put<SurveyResponse>(path, { reason: reason.trim() });
      onChanged(next);
      setReason('');
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }
  const received = formatTimeToTheSecond(response.submitted_at);
  return (
    <Dialog
      open
      title={`Response received ${received}`}
      onClose={onClose}
      footer={
        <button type="button" className="button button--secondary" onClick={onClose}>
          Close
        </button>
      }
    >
      <p>
        <Status r={response} /> {response.source === 'import' ? 'Imported from a file' : 'Answered online'}
        {response.respondent_code ? ` · respondent code ${response.respondent_code}` : ''}
      </p>
      {response.excluded.excluded ? (
        <p className="alert alert--warning">
          Left out of the results{response.excluded.at ? ` on ${formatTime(response.excluded.at)}` : ''}: {response.excluded.reason}
        </p>
      ) : null}
      <dl className="response-answers">
        {[...answersInWords(survey.questions, response.answers, survey.outcomes)].map(([id, words]) => (
          <div key={id} className="response-answers__item">
            <dt>{survey.questions.find((q) => q.id === id)?.text}</dt>
            <dd>{words}</dd>
          </div>
        ))}
      </dl>
      {canExclude ? (
        <div className="response-exclusion">
          {response.excluded.excluded ? null : (
            <label className="field">
              <span className="field__label">Why leave it out of the results?</span>
              <input
                ref={reasonInput}
                className={`input${error ? ' input--invalid' : ''}`}
                value={reason}
                maxLength={500}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? 'exclusion-error' : undefined}
                onChange={(e) => {
                  setReason(e.target.value);
                  setError(null);
                }}
              />
            </label>
          )}
          {error ? (
            <p id="exclusion-error" className="field__error" role="alert">
              {error}
            </p>
          ) : null}
          <button type="button" className="button button--secondary" disabled={busy} aria-busy={busy || undefined} onClick={() => void act()}>
            {response.excluded.excluded ? 'Use it in the results again' : 'Exclude from the results'}
          </button>
        </div>
      ) : null}
    </Dialog>
  );
}

export function ResponsesTable({ survey, canExclude, onChange }: { survey: Survey; canExclude: boolean; onChange: () => void }) {
  const [show, setShow] = useState<Show>('all');
  return (
    <div className="responses">
      <label className="field field--inline">
        <span className="field__label">Show</span>
        <select className="input" value={show} onChange={(e) => setShow(e.target.value as Show)}>
          {(Object.keys(SHOW_LABELS) as Show[]).map((k) => (
            <option key={k} value={k}>
              {SHOW_LABELS[k]}
            </option>
          ))}
        </select>
      </label>
      {/* Another choice starts again at its first page. */}
      <ResponsePages key={show} survey={survey} show={show} canExclude={canExclude} onChange={onChange} />
    </div>
  );
}

function ResponsePages({ survey, show, canExclude, onChange }: { survey: Survey; show: Show; canExclude: boolean; onChange: () => void }) {
  const api = useApiSafe();
  const list = usePaged(
    (cursor) =>
      api.client.get<SurveyResponseList>(`/surveys/${encodeURIComponent(survey.id)}/responses`, {
        query: { limit: PAGE_SIZE, show, ...(cursor ? { cursor } : {}) },
      }),
    [survey.id, survey.response_count, show],
  );
  const [open, setOpen] = useState<SurveyResponse | null>(null);
  const hasCodes = survey.respondent_codes !== 'off';
  const first = (list.pageNumber - 1) * PAGE_SIZE;

  return (
    <>
      {list.data && list.data.items.length > 0 ? (
        <p className="muted" aria-live="polite">
          Responses {first + 1} to {first + list.data.items.length}
          {show === 'all' ? ` of ${survey.response_count}` : ''}
        </p>
      ) : null}
      {list.status === 'loading' && !list.data ? <Loading label="Loading the responses…" /> : null}
      {list.error ? <ErrorState error={list.error} /> : null}
      {list.data && list.data.items.length === 0 ? (
        <p className="muted">
          {show === 'excluded'
            ? 'No response is excluded: every one counts in the results.'
            : show === 'used'
              ? 'No response is used in the results yet.'
              : 'No responses yet. Share the survey’s link, or import responses collected on paper.'}
        </p>
      ) : null}
      {list.data && list.data.items.length > 0 ? (
        <div className="table-card responses__scroll">
          <table className="table responses__table">
            <caption className="visually-hidden">Responses with every answer</caption>
            <thead>
              <tr>
                <th scope="col">Received</th>
                {hasCodes ? <th scope="col">Respondent code</th> : null}
                {survey.questions.map((q) => (
                  <th scope="col" key={q.id} title={q.text}>
                    {q.text.length > 60 ? `${q.text.slice(0, 59)}…` : q.text}
                  </th>
                ))}
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Open</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((r) => {
                const words = answersInWords(survey.questions, r.answers, survey.outcomes);
                return (
                <tr key={r.id} className={r.excluded.excluded ? 'survey-excluded' : undefined}>
                  <th scope="row">{formatTimeToTheSecond(r.submitted_at)}</th>
                  {hasCodes ? <td>{r.respondent_code || '—'}</td> : null}
                  {survey.questions.map((q) => (
                    <td key={q.id} className={q.type === 'text' ? 'responses__text' : undefined}>
                      {words.get(q.id)}
                    </td>
                  ))}
                  <td>
                    <Status r={r} />
                  </td>
                  <td>
                    <button type="button" className="button button--secondary button--small" onClick={() => setOpen(r)} aria-label={`Open the response received ${formatTimeToTheSecond(r.submitted_at)}`}>
                      Open
                    </button>
                  </td>
                </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      <Pager label="Pages of responses" pageNumber={list.pageNumber} hasPrevious={list.hasPrevious} hasNext={list.hasNext} onPrevious={list.previous} onNext={list.next} />
      {open ? (
        <ResponseView
          survey={survey}
          response={open}
          canExclude={canExclude}
          onClose={() => setOpen(null)}
          onChanged={(next) => {
            setOpen(next);
            void list.reload();
            onChange();
          }}
        />
      ) : null}
    </>
  );
}
