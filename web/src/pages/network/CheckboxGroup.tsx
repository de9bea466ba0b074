import { useId, type ReactNode } from 'react';

export interface CheckboxOption {
  value: string;
  label: ReactNode;
  hint?: ReactNode;
}

/**
 * A set of checkboxes in a fieldset, with its error linked to the group
 * (as RadioGroup does for one choice).
 */
export function CheckboxGroup({
  legend,
  options,
  values,
  onChange,
  error,
  hint,
  columns,
}: {
  legend: ReactNode;
  options: CheckboxOption[];
  values: readonly string[];
  onChange: (values: string[]) => void;
  error?: string | null;
  hint?: ReactNode;
  /** Lays the boxes out in columns on a wide screen. */
  columns?: boolean;
}) {
  const base = `cg${useId().replace(/:/g, '')}`;
  const hintId = hint ? `${base}-hint` : undefined;
  const errorId = error ? `${base}-error` : undefined;
  return (
    <fieldset
      className={['field', 'radio-group', columns ? 'check-group--columns' : '', error ? 'field--error' : ''].filter(Boolean).join(' ')}
      aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
    >
      <legend className="field__label">{legend}</legend>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="field__error">
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
      <div className="radio-group__options">
        {options.map((o, i) => {
          const id = `${base}-${i}`;
          const checked = values.includes(o.value);
          return (
            <div className="radio" key={o.value}>
              <input
                type="checkbox"
                id={id}
                value={o.value}
                checked={checked}
                aria-invalid={error ? true : undefined}
                onChange={(e) => onChange(e.target.checked ? [...values.filter((v) => v !== o.value), o.value] : values.filter((v) => v !== o.value))}
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
