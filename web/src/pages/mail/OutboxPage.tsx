import './mail.css';
import { useState } from 'react';
import { fullTime } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { EmptyState, ErrorState, Spinner } from '../../ui/misc';
import { useToast } from '../../ui/toast';
import { mailApi, mailLinks, type OutboxItem } from './mailApi';

/** Everything fitdesk sent or is trying to send, and (development) the .eml it wrote, readable in place. */
export function OutboxPage() {
  const toast = useToast();
  const [status, setStatus] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const list = useAsync((signal) => mailApi.outbox({ status }, signal), [status]);
  const retry = async (o: OutboxItem) => {
    try {
      await mailApi.retry(o.id);
      toast.success('Queued again');
      list.reload();
    } catch (e) {
      toast.error(e);
    }
  };
  return (
    <div className="stack-lg mail-page">
      <section className="panel" aria-labelledby="outbox-h">
        <div className="row-between">
          <h2 id="outbox-h">Outbox</h2>
          <label>
            Show{' '}
            <select value={status} onChange={(e) => setStatus(e.target.value)}>
              <option value="">all</option>
              <option value="queued">waiting</option>
              <option value="sent">sent</option>
              <option value="failed">failed</option>
            </select>
          </label>
        </div>
        {list.loading && !list.data ? (
          <Spinner />
        ) : list.error ? (
          <ErrorState error={list.error} onRetry={list.reload} />
        ) : !list.data?.items.length ? (
          <EmptyState title="Nothing sent yet" />
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th>When</th>
                <th>To</th>
                <th>Subject</th>
                <th>Status</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((o) => (
                <tr key={o.id} data-testid="outbox-row">
                  <td>{fullTime(o.createdAt)}</td>
                  <td>{o.toAddresses.join(', ')}</td>
                  <td>
                    <button type="button" className="link-button" onClick={() => setOpen(open === o.id ? null : o.id)}>
                      {o.subject}
                    </button>
                  </td>
                  <td>
                    {o.status}
                    {o.transport === 'file' && ' (file)'}
                    {o.attempts > 1 && ` · ${o.attempts} attempts`}
                    {o.lastError && <div className="small text-danger">{o.lastError}</div>}
                  </td>
                  <td>
                    {o.status !== 'sent' && (
                      <button type="button" className="button" onClick={() => void retry(o)}>
                        Retry
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {open && <OutboxMessage id={open} />}
    </div>
  );
}

function OutboxMessage({ id }: { id: string }) {
  const item = useAsync((signal) => mailApi.outboxItem(id, signal), [id]);
  if (item.loading && !item.data) return <Spinner />;
  if (item.error) return <ErrorState error={item.error} onRetry={item.reload} />;
  const o = item.data!;
  return (
    <section className="panel" aria-label="Message source">
      <div className="row-between">
        <h3>{o.subject}</h3>
        {o.raw && (
          <a className="button" href={mailLinks.outboxEml(o.id)} download>
            Download .eml
          </a>
        )}
      </div>
      <p className="small muted">
        Message-ID {o.messageIdHeader}
        {o.inReplyTo && <> · In-Reply-To {o.inReplyTo}</>}
      </p>
      <pre className="eml" style={{ whiteSpace: 'pre-wrap', maxHeight: 480, overflow: 'auto' }}>
        {o.raw ?? o.bodyText}
      </pre>
    </section>
  );
}
