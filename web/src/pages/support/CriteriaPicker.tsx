// The criteria an entry helps with, chosen by their words: each scheme folds
// open to its levels, each level's criteria grouped by stage. Ticking a
// criterion ticks its scheme too (the caller's onChange does it).
import { useId, useState } from 'react';
import { FieldError, FieldHint } from '../../components/Field';
import type { CriterionGroup } from '../../lib/support';

export function CriteriaPicker({
  groups,
  value,
  onToggle,
  error,
  legend = 'Criteria it helps with (optional)',
  hint,
}: {
  groups: readonly CriterionGroup[];
  value: readonly string[];
  onToggle: (criterionId: string, on: boolean) => void;
  error?: string | null;
  legend?: string;
  hint?: string;
}) {
  const base = `cp${useId().replace(/:/g, '')}`;
  const hintId = `${base}-hint`;
  const errorId = error ? `${base}-error` : undefined;
  const chosenIn = (g: CriterionGroup) => g.levels.reduce((n, l) => n + l.stages.reduce((m, st) => m + st.criteria.filter((c) => value.includes(c.id)).length, 0), 0);
  // A scheme with a criterion chosen opens at first; the others stay folded.
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set(groups.filter((g) => chosenIn(g) > 0).map((g) => g.schemeId)));
  return (
    <fieldset className={['field', 'criteria-picker', error ? 'field--error' : ''].filter(Boolean).join(' ')} aria-describedby={[hintId, errorId].filter(Boolean).join(' ')}>
      <legend className="field__label">{legend}</legend>
      <FieldHint id={hintId}>
        {hint ?? 'Open a scheme to choose among its criteria. Ticking a criterion ticks its scheme too.'} {value.length === 0 ? 'None chosen yet.' : value.length === 1 ? '1 chosen.' : `${value.length} chosen.`}
      </FieldHint>
      <FieldError id={errorId} message={error} />
      {groups.map((g, gi) => {
        const n = chosenIn(g);
        return (
          <details
            key={g.schemeId}
            className="criteria-picker__scheme"
            open={open.has(g.schemeId)}
            onToggle={(e) => {
              const isOpen = (e.currentTarget as HTMLDetailsElement).open;
              setOpen((old) => {
                if (old.has(g.schemeId) === isOpen) return old;
                const next = new Set(old);
                if (isOpen) next.add(g.schemeId);
                else next.delete(g.schemeId);
                return next;
              });
            }}
          >
            <summary>
              {g.scheme} <span className="count">{n === 0 ? '' : `(${n} chosen)`}</span>
            </summary>
            {g.levels.map((l, li) => (
              <fieldset key={l.title} className="criteria-picker__level">
                <legend>{l.title}</legend>
                {l.stages.map((st, si) => {
                  const stageId = `${base}-${gi}-${li}-${si}`;
                  return (
                    <div key={st.name} className="criteria-picker__stage" role="group" aria-labelledby={stageId}>
                      <p id={stageId} className="criteria-picker__stage-name">
                        {st.name}
                      </p>
                      <ul className="criteria-picker__list">
                        {st.criteria.map((c, ci) => {
                          const id = `${stageId}-${ci}`;
                          return (
                            <li key={c.id} className="criteria-picker__item">
                              <input type="checkbox" id={id} checked={value.includes(c.id)} onChange={(e) => onToggle(c.id, e.target.checked)} />
                              <label htmlFor={id}>{c.text}</label>
                            </li>
                          );
                        })}
                      </ul>
                    </div>
                  );
                })}
              </fieldset>
            ))}
          </details>
        );
      })}
    </fieldset>
  );
}
