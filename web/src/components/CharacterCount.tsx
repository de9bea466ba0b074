import { useEffect, useState, type InputHTMLAttributes, type ReactNode } from 'react';
import { charactersLeft, charactersLeftInWords } from '../lib/characterCount';

/** How long typing pauses before a screen reader is told the count. */
const ANNOUNCE_AFTER_MS = 1000;

/**
 * The characters left in a field with a limit, under it, once the limit is
 * near (lib/characterCount.ts). Give the field `aria-describedby={id}`: the
 * count is read with the field when it is focused, and, once typing pauses,
 * said by a polite live region, so a screen reader is not interrupted at
 * every key.
 */
export function CharacterCount({
  id,
  value,
  max,
  words = charactersLeftInWords,
}: {
  id: string;
  value: string;
  max: number | undefined | null;
  /** The count in words, in the page's language. */
  words?: (left: number) => string;
}) {
  const left = charactersLeft(value, max);
  const text = left === null ? '' : words(left);
  const [announced, setAnnounced] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setAnnounced(text), text ? ANNOUNCE_AFTER_MS : 0);
    return () => clearTimeout(timer);
  }, [text]);
  return (
    <>
      <span id={id} className={`character-count${left !== null && left < 0 ? ' character-count--over' : ''}`}>
        {text}
      </span>
      <span className="visually-hidden" aria-live="polite">
        {announced}
      </span>
    </>
  );
}

/**
 * A labelled field (`children`: its label, with the field inside) and its
 * count under it, outside the label so that the count is not read as part
 * of the field's name. The field names the count: `aria-describedby={id}`.
 */
export function CountedField({ id, value, max, children }: { id: string; value: string; max: number; children: ReactNode }) {
  return (
    <div className="counted-field">
      {children}
      <CharacterCount id={id} value={value} max={max} />
    </div>
  );
}

/**
 * A labelled one-line text field with a limit, and its count under it
 * (CountedField): the field stops at `max` and names the count.
 */
export function CountedInput({
  countId,
  label,
  value,
  max,
  onChange,
  ...rest
}: {
  countId: string;
  label: ReactNode;
  value: string;
  max: number;
  onChange: (value: string) => void;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'maxLength' | 'className' | 'aria-describedby'>) {
  return (
    <CountedField id={countId} value={value} max={max}>
      <label>
        {label}
        <input className="input" value={value} maxLength={max} aria-describedby={countId} onChange={(e) => onChange(e.target.value)} {...rest} />
      </label>
    </CountedField>
  );
}
