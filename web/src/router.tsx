/**
 * A small router over the History API: path patterns with `:params`, links that push state,
 * and query-string state for filters so Back restores what the user saw.
 */
import { useCallback, useEffect, useMemo, useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from 'react';

const listeners = new Set<() => void>();
const notify = () => {
  for (const l of listeners) l();
};
if (typeof window !== 'undefined') window.addEventListener('popstate', notify);

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
const snapshot = () => window.location.pathname + window.location.search;

export interface NavigateOptions {
  replace?: boolean;
  /** Keep the scroll position (e.g. when only a filter in the query string changed). */
  keepScroll?: boolean;
}

export function navigate(to: string, opts: NavigateOptions = {}): void {
  const current = snapshot() + window.location.hash;
  if (to === current) return;
  if (opts.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  if (!opts.keepScroll) window.scrollTo(0, 0);
  notify();
}

export interface Location {
  pathname: string;
  search: string;
  query: URLSearchParams;
}

export function useLocation(): Location {
  const href = useSyncExternalStore(subscribe, snapshot);
  return useMemo(() => {
    const url = new URL(href, window.location.origin);
    return { pathname: url.pathname, search: url.search, query: url.searchParams };
  }, [href]);
}

export type Params = Record<string, string>;

/** Matches "/requests/:id" against "/requests/abc" → { id: "abc" }; null when it does not match. */
export function matchPath(pattern: string, pathname: string): Params | null {
  const want = pattern.split('/').filter(Boolean);
  const have = pathname.split('/').filter(Boolean);
  if (want.length !== have.length) return null;
  const params: Params = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] as string;
    const h = have[i] as string;
    if (w.startsWith(':')) {
      try {
        params[w.slice(1)] = decodeURIComponent(h);
      } catch {
        return null;
      }
    } else if (w !== h) return null;
  }
  return params;
}

export interface RouteDef {
  path: string;
  render: (params: Params) => ReactNode;
}

/** The first route whose pattern matches, with its params. */
export function useRoutes(routes: RouteDef[], fallback: ReactNode): ReactNode {
  const { pathname } = useLocation();
  for (const r of routes) {
    const params = matchPath(r.path, pathname);
    if (params) return r.render(params);
  }
  return fallback;
}

/** Query-string state: read with `query.get`, update some keys (null/'' removes them). */
export function useQueryState(): [URLSearchParams, (changes: Record<string, string | null | undefined>) => void] {
  const { pathname, query } = useLocation();
  const update = useCallback(
    (changes: Record<string, string | null | undefined>) => {
      const next = new URLSearchParams(window.location.search);
      for (const [k, v] of Object.entries(changes)) {
        if (v === null || v === undefined || v === '') next.delete(k);
        else next.set(k, v);
      }
      const s = next.toString();
      navigate(pathname + (s ? `?${s}` : ''), { replace: true, keepScroll: true });
    },
    [pathname],
  );
  return [query, update];
}

export function isPlainLeftClick(e: MouseEvent): boolean {
  return e.button === 0 && !e.metaKey && !e.ctrlKey && !e.shiftKey && !e.altKey && !e.defaultPrevented;
}

export interface LinkProps extends Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> {
  to: string;
  replace?: boolean;
}

export function Link({ to, replace, onClick, target, ...rest }: LinkProps) {
  return (
    <a
      href={to}
      target={target}
      onClick={(e) => {
        onClick?.(e);
        if (!target && isPlainLeftClick(e)) {
          e.preventDefault();
          navigate(to, { replace });
        }
      }}
      {...rest}
    />
  );
}

export function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}
