import { useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { QUESTION_BANK, type BankQuestion } from './questionBank';
import { TYPE_LABELS } from './types';

/**
 * The question bank: each group with its source and licence, each question
 * with its type, added one at a time or a group at once. The dialog stays
 * open so that several can be added; it says what was added last.
 */
export function QuestionBankDialog({
  open,
  outcomeCount,
  onAdd,
  onClose,
}: {
  open: boolean;
  /** How many outcomes the survey has: a valuation question needs two. */
  outcomeCount: number;
  onAdd: (questions: BankQuestion[]) => number;
  onClose: () => void;
}) {
  const [added, setAdded] = useState('');
  const usable = (q: BankQuestion) => q.type !== 'valuation' || outcomeCount >= 2;
  const add = (questions: BankQuestion[]) => {
    const first = onAdd(questions);
    setAdded(
      questions.length === 1
        ? `Added as question ${first}: “${questions[0].text}”`
        : `Added ${questions.length} questions, from question ${first}.`,
    );
  };
  return (
    <Dialog
      open={open}
      title="Question bank"
      onClose={() => {
        setAdded('');
        onClose();
      }}
      footer={
        <button type="button" className="button button--primary" onClick={() => (setAdded(''), onClose())}>
          Done
        </button>
      }
    >
      <p className="field__hint">Added questions go to the end of the survey, where you can edit, move or remove them.</p>
      <p role="status" className="question-bank__added">
        {added}
      </p>
      {QUESTION_BANK.map((group) => (
        <section key={group.id} className="question-bank__group" aria-labelledby={`bank-${group.id}`}>
          <h3 id={`bank-${group.id}`}>{group.title}</h3>
          <p>{group.about}</p>
          {group.source ? <p className="field__hint">Source: {group.source}</p> : null}
          <ul className="question-bank__list">
            {group.questions.map((q) => (
              <li key={q.text}>
                <span>
                  {q.text} <span className="field__hint">({TYPE_LABELS[q.type]})</span>
                  {!usable(q) ? <span className="field__hint"> Needs two outcomes in the survey.</span> : null}
                </span>
                <button type="button" className="button button--secondary button--small" onClick={() => add([q])} disabled={!usable(q)} aria-label={`Add “${q.text}”`}>
                  Add
                </button>
              </li>
            ))}
          </ul>
          {group.questions.length > 1 ? (
            <button type="button" className="button button--quiet button--small" onClick={() => add(group.questions.filter(usable))}>
              Add all of “{group.title}”
            </button>
          ) : null}
        </section>
      ))}
    </Dialog>
  );
}
