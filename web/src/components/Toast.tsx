import { useCallback, useEffect, useRef, useState } from 'react';

/** A polite live region that shows short confirmations for a few seconds. */
export function useToast() {
  const [message, setMessage] = useState<{ text: string; n: number } | null>(null);
  const counter = useRef(0);
  const notify = useCallback((text: string) => setMessage({ text, n: ++counter.current }), []);
  useEffect(() => {
    if (!message) return;
    const t = window.setTimeout(() => setMessage(null), 5000);
    return () => window.clearTimeout(t);
  }, [message]);
  const element = (
    <div className="toast-region" role="status" aria-live="polite">
      {message ? (
        <div className="toast" key={message.n}>
          <svg width="18" height="18" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
            <path d="M4 10.5l4 4 8-9" fill="none" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
          <span>{message.text}</span>
        </div>
      ) : null}
    </div>
  );
  return { notify, element };
}
