import type { ReactNode } from 'react';
import { ChoiceFieldset, type ChoiceOption } from '../../components/ChoiceFieldset';

export type CheckboxOption = ChoiceOption;

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
  return (
    <ChoiceFieldset
      type="checkbox"
      legend={legend}
      options={options}
      isChecked={(v) => values.includes(v)}
      onToggle={(v, checked) => onChange(checked ? [...values.filter((x) => x !== v), v] : values.filter((x) => x !== v))}
      error={error}
      hint={hint}
      className={columns ? 'check-group--columns' : undefined}
    />
  );
}
