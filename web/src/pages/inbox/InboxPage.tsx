import { useEffect, useRef, useState, type RefObject } from 'react';
import type { Priority, RequestSummary, Tone, Urgency } from '@fitdesk/contracts';
import { api, type Page, type SearchHit, type StatusFilter } from '../../api';
import { PRIORITIES, PRIORITY_LABEL, STATUS_LABEL, TONES, TONE_LABEL, fullTime, relativeTime, requestNumber } from '../../lib/format';
import { useHotkeys } from '../../lib/hotkeys';
import { useAsync, useNow } from '../../lib/useAsync';
import { Link, navigate, useQueryState } from '../../router';
import { EmptyState, ErrorState, Spinner, StatusBadge } from '../../ui/misc';
import { useToast } from '../../ui/toast';
import { NewRequestDialog } from './NewRequestDialog';
import { RequestList } from './RequestList';

const PAGE_SIZE = 50;
const STATUS_TABS: { value: StatusFilter; label: string }[] = [
  { value: 'active', label: 'Active' },
  { value: 'new', label: STATUS_LABEL.new },
  { value: 'open', label: STATUS_LABEL.open },
  { value: 'waiting', label: 'Waiting' },
  { value: 'resolved', label: STATUS_LABEL.resolved },
  { value: 'closed', label: STATUS_LABEL.closed },
  { value: 'any', label: 'All' },
];
const isStatus = (s: string | null): s is StatusFilter => STATUS_TABS.some((t) => t.value === s);
const pick = <T extends string>(value: string | null, allowed: readonly T[]): T | undefined =>
  allowed.includes(value as T) ? (value as T) : undefined;

export function InboxPage() {
  const [query, setQuery] = useQueryState();
  const q = query.get('q')?.trim() ?? '';
  const rawStatus = query.get('status');
  const status: StatusFilter = isStatus(rawStatus) ? rawStatus : q ? 'any' : 'active';
  const priority = pick<Priority>(query.get('priority'), PRIORITIES);
  const assignee = pick(query.get('assignee'), ['me', 'none'] as const);
  const tone = pick<Tone>(query.get('tone'), TONES);
  const urgency = pick<Urgency>(query.get('urgency'), ['low', 'normal', 'high'] as const);
  const sort = pick(query.get('sort'), ['slaDueAt'] as const);
  const [creating, setCreating] = useState(false);

  return (
    <div className="page page-wide">
      <div className="page-header">
        <h1>{q ? 'Search' : 'Inbox'}</h1>
        <button type="button" className="button primary" onClick={() => setCreating(true)}>
          New request
        </button>
      </div>
      <div className="tabs" role="tablist" aria-label="Status">
        {STATUS_TABS.map((t) => (
          <button
            key={t.value}
            type="button"
            role="tab"
            aria-selected={status === t.value}
            className={status === t.value ? 'tab active' : 'tab'}
            onClick={() => setQuery({ status: t.value === (q ? 'any' : 'active') ? null : t.value })}
          >
            {t.label}
          </button>
        ))}
      </div>
      {q ? (
        <SearchResults q={q} status={status} onClear={() => setQuery({ q: null })} />
      ) : (
        <>
          <div className="filters">
            <FilterSelect
              label="Priority"
              value={priority ?? ''}
              onChange={(v) => setQuery({ priority: v })}
              options={[{ value: '', label: 'Any priority' }, ...PRIORITIES.map((p) => ({ value: p, label: PRIORITY_LABEL[p] }))]}
            />
            <FilterSelect
              label="Assignee"
              value={assignee ?? ''}
              onChange={(v) => setQuery({ assignee: v })}
              options={[
                { value: '', label: 'Anyone' },
                { value: 'me', label: 'Assigned to me' },
                { value: 'none', label: 'Unassigned' },
              ]}
            />
            <FilterSelect
              label="Tone"
              value={tone ?? ''}
              onChange={(v) => setQuery({ tone: v })}
              options={[{ value: '', label: 'Any tone' }, ...TONES.map((t) => ({ value: t, label: TONE_LABEL[t] }))]}
            />
            <FilterSelect
              label="Urgency"
              value={urgency ?? ''}
              onChange={(v) => setQuery({ urgency: v })}
              options={[
                { value: '', label: 'Any urgency' },
                { value: 'high', label: 'High' },
                { value: 'normal', label: 'Normal' },
                { value: 'low', label: 'Low' },
              ]}
            />
            <FilterSelect
              label="Sort"
              value={sort ?? ''}
              onChange={(v) => setQuery({ sort: v })}
              options={[
                { value: '', label: 'Latest activity' },
                { value: 'slaDueAt', label: 'Time to SLA breach' },
              ]}
            />
            {(priority || assignee || tone || urgency) && (
              <button type="button" className="button subtle" onClick={() => setQuery({ priority: null, assignee: null, tone: null, urgency: null })}>
                Clear filters
              </button>
            )}
          </div>
          <RequestsView status={status} priority={priority} assignee={assignee} tone={tone} urgency={urgency} sort={sort} onNew={() => setCreating(true)} />
        </>
      )}
      <NewRequestDialog open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}

function FilterSelect({ label, value, onChange, options }: { label: string; value: string; onChange: (v: string) => void; options: { value: string; label: string }[] }) {
  const id = `filter-${label.toLowerCase()}`;
  return (
    <div className="filter">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** j/k/Enter over a list of row links rendered with `data-index`. */
function useListKeys(count: number, listRef: RefObject<HTMLElement | null>, hrefOf: (i: number) => string | undefined) {
  const [selected, setSelected] = useState(-1);
  useEffect(() => {
    if (selected >= count) setSelected(count - 1);
  }, [count, selected]);
  const focusRow = (i: number) => {
    const el = listRef.current?.querySelector<HTMLElement>(`[data-index="${i}"]`);
    el?.focus();
    el?.scrollIntoView({ block: 'nearest' });
  };
  useHotkeys({
    j: () => {
      if (!count) return;
      const next = Math.min(count - 1, selected + 1);
      setSelected(next);
      focusRow(next);
    },
    k: () => {
      if (!count) return;
      const next = Math.max(0, selected - 1);
      setSelected(next);
      focusRow(next);
    },
    Enter: (e) => {
      // A focused link opens by itself; this covers a selection whose focus moved elsewhere.
      const active = document.activeElement;
      if (active instanceof HTMLAnchorElement || active instanceof HTMLButtonElement) return;
      const href = selected >= 0 ? hrefOf(selected) : undefined;
      if (href) {
        e.preventDefault();
        navigate(href);
      }
    },
  });
  return [selected, setSelected] as const;
}

interface ViewProps {
  status: StatusFilter;
  sort?: 'slaDueAt';
  priority: Priority | undefined;
  assignee: 'me' | 'none' | undefined;
  tone: Tone | undefined;
  urgency: Urgency | undefined;
  onNew: () => void;
}

function RequestsView({ status, priority, assignee, tone, urgency, sort, onNew }: ViewProps) {
  const toast = useToast();
  const now = useNow();
  const listRef = useRef<HTMLUListElement>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const filters = { status, priority, assigneeId: assignee, tone, urgency, sort, limit: PAGE_SIZE };
  const page = useAsync((signal) => api.requests.list(filters, signal), [status, priority, assignee, tone, urgency, sort]);
  const items = page.data?.items ?? [];
  const [selected, setSelected] = useListKeys(items.length, listRef, (i) => {
    const r = items[i];
    return r ? `/requests/${r.id}` : undefined;
  });

  const loadMore = async () => {
    const cursor = page.data?.nextCursor;
    if (!cursor) return;
    setLoadingMore(true);
    try {
      const next = await api.requests.list({ ...filters, cursor });
      page.setData((prev): Page<RequestSummary> => ({ items: [...(prev?.items ?? []), ...next.items], nextCursor: next.nextCursor }));
    } catch (e) {
      toast.error(e);
    } finally {
      setLoadingMore(false);
    }
  };

  if (page.error) return <ErrorState error={page.error} onRetry={page.reload} />;
  if (page.loading && !page.data) return <Spinner label="Loading requests…" />;
  if (!items.length) {
    const filtered = priority || assignee || tone || urgency || status !== 'active';
    return (
      <EmptyState title={filtered ? 'No requests match these filters' : 'Inbox zero'}>
        {filtered ? (
          'Try another status or clear the filters.'
        ) : (
          <>
            <p>Nothing is waiting for you. New requests from email, the portal and the API land here.</p>
            <button type="button" className="button" onClick={onNew}>
              Log a request
            </button>
          </>
        )}
      </EmptyState>
    );
  }
  return (
    <div className={page.loading ? 'list-wrap is-refreshing' : 'list-wrap'}>
      <RequestList ref={listRef} items={items} now={now} selected={selected} onSelect={setSelected} />
      <div className="list-foot">
        <span className="muted kbd-hint">
          <kbd>j</kbd> <kbd>k</kbd> to move, <kbd>Enter</kbd> to open
        </span>
        {page.data?.nextCursor && (
          <button type="button" className="button" onClick={loadMore} disabled={loadingMore}>
            {loadingMore ? 'Loading…' : 'Load more'}
          </button>
        )}
      </div>
    </div>
  );
}

function SearchResults({ q, status, onClear }: { q: string; status: StatusFilter; onClear: () => void }) {
  const toast = useToast();
  const now = useNow();
  const listRef = useRef<HTMLOListElement>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const page = useAsync((signal) => api.search({ q, status, limit: 20 }, signal), [q, status]);
  const items = page.data?.items ?? [];
  const [selected, setSelected] = useListKeys(items.length, listRef, (i) => {
    const h = items[i];
    return h ? `/requests/${h.requestId}` : undefined;
  });

  const loadMore = async () => {
    const cursor = page.data?.nextCursor;
    if (!cursor) return;
    setLoadingMore(true);
    try {
      const next = await api.search({ q, status, limit: 20, cursor });
      page.setData((prev): Page<SearchHit> => ({ items: [...(prev?.items ?? []), ...next.items], nextCursor: next.nextCursor }));
    } catch (e) {
      toast.error(e);
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <section aria-label="Search results">
      <div className="search-summary">
        <span>
          Results for <strong>“{q}”</strong>
        </span>
        <button type="button" className="button subtle" onClick={onClear}>
          Clear search
        </button>
      </div>
      {page.error ? (
        <ErrorState error={page.error} onRetry={page.reload} />
      ) : page.loading && !page.data ? (
        <Spinner label="Searching…" />
      ) : !items.length ? (
        <EmptyState title="No matches">Search looks through subjects and every message. Try fewer or different words.</EmptyState>
      ) : (
        <>
          <ol className="search-results" ref={listRef}>
            {items.map((h, i) => (
              <li key={`${h.requestId}-${h.matchedMessageId ?? 'subject'}`}>
                <Link
                  to={`/requests/${h.requestId}${h.matchedMessageId ? `#m-${h.matchedMessageId}` : ''}`}
                  className={i === selected ? 'search-hit selected' : 'search-hit'}
                  data-index={i}
                  onFocus={() => setSelected(i)}
                >
                  <span className="hit-head">
                    <span className="col-num">{requestNumber(h.number)}</span>
                    <span className="subject">{h.subject}</span>
                    <StatusBadge status={h.status} />
                  </span>
                  {/* The API escapes everything in the snippet except its <mark> tags. */}
                  <span className="snippet" dangerouslySetInnerHTML={{ __html: h.snippet }} />
                  <span className="who">
                    {h.clientName ?? 'No client'} ·{' '}
                    <time dateTime={h.lastMessageAt} title={fullTime(h.lastMessageAt)}>
                      {relativeTime(h.lastMessageAt, now)}
                    </time>
                  </span>
                </Link>
              </li>
            ))}
          </ol>
          {page.data?.nextCursor && (
            <div className="list-foot">
              <span />
              <button type="button" className="button" onClick={loadMore} disabled={loadingMore}>
                {loadingMore ? 'Loading…' : 'Load more'}
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
