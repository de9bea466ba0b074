import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

export interface MenuProps {
  /** The button's visible text. */
  label: ReactNode;
  /** Accessible name when the label alone is not clear. */
  ariaLabel?: string;
  /** Items: links or buttons, each made focusable. */
  children: ReactNode;
  align?: 'start' | 'end';
  className?: string;
}

/**
 * A disclosure menu for navigation: a button that shows a list of links.
 * Enter, Space or ArrowDown opens it and focuses the first item; ArrowUp/Down,
 * Home and End move between items; Escape closes it and gives focus back to
 * the button; a click outside or moving focus away closes it.
 */
export function Menu({ label, ariaLabel, children, align = 'end', className }: MenuProps) {
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const id = `menu${useId().replace(/:/g, '')}`;
  const focusOnOpen = useRef<'first' | 'last' | null>(null);

  const items = () =>
    Array.from(listRef.current?.querySelectorAll<HTMLElement>('a[href], button:not([disabled])') ?? []);

  const close = useCallback((returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) buttonRef.current?.focus();
  }, []);

  useEffect(() => {
    if (!open) return;
    const where = focusOnOpen.current;
    focusOnOpen.current = null;
    if (where) {
      const list = items();
      (where === 'first' ? list[0] : list[list.length - 1])?.focus();
    }
    const onPointer = (e: PointerEvent | MouseEvent) => {
      if (rootRef.current && !rootRef.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onPointer);
    return () => document.removeEventListener('mousedown', onPointer);
  }, [open]);

  const onButtonKeyDown = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      focusOnOpen.current = e.key === 'ArrowDown' ? 'first' : 'last';
      if (open) {
        const list = items();
        (e.key === 'ArrowDown' ? list[0] : list[list.length - 1])?.focus();
      } else setOpen(true);
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      close(true);
    }
  };

  const onListKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const list = items();
    const index = list.indexOf(document.activeElement as HTMLElement);
    let next: HTMLElement | undefined;
    switch (e.key) {
      case 'ArrowDown':
        next = list[(index + 1) % list.length];
        break;
      case 'ArrowUp':
        next = list[(index - 1 + list.length) % list.length];
        break;
      case 'Home':
        next = list[0];
        break;
      case 'End':
        next = list[list.length - 1];
        break;
      case 'Escape':
        e.preventDefault();
        close(true);
        return;
      default:
        return;
    }
    e.preventDefault();
    next?.focus();
  };

  const onBlur = (e: React.FocusEvent<HTMLDivElement>) => {
    if (open && rootRef.current && !rootRef.current.contains(e.relatedTarget as Node | null) && e.relatedTarget) setOpen(false);
  };

  return (
    <div className={['menu', className ?? ''].filter(Boolean).join(' ')} ref={rootRef} onBlur={onBlur}>
      <button
        ref={buttonRef}
        type="button"
        className="menu__button"
        aria-expanded={open}
        aria-controls={id}
        aria-label={ariaLabel}
        onClick={() => {
          focusOnOpen.current = null;
          setOpen((o) => !o);
        }}
        onKeyDown={onButtonKeyDown}
      >
        {label}
        <svg className="menu__chevron" width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" focusable="false">
          <path d="M2 4l4 4 4-4" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      </button>
      {/* eslint-disable-next-line jsx-a11y/no-static-element-interactions -- the keys and clicks are
          delegated from the links and buttons inside the list, which are the controls */}
      <div
        id={id}
        ref={listRef}
        className={`menu__list menu__list--${align}`}
        hidden={!open}
        onKeyDown={onListKeyDown}
        onClick={(e) => {
          if ((e.target as HTMLElement).closest('a, button')) setOpen(false);
        }}
      >
        {children}
      </div>
    </div>
  );
}
