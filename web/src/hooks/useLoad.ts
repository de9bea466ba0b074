import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import { ApiError } from '../api';

export type LoadState<T> =
  | { status: 'loading'; data: T | null; error: null }
  | { status: 'ready'; data: T; error: null }
  | { status: 'error'; data: T | null; error: ApiError };

/**
 * Loads data when the dependencies change; `reload()` fetches again while the
 * old data stays on screen, `setData` replaces it after a write.
 */
export function useLoad<T>(load: () => Promise<T>, deps: DependencyList) {
  const [state, setState] = useState<LoadState<T>>({ status: 'loading', data: null, error: null });
  const generation = useRef(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- deps is the caller's own list, as for useEffect
  const loader = useCallback(load, deps);

  const run = useCallback(
    async (keepData: boolean) => {
      const mine = ++generation.current;
      if (!keepData) setState({ status: 'loading', data: null, error: null });
      try {
        const data = await loader();
        if (mine === generation.current) setState({ status: 'ready', data, error: null });
      } catch (e) {
        if (mine !== generation.current) return;
        const error = e instanceof ApiError ? e : new ApiError(0, 'internal', e instanceof Error ? e.message : String(e));
        setState((s) => ({ status: 'error', data: keepData ? s.data : null, error }));
      }
    },
    [loader],
  );

  useEffect(() => {
    const counter = generation;
    void run(false);
    return () => {
      counter.current++; // a load still under way finds it is no longer the latest
    };
  }, [run]);

  const reload = useCallback(() => run(true), [run]);
  const setData = useCallback((data: T) => setState({ status: 'ready', data, error: null }), []);
  return { ...state, reload, setData };
}
