import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import { isAbort } from '../api';

export interface AsyncState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
  setData: (update: T | ((prev: T | undefined) => T | undefined)) => void;
}

/**
 * Loads data when `deps` change, aborting the previous load, so a fast typist or a quick
 * click-through never sees an older answer overwrite a newer one.
 */
export function useAsync<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): AsyncState<T> {
  const [data, setDataState] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    setError(undefined);
    loadRef.current(ctrl.signal).then(
      (d) => {
        if (ctrl.signal.aborted) return;
        setDataState(d);
        setLoading(false);
      },
      (e: unknown) => {
        if (ctrl.signal.aborted || isAbort(e)) return;
        setError(e);
        setLoading(false);
      },
    );
    return () => ctrl.abort();
    // `load` is read through a ref on purpose: callers pass an inline closure and list its inputs in `deps`.
  }, [...deps, tick]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  const setData = useCallback((update: T | ((prev: T | undefined) => T | undefined)) => {
    setDataState((prev) => (typeof update === 'function' ? (update as (p: T | undefined) => T | undefined)(prev) : update));
  }, []);
  return { data, error, loading, reload, setData };
}

/** Re-renders every `ms` so relative times ("5 min. ago") stay true. */
export function useNow(ms = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = window.setInterval(() => setNow(Date.now()), ms);
    return () => window.clearInterval(t);
  }, [ms]);
  return now;
}
