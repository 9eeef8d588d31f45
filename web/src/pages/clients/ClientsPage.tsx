import { useEffect, useState } from 'react';
import type { Client } from '@fitdesk/contracts';
import { api, type Page } from '../../api';
import { useAsync } from '../../lib/useAsync';
import { Link, navigate, useQueryState } from '../../router';
import { Dialog } from '../../ui/Dialog';
import { EmptyState, ErrorState, Spinner } from '../../ui/misc';
import { useToast } from '../../ui/toast';
import { ClientForm, emptyDraft } from './ClientForm';

const STATUS_OPTIONS = [
  { value: '', label: 'All statuses' },
  { value: 'active', label: 'Active' },
  { value: 'prospect', label: 'Prospect' },
  { value: 'former', label: 'Former' },
];

export function ClientsPage() {
  const toast = useToast();
  const [query, setQuery] = useQueryState();
  const q = query.get('q') ?? '';
  const status = (['active', 'prospect', 'former'] as const).find((s) => s === query.get('status'));
  const [typed, setTyped] = useState(q);
  const [creating, setCreating] = useState(false);
  const [loadingMore, setLoadingMore] = useState(false);

  // Search as you type, but only after a short pause.
  useEffect(() => {
    const t = window.setTimeout(() => {
      if (typed.trim() !== q) setQuery({ q: typed.trim() });
    }, 250);
    return () => window.clearTimeout(t);
  }, [typed, q, setQuery]);

  const page = useAsync((signal) => api.clients.list({ q: q || undefined, status, limit: 50 }, signal), [q, status]);
  const items = page.data?.items ?? [];

  const loadMore = async () => {
    const cursor = page.data?.nextCursor;
    if (!cursor) return;
    setLoadingMore(true);
    try {
      const next = await api.clients.list({ q: q || undefined, status, limit: 50, cursor });
      page.setData((prev): Page<Client> => ({ items: [...(prev?.items ?? []), ...next.items], nextCursor: next.nextCursor }));
    } catch (e) {
      toast.error(e);
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <div className="page page-wide">
      <div className="page-header">
        <h1>Clients</h1>
        <button type="button" className="button primary" onClick={() => setCreating(true)}>
          New client
        </button>
      </div>
      <div className="filters">
        <div className="filter filter-grow">
          <label htmlFor="client-search">Search</label>
          <input id="client-search" type="search" placeholder="Name, domain or tag" value={typed} onChange={(e) => setTyped(e.target.value)} />
        </div>
        <div className="filter">
          <label htmlFor="client-status">Status</label>
          <select id="client-status" value={status ?? ''} onChange={(e) => setQuery({ status: e.target.value })}>
            {STATUS_OPTIONS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      {page.error ? (
        <ErrorState error={page.error} onRetry={page.reload} />
      ) : page.loading && !page.data ? (
        <Spinner label="Loading clients…" />
      ) : !items.length ? (
        <EmptyState title={q || status ? 'No clients match' : 'No clients yet'}>
          {q || status ? (
            'Try a different search or status.'
          ) : (
            <button type="button" className="button" onClick={() => setCreating(true)}>
              Add your first client
            </button>
          )}
        </EmptyState>
      ) : (
        <div className={page.loading ? 'list-wrap is-refreshing' : 'list-wrap'}>
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Status</th>
                  <th scope="col">Tier</th>
                  <th scope="col" className="hide-phone">
                    Domain
                  </th>
                  <th scope="col" className="num">
                    Open
                  </th>
                  <th scope="col" className="hide-phone">
                    Tags
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((c) => (
                  <tr key={c.id} className="clickable" onClick={(e) => !(e.target as HTMLElement).closest('a') && navigate(`/clients/${c.id}`)}>
                    <td>
                      <Link to={`/clients/${c.id}`} className="strong">
                        {c.name}
                      </Link>
                      <div className="muted small">{c.kind === 'individual' ? 'Individual' : 'Organisation'}</div>
                    </td>
                    <td>
                      <span className={`badge client-${c.status}`}>{c.status}</span>
                    </td>
                    <td className="capitalize">{c.tier}</td>
                    <td className="hide-phone">{c.domain ?? <span className="muted">—</span>}</td>
                    <td className="num">{c.openRequests}</td>
                    <td className="hide-phone">
                      <span className="tags-inline">
                        {c.tags.map((t) => (
                          <span key={t} className="tag">
                            {t}
                          </span>
                        ))}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {page.data?.nextCursor && (
            <div className="list-foot">
              <span />
              <button type="button" className="button" onClick={loadMore} disabled={loadingMore}>
                {loadingMore ? 'Loading…' : 'Load more'}
              </button>
            </div>
          )}
        </div>
      )}
      <Dialog
        open={creating}
        onClose={() => setCreating(false)}
        title="New client"
        wide
        footer={
          <>
            <button type="button" className="button" onClick={() => setCreating(false)}>
              Cancel
            </button>
            <button type="submit" form="new-client-form" className="button primary">
              Create client
            </button>
          </>
        }
      >
        <ClientForm
          id="new-client-form"
          initial={emptyDraft}
          autoFocus
          onSubmit={async (input) => {
            const c = await api.clients.create(input);
            toast.success(`${c.name} added`);
            setCreating(false);
            navigate(`/clients/${c.id}`);
          }}
        />
      </Dialog>
    </div>
  );
}
