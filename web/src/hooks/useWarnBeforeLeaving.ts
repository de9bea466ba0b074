import { useEffect } from 'react';
import { useLocation } from 'react-router-dom';

/** What a person is asked before a link takes them away from changes they have not saved. */
export const LEAVE_QUESTION = 'You have changes that are not saved. Leave this page and lose them?';

// The page's answer to the browser's Back and Forward, while it has unsaved
// changes. A window's listeners run in the order they were added, capturing
// or not, so the one listener below must be added before the router's:
// listenForHistoryMoves is called by main.tsx before the app is drawn.
let onHistoryMove: ((e: PopStateEvent) => void) | null = null;
let listening = false;

/** Lets an editor with unsaved changes answer Back and Forward before the router moves. */
export function listenForHistoryMoves() {
  if (listening) return;
  listening = true;
  window.addEventListener('popstate', (e) => onHistoryMove?.(e));
}

/**
 * While `dirty`, leaving the page asks first, so that unsaved changes are not
 * lost by a slip: closing or reloading the tab (the browser's own question),
 * following a link within the app, the navigation bar's included, and the
 * browser's Back and Forward buttons (a confirm, answered before the router
 * moves). Links that open elsewhere (a new tab, a download) and links to the
 * page itself are let through.
 */
export function useWarnBeforeLeaving(dirty: boolean) {
  const { key } = useLocation();
  useEffect(() => {
    if (!dirty) return;
    // The router numbers its history entries (state.idx): the place of this
    // page, to step back to it when Back or Forward is refused.
    const here = (window.history.state as { idx?: number } | null)?.idx;
    // Set once the person agreed to leave by a link, so that a link the
    // browser follows itself is not asked about a second time.
    let agreed = false;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (agreed) return;
      e.preventDefault();
      e.returnValue = '';
    };
    const onClick = (e: MouseEvent) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const link = e.target instanceof Element ? e.target.closest('a[href]') : null;
      if (!(link instanceof HTMLAnchorElement)) return;
      if ((link.target && link.target !== '_self') || link.hasAttribute('download')) return;
      const to = new URL(link.href, window.location.href);
      const here = window.location;
      if (to.origin === here.origin && to.pathname === here.pathname && to.search === here.search) return;
      if (window.confirm(LEAVE_QUESTION)) {
        agreed = true;
        window.setTimeout(() => {
          agreed = false;
        }, 0);
        return;
      }
      // Before the router's own handler, which leaves a prevented click alone.
      e.preventDefault();
      e.stopPropagation();
    };
    // Back and Forward: the browser has already moved when popstate comes,
    // so the router is kept from hearing it (listenForHistoryMoves runs
    // before the router's listener) until the person answers. Leaving hands the router the
    // same event again; staying steps the browser back to this page, and that
    // step, too, is kept from the router.
    let replaying = false;
    let returning = false;
    const onPopState = (e: PopStateEvent) => {
      if (replaying) {
        replaying = false;
        return;
      }
      e.stopImmediatePropagation();
      if (returning) {
        returning = false;
        return;
      }
      if (window.confirm(LEAVE_QUESTION)) {
        replaying = true;
        window.dispatchEvent(new PopStateEvent('popstate', { state: e.state as unknown }));
        return;
      }
      const there = (e.state as { idx?: number } | null)?.idx;
      returning = true;
      window.history.go(here !== undefined && there !== undefined ? here - there : 1);
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    window.addEventListener('click', onClick, true);
    listenForHistoryMoves();
    onHistoryMove = onPopState;
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      window.removeEventListener('click', onClick, true);
      if (onHistoryMove === onPopState) onHistoryMove = null;
    };
  }, [dirty, key]);
}
