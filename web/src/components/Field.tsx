import { CharacterCount } from './CharacterCount';
import { forwardRef, useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';

interface FieldChrome {
  label: ReactNode;
  /** A short help text under the label. */
  hint?: ReactNode;
  /** The message shown beside the field; marks it invalid. */
  error?: string | null;
  /** Visually hide the label (it stays for screen readers). */
  hideLabel?: boolean;
  className?: string;
}

/** A text field's limit shown as the characters left, once it is near (CharacterCount). */
interface Counted {
  showCount?: boolean;
}

function useFieldIds(id: string | undefined, hint: ReactNode, error: string | null | undefined, counted = false) {
  const auto = useId();
  const fieldId = id ?? `f${auto.replace(/:/g, '')}`;
  const hintId = hint ? `${fieldId}-hint` : undefined;
  const errorId = error ? `${fieldId}-error` : undefined;
  const countId = counted ? `${fieldId}-count` : undefined;
  const describedBy = [hintId, errorId, countId].filter(Boolean).join(' ') || undefined;
  return { fieldId, hintId, errorId, describedBy, countId };
}

/** A field's (or a group's) help text, referred to by aria-describedby. */
export function FieldHint({ id, children }: { id?: string; children?: ReactNode }) {
  return children ? (
    <p id={id} className="field__hint">
      {children}
    </p>
  ) : null;
}

/** A field's (or a group's) error, read out as one by screen readers. */
export function FieldError({ id, message }: { id?: string; message?: string | null }) {
  return message ? (
    <p id={id} className="field__error">
      <span className="visually-hidden">Error: </span>
      {message}
    </p>
  ) : null;
}

function Chrome({
  fieldId,
  hintId,
  errorId,
  label,
  hint,
  error,
  hideLabel,
  className,
  children,
}: FieldChrome & { fieldId: string; hintId?: string; errorId?: string; children: ReactNode }) {
  return (
    <div className={['field', error ? 'field--error' : '', className ?? ''].filter(Boolean).join(' ')}>
      <label htmlFor={fieldId} className={hideLabel ? 'visually-hidden' : 'field__label'}>
        {label}
      </label>
      <FieldHint id={hintId}>{hint}</FieldHint>
      <FieldError id={errorId} message={error} />
      {children}
    </div>
  );
}

type TextFieldProps = FieldChrome & Counted & Omit<InputHTMLAttributes<HTMLInputElement>, 'className'>;

export const TextField = forwardRef<HTMLInputElement, TextFieldProps>(function TextField(
  { label, hint, error, hideLabel, className, id, showCount = false, ...input },
  ref,
) {
  const { countId, ...ids } = useFieldIds(id, hint, error, showCount && Boolean(input.maxLength));
  return (
    <Chrome {...{ label, hint, error, hideLabel, className }} {...ids}>
      <input
        ref={ref}
        id={ids.fieldId}
        className="input"
        aria-invalid={error ? true : undefined}
        aria-describedby={ids.describedBy}
        {...input}
      />
      {countId ? <CharacterCount id={countId} value={String(input.value ?? '')} max={input.maxLength} /> : null}
    </Chrome>
  );
});

type SelectFieldProps = FieldChrome & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'className'>;

export const SelectField = forwardRef<HTMLSelectElement, SelectFieldProps>(function SelectField(
  { label, hint, error, hideLabel, className, id, children, ...select },
  ref,
) {
  const ids = useFieldIds(id, hint, error);
  return (
    <Chrome {...{ label, hint, error, hideLabel, className }} {...ids}>
      <select
        ref={ref}
        id={ids.fieldId}
        className="input select"
        aria-invalid={error ? true : undefined}
        aria-describedby={ids.describedBy}
        {...select}
      >
        {children}
      </select>
    </Chrome>
  );
});

type TextAreaFieldProps = FieldChrome & Counted & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'className'>;

export const TextAreaField = forwardRef<HTMLTextAreaElement, TextAreaFieldProps>(function TextAreaField(
  { label, hint, error, hideLabel, className, id, showCount = false, ...textarea },
  ref,
) {
  const { countId, ...ids } = useFieldIds(id, hint, error, showCount && Boolean(textarea.maxLength));
  return (
    <Chrome {...{ label, hint, error, hideLabel, className }} {...ids}>
      <textarea
        ref={ref}
        id={ids.fieldId}
        className="input textarea"
        aria-invalid={error ? true : undefined}
        aria-describedby={ids.describedBy}
        rows={3}
        {...textarea}
      />
      {countId ? <CharacterCount id={countId} value={String(textarea.value ?? '')} max={textarea.maxLength} /> : null}
    </Chrome>
  );
});
