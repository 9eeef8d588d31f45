import { useState } from 'react';
import type { Client } from '@fitdesk/contracts';
import { api } from '../../api';
import { money } from '../../lib/format';
import { atLeast } from '../../lib/roles';
import { useAsync, useNow } from '../../lib/useAsync';
import { Link } from '../../router';
import { useSession } from '../../session';
import { EmptyState, ErrorState, Spinner } from '../../ui/misc';
import { useToast } from '../../ui/toast';
import { NewRequestDialog } from '../inbox/NewRequestDialog';
import { RequestList } from '../inbox/RequestList';
import { History } from '../request/History';
import { ClientForm, draftOf } from './ClientForm';
import { Contacts } from './Contacts';
import { HealthPanel } from '../../components/HealthPanel';
import { AgreementCard } from '../../components/AgreementCard';
import { CheckinsCard } from '../../components/CheckinsCard';
import { IncidentTimeline } from '../../components/IncidentTimeline';

export function ClientPage({ id }: { id: string }) {
  const session = useSession();
  const toast = useToast();
  const now = useNow();
  const client = useAsync((signal) => api.clients.get(id, signal), [id]);
  const requests = useAsync((signal) => api.requests.list({ clientId: id, status: 'any', limit: 20 }, signal), [id]);
  const [editing, setEditing] = useState(false);
  const [creatingRequest, setCreatingRequest] = useState(false);
  const [historyKey, setHistoryKey] = useState(0);
  const canEdit = atLeast(session.user.role, 'agent');

  if (client.error) return <ErrorState error={client.error} onRetry={client.reload} />;
  const c = client.data;
  if (!c) return <Spinner label="Loading client…" />;

  return (
    <div className="page">
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <Link to="/clients">Clients</Link> <span aria-hidden="true">/</span> <span>{c.name}</span>
      </nav>
      <div className="page-header">
        <div>
          <h1>{c.name}</h1>
          <div className="request-sub">
            <span className={`badge client-${c.status}`}>{c.status}</span>
            <span className="muted">
              {c.kind === 'individual' ? 'Individual' : 'Organisation'} · {c.tier} tier{c.domain ? ` · ${c.domain}` : ''}
            </span>
          </div>
        </div>
        {canEdit && !editing && (
          <button type="button" className="button" onClick={() => setEditing(true)}>
            Edit details
          </button>
        )}
      </div>

      <div className="client-layout">
        <section className="panel" aria-labelledby="details-h">
          <h2 id="details-h">Details</h2>
          {editing ? (
            <ClientForm
              id="edit-client-form"
              initial={draftOf(c)}
              autoFocus
              onSubmit={async (input) => {
                const saved = await api.clients.update(c.id, input);
                client.setData(saved);
                setEditing(false);
                setHistoryKey((k) => k + 1);
                toast.success('Client saved');
              }}
              actions={
                <div className="button-row end">
                  <button type="button" className="button" onClick={() => setEditing(false)}>
                    Cancel
                  </button>
                  <button type="submit" className="button primary">
                    Save
                  </button>
                </div>
              }
            />
          ) : (
            <ClientDetails client={c} />
          )}
        </section>
        <Contacts clientId={c.id} canEdit={canEdit} />
      </div>

      <HealthPanel clientId={c.id} clientStatus={c.status} />
      <div className="client-layout">
        <AgreementCard clientId={c.id} />
        <IncidentTimeline clientId={c.id} />
      </div>
      <CheckinsCard clientId={c.id} />

      <section className="section" aria-labelledby="client-requests-h">
        <div className="section-header">
          <h2 id="client-requests-h">Requests</h2>
          {canEdit && (
            <button type="button" className="button" onClick={() => setCreatingRequest(true)}>
              New request
            </button>
          )}
        </div>
        {requests.error ? (
          <ErrorState error={requests.error} onRetry={requests.reload} />
        ) : !requests.data ? (
          <Spinner />
        ) : !requests.data.items.length ? (
          <EmptyState title="No requests from this client yet" />
        ) : (
          <>
            <RequestList items={requests.data.items} now={now} hideClient />
            {requests.data.nextCursor && <p className="muted small">Showing the 20 most recent requests.</p>}
          </>
        )}
      </section>
      <History entity="client" entityId={c.id} refreshKey={historyKey} now={now} />
      <NewRequestDialog open={creatingRequest} onClose={() => setCreatingRequest(false)} clientId={c.id} />
    </div>
  );
}

function ClientDetails({ client: c }: { client: Client }) {
  return (
    <dl className="details">
      <dt>Region</dt>
      <dd>{c.region ?? '—'}</dd>
      <dt>Annual revenue</dt>
      <dd>{money(c.annualRevenue)}</dd>
      <dt>Open requests</dt>
      <dd>{c.openRequests}</dd>
      <dt>Tags</dt>
      <dd>
        {c.tags.length ? (
          <span className="tags-inline">
            {c.tags.map((t) => (
              <span key={t} className="tag">
                {t}
              </span>
            ))}
          </span>
        ) : (
          '—'
        )}
      </dd>
      {c.formerReason && (
        <>
          <dt>Left because</dt>
          <dd>{c.formerReason}</dd>
        </>
      )}
      <dt>Notes</dt>
      <dd className="notes">{c.notes || <span className="muted">No notes</span>}</dd>
    </dl>
  );
}
