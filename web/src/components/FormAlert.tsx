import { useEffect, useRef } from 'react';
import { enumsInWords } from '../lib/labels';

/**
 * A message at the top of a form for an error that names no field of the
 * form. It takes focus when it appears so that keyboard and screen reader
 * users hear it.
 */
export function FormAlert({ message, title = 'There is a problem', focus = true }: { message: string | null; title?: string; focus?: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (message && focus) ref.current?.focus();
  }, [message, focus]);
  if (!message) return null;
  return (
    <div ref={ref} className="alert alert--error" role="alert" tabIndex={-1}>
      <p className="alert__title">{title}</p>
      <p className="alert__body">{enumsInWords(message)}</p>
    </div>
  );
}

export function Notice({ children, tone = 'info' }: { children: React.ReactNode; tone?: 'info' | 'success' | 'warning' }) {
  return (
    <div className={`alert alert--${tone}`} role="status">
      {children}
    </div>
  );
}
