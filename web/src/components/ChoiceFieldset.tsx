import { useId, type ChangeEvent, type ReactNode } from 'react';
import { FieldError, FieldHint } from './Field';

export interface ChoiceOption<V extends string = string> {
  value: V;
  label: ReactNode;
  hint?: ReactNode;
}

/**
 * The fieldset of a set of radio buttons or checkboxes (RadioGroup,
 * CheckboxGroup): its legend, hint and error linked to the group, and each
 * option with its label and hint.
 */
export function ChoiceFieldset<V extends string>({
  type,
  legend,
  name,
  options,
  isChecked,
  onToggle,
  error,
  hint,
  className,
}: {
  type: 'radio' | 'checkbox';
  legend: ReactNode;
  name?: string;
  options: ChoiceOption<V>[];
  isChecked: (value: V) => boolean;
  onToggle: (value: V, checked: boolean) => void;
  error?: string | null;
  hint?: ReactNode;
  className?: string;
}) {
  const base = `${type === 'radio' ? 'rg' : 'cg'}${useId().replace(/:/g, '')}`;
  const hintId = hint ? `${base}-hint` : undefined;
  const errorId = error ? `${base}-error` : undefined;
  return (
    <fieldset
      className={['field', 'radio-group', className ?? '', error ? 'field--error' : ''].filter(Boolean).join(' ')}
      aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
    >
      <legend className="field__label">{legend}</legend>
      <FieldHint id={hintId}>{hint}</FieldHint>
      <FieldError id={errorId} message={error} />
      <div className="radio-group__options">
        {options.map((o, i) => {
          const id = `${base}-${i}`;
          return (
            <div className="radio" key={o.value}>
              <input
                type={type}
                id={id}
                name={name}
                value={o.value}
                checked={isChecked(o.value)}
                aria-invalid={type === 'checkbox' && error ? true : undefined}
                onChange={(e: ChangeEvent<HTMLInputElement>) => onToggle(o.value, e.target.checked)}
                aria-describedby={o.hint ? `${id}-hint` : undefined}
              />
              <span className="radio__text">
                <label htmlFor={id}>{o.label}</label>
                {o.hint ? (
                  <span id={`${id}-hint`} className="radio__hint">
                    {o.hint}
                  </span>
                ) : null}
              </span>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
