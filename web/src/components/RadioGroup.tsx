import type { ReactNode } from 'react';
import { ChoiceFieldset, type ChoiceOption } from './ChoiceFieldset';

export type RadioOption<V extends string> = ChoiceOption<V>;

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
  return (
    <ChoiceFieldset
      type="radio"
      legend={legend}
      name={name}
      options={options}
      isChecked={(v) => value === v}
      onToggle={(v) => onChange(v)}
      error={error}
      hint={hint}
      className={inline ? 'radio-group--inline' : undefined}
    />
  );
}
