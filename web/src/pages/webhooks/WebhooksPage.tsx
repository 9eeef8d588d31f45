import { useEffect, useState, type FormEvent } from 'react';
import type { EventType, WebhookEndpoint } from '@fitdesk/contracts';
import { webhooksApi } from '../escalation/escalation-api';
import { fullTime, relativeTime } from '../../lib/format';
import { atLeast } from '../../lib/roles';
import { useAsync, useNow } from '../../lib/useAsync';
import { useSession } from '../../session';
import { CopyButton, EmptyState, ErrorState, Spinner } from '../../ui/misc';
import { errorMessage, useToast } from '../../ui/toast';
import { FormError } from '../auth/AuthLayout';

const EVENT_TYPES: EventType[] = [
  'request.created',
  'request.updated',
  'message.received',
  'sla.warning',
  'sla.breach',
  'incident.logged',
  'escalation.created',
  'transfer.requested',
  'transfer.accepted',
  'transfer.declined',
  'transfer.expired',
  'transfer.cancelled',
  'request.reassigned',
];

function Deliveries({ endpointId }: { endpointId: string }) {
  const now = useNow();
  const log = useAsync((signal) => webhooksApi.deliveries(endpointId, signal), [endpointId]);
  if (log.error) return <ErrorState error={log.error} onRetry={log.reload} />;
  if (!log.data) return <Spinner />;
  if (!log.data.items.length) return <p className="muted small">No deliveries yet.</p>;
  return (
    <div className="table-wrap">
      <table className="table" aria-label="Delivery log">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Event</th>
            <th scope="col">Attempt</th>
            <th scope="col">Status</th>
            <th scope="col">Response</th>
            <th scope="col">Duration</th>
          </tr>
        </thead>
        <tbody>
          {log.data.items.map((d) => (
            <tr key={d.id}>
              <td title={fullTime(d.createdAt)}>{relativeTime(d.createdAt, now)}</td>
              <td>{d.eventType}</td>
              <td>{d.attempt}</td>
              <td>
                <span className="badge">{d.status}</span>
                {d.nextAttemptAt && <span className="muted small"> · next {relativeTime(d.nextAttemptAt, now)}</span>}
              </td>
              <td>{d.responseCode ?? d.error ?? '—'}</td>
              <td>{d.durationMs} ms</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function WebhooksPage() {
  const session = useSession();
  const toast = useToast();
  const list = useAsync((signal) => webhooksApi.list(signal), []);
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [types, setTypes] = useState<EventType[]>([]);
  const [error, setError] = useState<{ field?: string; message: string } | null>(null);
  const [secret, setSecret] = useState<{ id: string; secret: string } | null>(null);
  const [openLog, setOpenLog] = useState<string | null>(null);
  const isOwner = atLeast(session.user.role, 'owner');
  useEffect(() => {
    document.title = 'Webhooks · fitdesk';
  }, []);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const ep = await webhooksApi.create({ url, description, eventTypes: types });
      setSecret({ id: ep.id, secret: ep.secret ?? '' });
      setUrl('');
      setDescription('');
      setTypes([]);
      list.reload();
      toast.success('Endpoint added');
    } catch (err) {
      setError({ field: (err as { field?: string }).field, message: errorMessage(err) });
    }
  };
  const act = async (fn: () => Promise<WebhookEndpoint | { ok: true }>, label: string) => {
    try {
      const out = await fn();
      if ('secret' in out && out.secret) setSecret({ id: out.id, secret: out.secret });
      toast.success(label);
    } catch (e) {
      toast.error(e);
    }
    list.reload();
  };

  return (
    <div className="page page-wide">
      <header className="page-header">
        <h1>Webhooks</h1>
      </header>
      <p className="muted">
        Each event is POSTed as JSON with a <code>fitdesk-signature: t=…,v1=…</code> header: the hex HMAC-SHA256 of <code>{'${t}.${body}'}</code> with the endpoint’s secret. Failed deliveries are retried with growing pauses.
      </p>
      {secret && (
        <div className="notice secret-box" role="status">
          <p>Signing secret (shown now only):</p>
          <div className="secret-row">
            <code className="secret">{secret.secret}</code> <CopyButton text={secret.secret} />
          </div>
        </div>
      )}
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : !list.data ? (
        <Spinner />
      ) : list.data.items.length === 0 ? (
        <EmptyState title="No endpoints yet" />
      ) : (
        <ul className="stack" aria-label="Endpoints">
          {list.data.items.map((ep) => (
            <li key={ep.id} className="panel">
              <div className="section-header">
                <h2>
                  {ep.description || ep.url} {!ep.active && <span className="badge">paused</span>}
                </h2>
                {isOwner && (
                  <div className="button-row">
                    <button type="button" className="button small" onClick={() => void act(() => webhooksApi.update(ep.id, { active: !ep.active }), ep.active ? 'Paused' : 'Resumed')}>
                      {ep.active ? 'Pause' : 'Resume'}
                    </button>
                    <button type="button" className="button small" onClick={() => void act(() => webhooksApi.rotate(ep.id), 'New secret made')}>
                      Rotate secret
                    </button>
                    <button type="button" className="button small danger" onClick={() => void act(() => webhooksApi.remove(ep.id), 'Endpoint deleted')}>
                      Delete
                    </button>
                  </div>
                )}
              </div>
              <p className="small">
                <code>{ep.url}</code> · secret {ep.secretHint} · {ep.eventTypes.length ? ep.eventTypes.join(', ') : 'every event'}
              </p>
              <button type="button" className="link-button" aria-expanded={openLog === ep.id} onClick={() => setOpenLog(openLog === ep.id ? null : ep.id)}>
                {openLog === ep.id ? 'Hide deliveries' : 'Show deliveries'}
              </button>
              {openLog === ep.id && <Deliveries endpointId={ep.id} />}
            </li>
          ))}
        </ul>
      )}
      {isOwner && (
        <section className="panel" aria-labelledby="new-hook-h">
          <h2 id="new-hook-h">New endpoint</h2>
          <form className="stack" onSubmit={(e) => void create(e)} noValidate>
            <div className={error?.field === 'url' ? 'field field-invalid' : 'field'}>
              <label htmlFor="hook-url">URL</label>
              <input id="hook-url" type="url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://example.com/fitdesk" />
            </div>
            <div className="field">
              <label htmlFor="hook-desc">Description</label>
              <input id="hook-desc" value={description} onChange={(e) => setDescription(e.target.value)} />
            </div>
            <fieldset className="filter">
              <legend>Events (none ticked: every event)</legend>
              {EVENT_TYPES.map((t) => (
                <label key={t} style={{ marginRight: '0.75rem' }}>
                  <input type="checkbox" checked={types.includes(t)} onChange={(e) => setTypes(e.target.checked ? [...types, t] : types.filter((x) => x !== t))} /> {t}
                </label>
              ))}
            </fieldset>
            <FormError message={error?.message} />
            <div className="button-row">
              <button type="submit" className="button primary">
                Add endpoint
              </button>
            </div>
          </form>
        </section>
      )}
    </div>
  );
}
