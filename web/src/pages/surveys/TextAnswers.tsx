// The answers to one free-text question, read in full and searched: the
// server filters (any case) and pages them; an excluded response is marked.
import { useEffect, useState } from 'react';
import { TextField } from '../../components/Field';
import { ErrorState, Loading } from '../../components/States';
import { useLoad } from '../../hooks/useLoad';
import { formatTimeToTheSecond } from '../../lib/format';
import { useApiSafe } from './api';
import type { TextAnswers as Answers } from './types';

const PAGE = 25;

/** `answered` is the results' count: when it changes (an import, an exclusion) the answers are read again. */
export function TextAnswers({ surveyId, questionId, questionText, answered }: { surveyId: string; questionId: string; questionText: string; answered: number }) {
  const api = useApiSafe();
  const [typed, setTyped] = useState('');
  const [query, setQuery] = useState('');
  const [more, setMore] = useState<Answers['items']>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  // The search follows the typing, a moment after it stops.
  useEffect(() => {
    const t = setTimeout(() => setQuery(typed.trim()), 250);
    return () => clearTimeout(t);
  }, [typed]);
  const path = `/surveys/${encodeURIComponent(surveyId)}/questions/${encodeURIComponent(questionId)}/answers`;
  const first = useLoad(async () => {
    const page = await api.client.get<Answers>(path, { query: { q: query || undefined, limit: PAGE } });
    setMore([]);
    setCursor(page.next_cursor);
    return page;
  }, [path, query, answered]);

  const showMore = async () => {
    if (!cursor) return;
    setLoadingMore(true);
    try {
      const page = await api.client.get<Answers>(path, { query: { q: query || undefined, limit: PAGE, cursor } });
      setMore((m) => [...m, ...page.items]);
      setCursor(page.next_cursor);
    } finally {
      setLoadingMore(false);
    }
  };

  const data = first.data;
  const items = data ? [...data.items, ...more] : [];
  const id = `answers-${questionId}`;
  return (
    <div className="text-answers">
      <TextField
        id={`${id}-q`}
        label={`Search the answers to “${questionText}”`}
        hideLabel
        type="search"
        placeholder="Search the answers"
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
      />
      {first.status === 'loading' && !data ? <Loading label="Loading the answers…" /> : null}
      {first.status === 'error' ? <ErrorState error={first.error} onRetry={first.reload} title="The answers could not be loaded" /> : null}
      <p className="field__hint" aria-live="polite">
        {data && query ? `${data.matching} of ${data.answered} answers contain “${query}”.` : data && data.answered === 0 ? 'Nobody has answered this question yet.' : ''}
      </p>
      {items.length > 0 ? (
        <ul className="text-answers__list">
          {items.map((a) => (
            <li key={a.response_id}>
              <blockquote className="quote">{a.text}</blockquote>
              <span className="muted small">
                {formatTimeToTheSecond(a.submitted_at)}
                {a.excluded ? ' · excluded from the results' : ''}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {cursor ? (
        <button type="button" className="button button--secondary button--small" onClick={() => void showMore()} disabled={loadingMore} aria-busy={loadingMore || undefined}>
          {loadingMore ? 'Loading…' : 'Show more answers'}
        </button>
      ) : null}
    </div>
  );
}
