import { useEffect, useRef, type ReactNode } from 'react';

/**
 * The frame of the sign-in pages: a short word on ValueMark and a card.
 * `focusTitle`: the title takes focus, for a page whose content replaced
 * the form the person was in (so that a screen reader reads on from it).
 */
export function AuthShell({
  title,
  lead,
  children,
  footer,
  focusTitle = false,
}: {
  title: string;
  lead?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
  focusTitle?: boolean;
}) {
  const titleRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusTitle) titleRef.current?.focus();
  }, [focusTitle, title]);
  return (
    <div className="auth">
      <section className="auth__intro" aria-label="About ValueMark">
        <p className="eyebrow">ValueMark</p>
        <p className="auth__pitch">Measure, manage and prove the social value your organisation creates.</p>
        <ul className="auth__points">
          <li>Map stakeholders and outcomes, value them with SROI and LM3.</li>
          <li>Keep evidence, sign-offs and every change in one audited place.</li>
          <li>Work towards the Social Value Quality Mark and Management Certificate.</li>
        </ul>
      </section>
      <section className="card auth__card" aria-labelledby="auth-title">
        <h1 id="auth-title" ref={titleRef} tabIndex={focusTitle ? -1 : undefined}>
          {title}
        </h1>
        {lead ? <p className="lead">{lead}</p> : null}
        {children}
        {footer ? <div className="auth__footer">{footer}</div> : null}
      </section>
    </div>
  );
}
