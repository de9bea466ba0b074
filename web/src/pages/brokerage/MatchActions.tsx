// The moves the signed-in person may make on a match, as buttons in their
// words; a move that asks for words first (a reason, the broker's note, how
// an enterprise off the platform said yes) opens its box under the buttons.
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '../../api';
import type { Match, MatchStage } from '../../api/brokerage';
import { TextAreaField } from '../../components/Field';
import { FormAlert, Notice } from '../../components/FormAlert';
import { useFormErrors } from '../../hooks/useFormErrors';
import { moveAction, type MoveAction } from '../../lib/brokerage';
import { asSentence } from '../../lib/format';
import { useBrokerage } from './parts';

const MOVE_FIELDS = ['reason', 'note', 'answered_for'] as const;

export function MatchActions({
  match,
  onMoved,
  onReload,
  compact = false,
}: {
  match: Match;
  onMoved: (m: Match, done: string) => void;
  onReload: () => void;
  /** Inside a list of matches: no panel and no heading of its own. */
  compact?: boolean;
}) {
  const brokerage = useBrokerage();
  const [open, setOpen] = useState<MoveAction | null>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState<MatchStage | null>(null);
  const [conflict, setConflict] = useState(false);
  const errors = useFormErrors(MOVE_FIELDS);
  const boxRef = useRef<HTMLTextAreaElement>(null);
  const actions = match.moves.map((s) => moveAction(s, match));

  const send = async (a: MoveAction, words: string) => {
    setBusy(a.stage);
    setConflict(false);
    errors.clear();
    try {
      const moved = await brokerage.moveMatch(match.id, {
        stage: a.stage as Exclude<MatchStage, 'shortlisted'>,
        version: match.version,
        ...(a.reason ? { reason: words.trim() } : {}),
        ...(a.note && words.trim() ? { note: words.trim() } : {}),
        ...(a.answeredFor ? { answered_for: words.trim() } : {}),
      });
      setOpen(null);
      setText('');
      onMoved(moved, doneWords(a));
    } catch (e) {
      if (e instanceof ApiError && e.field === 'version') setConflict(true);
      else if (e instanceof ApiError && e.field && (MOVE_FIELDS as readonly string[]).includes(e.field)) {
        errors.setFieldErrors({ [e.field]: asSentence(e.message) });
        window.setTimeout(() => boxRef.current?.focus(), 0);
      } else errors.fromError(e);
    } finally {
      setBusy(null);
    }
  };

  const start = (a: MoveAction) => {
    errors.clear();
    if (a.reason || a.note || a.answeredFor) {
      setOpen(a);
      setText('');
      window.setTimeout(() => boxRef.current?.focus(), 0);
    } else void send(a, '');
  };

  const submitBox = (e: FormEvent) => {
    e.preventDefault();
    if (!open) return;
    if (open.reason && [...text.trim()].length < 3) {
      errors.setFieldErrors({ reason: 'Say why, in a few words.' });
      boxRef.current?.focus();
      return;
    }
    if (open.answeredFor && [...text.trim()].length < 3) {
      errors.setFieldErrors({ answered_for: 'Say how the enterprise told you it accepts, such as “By phone to Sam Lee, 3 March”.' });
      boxRef.current?.focus();
      return;
    }
    void send(open, text);
  };

  if (actions.length === 0) return null;
  const field = open?.reason ? 'reason' : open?.answeredFor ? 'answered_for' : 'note';
  return (
    <Wrap compact={compact} name={match.candidate.name ?? 'the enterprise'}>
      <FormAlert message={errors.formError} title="That did not happen" />
      {conflict ? (
        <Notice tone="warning">
          Someone else moved this partnership on while you were reading it.{' '}
          <button type="button" className="link-button" onClick={onReload}>
            See where it is now
          </button>
          .
        </Notice>
      ) : null}
      {!open ? (
        <div className="match-actions__buttons">
          {actions.map((a) => (
            <button
              key={a.stage}
              type="button"
              className={`button button--${a.tone === 'danger' ? 'secondary button--danger-text' : a.tone}`}
              disabled={busy !== null}
              aria-busy={busy === a.stage || undefined}
              onClick={() => start(a)}
            >
              {busy === a.stage ? 'Saving…' : a.label}
            </button>
          ))}
        </div>
      ) : null}
      {!open
        ? actions
            .filter((a) => a.hint && !a.reason)
            .map((a) => (
              <p key={a.stage} className="muted small">
                {a.hint}
              </p>
            ))
        : null}
      {open ? (
        <form className="match-actions__box" onSubmit={submitBox} noValidate aria-label={open.label}>
          <TextAreaField
            ref={boxRef}
            id={`move-${match.id}-${field}`}
            label={open.reason ? 'Reason' : open.answeredFor ? 'How they said yes' : 'A note to the candidate (optional)'}
            hint={
              open.reason
                ? open.hint
                : open.answeredFor
                  ? open.hint
                  : 'Why you think this is a good fit: the candidate reads it with the proposal.'
            }
            rows={3}
            maxLength={2000}
            value={text}
            onChange={(e) => setText(e.target.value)}
            error={errors.fieldErrors[field]}
          />
          <div className="form-actions">
            <button type="submit" className={`button ${open.tone === 'danger' ? 'button--danger' : 'button--primary'}`} disabled={busy !== null}>
              {busy ? 'Saving…' : open.label}
            </button>
            <button
              type="button"
              className="button button--secondary"
              disabled={busy !== null}
              onClick={() => {
                setOpen(null);
                errors.clear();
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      ) : null}
    </Wrap>
  );
}

function Wrap({ compact, name, children }: { compact: boolean; name: string; children: ReactNode }) {
  if (compact) {
    return (
      <div className="match-actions match-actions--compact" role="group" aria-label={`What you can do with ${name}`}>
        {children}
      </div>
    );
  }
  return (
    <section className="panel match-actions" aria-labelledby="match-actions-title">
      <h2 id="match-actions-title">What you can do now</h2>
      {children}
    </section>
  );
}

function doneWords(a: MoveAction): string {
  switch (a.stage) {
    case 'proposed':
      return 'Proposed: the candidate is asked';
    case 'introduced':
      return 'Accepted: contact details are shared';
    case 'agreed':
      return 'Recorded: you have agreed to work together';
    case 'active':
      return 'Recorded: the work has started';
    case 'completed':
      return 'Marked as completed';
    case 'declined':
      return a.label === 'Decline'
        ? 'Declined: the broker is told'
        : a.label === 'Withdraw'
          ? 'Withdrawn from the partnership'
          : a.label === 'Set aside'
            ? 'Set aside'
            : 'Match closed';
    default:
      return 'Saved';
  }
}
