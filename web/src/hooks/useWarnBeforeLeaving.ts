import { useEffect } from 'react';

/** What a person is asked before a link takes them away from changes they have not saved. */
export const LEAVE_QUESTION = 'You have changes that are not saved. Leave this page and lose them?';

/**
 * While `dirty`, leaving the page asks first, so that unsaved changes are not
 * lost by a slip: closing or reloading the tab (the browser's own question),
 * and following a link within the app, the navigation bar's included (a
 * confirm, answered before the router moves). Links that open elsewhere (a
 * new tab, a download) and links to the page itself are let through.
 */
export function useWarnBeforeLeaving(dirty: boolean) {
  useEffect(() => {
    if (!dirty) return;
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
    window.addEventListener('beforeunload', onBeforeUnload);
    window.addEventListener('click', onClick, true);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      window.removeEventListener('click', onClick, true);
    };
  }, [dirty]);
}
