// The conversation about one criterion between the allocated assessor and the
// organisation's representatives: the messages so far, oldest first, and the
// form to write the next one while the application is with the assessor.
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api';
import type { CriterionMessage } from '../../api';
import { TextAreaField } from '../../components/Field';
import { formatTime } from '../../lib/format';
import type { CriterionWords } from '../../lib/labels';

/** The longest message the server keeps (core kMaxMessageLength). */
export const MAX_MESSAGE_LENGTH = 4000;

export function CriterionConversation({
  criterionId,
  words,
  messages,
  canWrite,
  asAssessor,
  onSend,
}: {
  criterionId: string;
  words: CriterionWords;
  messages: CriterionMessage[];
  /** The allocated assessor or a representative, while the conversation is open. */
  canWrite: boolean;
  asAssessor: boolean;
  onSend: (body: string) => Promise<void>;
}) {
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  // The form opens on request, so that a page of criteria is not a page of empty boxes.
  const [writing, setWriting] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);
  // Opened by the person's own click: the cursor goes to the box they asked for.
  useEffect(() => {
    if (writing) field.current?.focus();
  }, [writing]);
  if (messages.length === 0 && !canWrite) return null;
  const id = `message-${criterionId}`;
  const tooLong = body.length > MAX_MESSAGE_LENGTH;
  return (
    <div className="conversation">
      {messages.length > 0 ? (
        <h4 className="conversation__title">Conversation with {asAssessor ? 'the organisation' : 'the assessor'}</h4>
      ) : null}
      {messages.length === 0 ? null : (
        <ol className="conversation__list" aria-label={`Messages about ${words.name}`}>
          {messages.map((m) => (
            <li key={m.id} className={`conversation__message conversation__message--${m.from}`}>
              <p className="conversation__meta">
                <strong>{m.author_name}</strong> {m.from === 'assessor' ? '(assessor)' : ''} · <time dateTime={m.at}>{formatTime(m.at)}</time>
              </p>
              <p className="conversation__body">{m.body}</p>
            </li>
          ))}
        </ol>
      )}
      {canWrite && !writing ? (
        <button type="button" className="link-button" aria-expanded={false} aria-controls={id} onClick={() => setWriting(true)}>
          {messages.length > 0 ? 'Reply' : asAssessor ? 'Ask the organisation a question' : 'Write to the assessor'}
          <span className="visually-hidden"> about {words.name}</span>
        </button>
      ) : null}
      {canWrite && writing ? (
        <form
          className="conversation__form"
          noValidate
          onSubmit={async (e) => {
            e.preventDefault();
            if (!body.trim()) {
              setError('Write the message first.');
              return;
            }
            if (tooLong) {
              setError(`Shorten the message to at most ${MAX_MESSAGE_LENGTH.toLocaleString('en-GB')} characters.`);
              return;
            }
            setBusy(true);
            setError(undefined);
            try {
              await onSend(body);
              setBody('');
              setWriting(false);
            } catch (err) {
              setError(err instanceof ApiError ? (err.fields[0]?.message ?? err.message) : 'The message was not sent: try again.');
            } finally {
              setBusy(false);
            }
          }}
        >
          <TextAreaField
            id={id}
            label={asAssessor ? `Ask the organisation about ${words.name}` : `Write to the assessor about ${words.name}`}
            hint={`${asAssessor ? 'The Lead and the Senior Leader are' : 'The assessor is'} emailed. ${body.length.toLocaleString('en-GB')} of ${MAX_MESSAGE_LENGTH.toLocaleString('en-GB')} characters.`}
            value={body}
            error={error}
            ref={field}
            onChange={(e) => setBody(e.target.value)}
          />
          <div className="button-row">
            <button type="submit" className="button button--secondary button--small" disabled={busy}>
              Send<span className="visually-hidden"> the message about {words.name}</span>
            </button>
            <button
              type="button"
              className="link-button"
              onClick={() => {
                setWriting(false);
                setError(undefined);
              }}
            >
              Cancel<span className="visually-hidden"> the message about {words.name}</span>
            </button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
