import { useId, type ReactNode } from 'react';

export interface RadioOption<V extends string> {
  value: V;
  label: ReactNode;
  hint?: ReactNode;
}

/** A set of radio buttons in a fieldset, with the error linked to the group. */
export function RadioGroup<V extends string>({
  legend,
  name,
  options,
  value,
  onChange,
  error,
  hint,
  inline,
}: {
  legend: ReactNode;
  name: string;
  options: RadioOption<V>[];
  value: V | '';
  onChange: (v: V) => void;
  error?: string | null;
  hint?: ReactNode;
  inline?: boolean;
}) {
  const base = `rg${useId().replace(/:/g, '')}`;
  const hintId = hint ? `${base}-hint` : undefined;
  const errorId = error ? `${base}-error` : undefined;
  return (
    <fieldset
      className={['field', 'radio-group', inline ? 'radio-group--inline' : '', error ? 'field--error' : ''].filter(Boolean).join(' ')}
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
          return (
            <div className="radio" key={o.value}>
              <input
                type="radio"
                id={id}
                name={name}
                value={o.value}
                checked={value === o.value}
                onChange={() => onChange(o.value)}
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
