// A survey's life on its page: a draft is previewed, then published (its
// link takes answers) or deleted; a published survey is closed, and a closed
// one reopened. Each step says what it does before it is taken.
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { ApiError } from '../../api';
import { ConfirmDialog } from '../../components/Dialog';
import { useApiSafe } from './api';
import type { Survey } from './types';

type Step = 'publish' | 'close' | 'reopen' | 'delete';

const ASK: Record<Step, { title: string; body: string; confirm: string; danger?: boolean }> = {
  publish: {
    title: 'Publish this survey?',
    body: 'Its link will take answers from anyone who has it, within its dates. Questions that have answers can then be reworded, but not removed or given another type.',
    confirm: 'Publish',
  },
  close: {
    title: 'Close this survey?',
    body: 'Its link will take no more answers, and tell anyone who opens it that the survey has closed. The answers received stay, and you can reopen it.',
    confirm: 'Close the survey',
  },
  reopen: { title: 'Reopen this survey?', body: 'Its link will take answers again, within its dates.', confirm: 'Reopen' },
  delete: {
    title: 'Delete this draft?',
    body: 'The draft and its link are deleted for good. Nobody has answered it: a survey that was published is closed instead, never deleted.',
    confirm: 'Delete the draft',
    danger: true,
  },
};

export function SurveyLifecycle({ survey, onChanged }: { survey: Survey; onChanged: (s: Survey) => void }) {
  const api = useApiSafe();
  const navigate = useNavigate();
  const [asking, setAsking] = useState<Step | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const at = `/surveys/${encodeURIComponent(survey.id)}`;

  async function take(step: Step) {
    setBusy(true);
    setError(null);
    try {
      if (step === 'delete') {
        await api.client.delete(at);
        navigate(`/organisations/${encodeURIComponent(survey.organisation_id)}/surveys`, { replace: true });
        return;
      }
      onChanged(await api.client.post<Survey>(`${at}/${step}`));
      setAsking(null);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  // The next wave: a draft with the same questions, opened at once to set its dates.
  async function duplicate() {
    setError(null);
    setBusy(true);
    try {
      const copy = await api.client.post<Survey>(`${at}/duplicate`, {});
      navigate(`/surveys/${encodeURIComponent(copy.id)}`);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  const ask = (step: Step) => {
    setError(null);
    setAsking(step);
  };
  const explain =
    survey.status === 'draft'
      ? 'A draft: only your team can see it, and its link takes no answers. Preview it as a respondent will see it, then publish it.'
      : survey.status === 'closed'
        ? 'Closed: its link takes no more answers. The answers received are kept.'
        : 'Published: anyone with its link can answer, within its dates and response limit.';
  return (
    <section className="card survey-life" aria-labelledby="life-title">
      <h2 id="life-title">Status</h2>
      <p>{explain}</p>
      <div className="button-row">
        <Link className="button button--secondary" to={`${at}/preview`}>
          Preview
        </Link>
        <Link className="button button--secondary" to={`${at}/edit`}>
          Change the questions
        </Link>
        {survey.status === 'draft' ? (
          <>
            <button type="button" className="button button--primary" onClick={() => ask('publish')}>
              Publish…
            </button>
            <button type="button" className="button button--danger" onClick={() => ask('delete')}>
              Delete the draft…
            </button>
          </>
        ) : survey.status === 'published' ? (
          <button type="button" className="button button--secondary" onClick={() => ask('close')}>
            Close the survey…
          </button>
        ) : (
          <button type="button" className="button button--primary" onClick={() => ask('reopen')}>
            Reopen…
          </button>
        )}
        <button type="button" className="button button--secondary" disabled={busy} onClick={() => void duplicate()}>
          Duplicate for the next wave
        </button>
      </div>
      {error && !asking ? (
        <p className="alert alert--error" role="alert">
          {error}
        </p>
      ) : null}
      {asking ? (
        <ConfirmDialog
          open
          title={ASK[asking].title}
          confirmLabel={ASK[asking].confirm}
          danger={ASK[asking].danger}
          busy={busy}
          error={error}
          onConfirm={() => void take(asking)}
          onCancel={() => setAsking(null)}
        >
          <p>{ASK[asking].body}</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
