import './mail.css';
import { fullTime } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { ErrorState, Spinner } from '../../ui/misc';
import { fileSize, mailApi, mailLinks } from './mailApi';

const KIND_LABEL = { auto_reply: 'Auto-reply', bounce: 'Bounce', normal: 'Mail', bulk: 'Bulk mail' } as const;

/**
 * The email side of a request, for the request view: attachments (downloadable), the raw source
 * of every received message, auto-replies and bounces kept for the record, and the replies sent
 * with their delivery state. Renders nothing for requests that never touched email.
 */
export function RequestMailPanel({ requestId }: { requestId: string }) {
  const mail = useAsync((signal) => mailApi.requestMail(requestId, signal), [requestId]);
  if (mail.loading && !mail.data) return <Spinner label="Loading email details…" />;
  if (mail.error) return <ErrorState error={mail.error} onRetry={mail.reload} />;
  const m = mail.data;
  if (!m || (!m.attachments.length && !m.rawMessages.length && !m.automatic.length && !m.outbox.length)) return null;
  return (
    <section className="panel stack request-mail" aria-labelledby={`mail-${requestId}`} data-testid="request-mail">
      <h2 id={`mail-${requestId}`}>Email</h2>
      {m.attachments.length > 0 && (
        <div>
          <h3 className="small">Attachments</h3>
          <ul className="plain-list">
            {m.attachments.map((a) => (
              <li key={a.id}>
                {a.stored ? <a href={mailLinks.attachment(a.id)} download={a.filename}>{a.filename}</a> : <span>{a.filename}</span>}{' '}
                <span className="muted small">
                  {a.contentType} · {fileSize(a.size)}
                  {!a.stored && ' · above the size cap, kept in the raw message'}
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {m.rawMessages.length > 0 && (
        <div>
          <h3 className="small">Original messages</h3>
          <ul className="plain-list">
            {m.rawMessages.map((r) => (
              <li key={r.rawId}>
                <a href={mailLinks.raw(r.rawId)} download>
                  Received {fullTime(r.receivedAt)} (.eml)
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
      {m.automatic.length > 0 && (
        <div>
          <h3 className="small">Automatic mail (never answered)</h3>
          <ul className="plain-list">
            {m.automatic.map((a) => (
              <li key={a.rawId}>
                <span className="badge">{KIND_LABEL[a.kind]}</span> {a.subject ?? '(no subject)'} <span className="muted small">from {a.from ?? 'unknown'} · {fullTime(a.receivedAt)}</span>{' '}
                <a href={mailLinks.raw(a.rawId)} download>.eml</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      {m.outbox.length > 0 && (
        <div>
          <h3 className="small">Sent by email</h3>
          <ul className="plain-list">
            {m.outbox.map((o) => (
              <li key={o.id}>
                <span className={`badge ${o.status === 'failed' ? 'badge-danger' : ''}`}>{o.status}</span> to {o.toAddresses.join(', ')} · {fullTime(o.createdAt)}
                {o.lastError && <span className="muted small"> · {o.lastError}</span>}
                {o.status === 'sent' && (
                  <>
                    {' '}
                    <a href={mailLinks.outboxEml(o.id)} download>.eml</a>
                  </>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
