import { useEffect } from 'react';
import type { Transfer } from '@fitdesk/contracts';
import { escalationApi } from '../escalation/escalation-api';
import { fullTime, relativeTime, requestNumber } from '../../lib/format';
import { useAsync, useNow } from '../../lib/useAsync';
import { Link } from '../../router';
import { EmptyState, ErrorState, Spinner } from '../../ui/misc';
import { useToast } from '../../ui/toast';

/** The supervisor's queue: escalations nobody has taken, transfers waiting for acceptance, and chains that ran out of people. */
export function SupervisorPage() {
  const toast = useToast();
  const now = useNow(30_000);
  const q = useAsync((signal) => escalationApi.queue(signal), []);
  useEffect(() => {
    document.title = 'Supervisor queue · fitdesk';
  }, []);

  const take = async (t: Transfer) => {
    try {
      await escalationApi.accept(t.id);
      toast.success(`You own ${t.requestNumber ? requestNumber(t.requestNumber) : 'the request'} now`);
      q.reload();
    } catch (e) {
      toast.error(e);
      q.reload();
    }
  };

  const transferTable = (items: Transfer[], label: string, actions: boolean) => (
    <div className="table-wrap">
      <table className="table" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">Request</th>
            <th scope="col">From</th>
            <th scope="col">To</th>
            <th scope="col">Handoff note</th>
            <th scope="col">{actions ? 'Expires' : 'Ended'}</th>
            {actions && <th scope="col" className="visually-hidden">Actions</th>}
          </tr>
        </thead>
        <tbody>
          {items.map((t) => (
            <tr key={t.id}>
              <td>
                <Link to={`/requests/${t.requestId}`}>{t.requestNumber ? requestNumber(t.requestNumber) : ''} {t.requestSubject}</Link>
              </td>
              <td>{t.fromUserName ?? '—'}</td>
              <td>
                {t.toUserName ?? '—'} <span className="muted small">({t.toTier})</span>
              </td>
              <td>{t.note}</td>
              <td title={fullTime(actions ? t.expiresAt : (t.decidedAt ?? t.createdAt))}>{relativeTime(actions ? t.expiresAt : (t.decidedAt ?? t.createdAt), now)}</td>
              {actions && (
                <td>
                  <button type="button" className="button small" onClick={() => void take(t)}>
                    Take it
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );

  return (
    <div className="page page-wide">
      <header className="page-header">
        <h1>Supervisor queue</h1>
      </header>
      {q.error ? (
        <ErrorState error={q.error} onRetry={q.reload} />
      ) : !q.data ? (
        <Spinner />
      ) : (
        <div className="stack-lg">
          <section className="panel" aria-labelledby="sq-esc">
            <h2 id="sq-esc">Escalated requests ({q.data.escalations.length})</h2>
            {q.data.escalations.length === 0 ? (
              <EmptyState title="Nothing escalated right now" />
            ) : (
              <ul className="simple-list">
                {q.data.escalations.map((e) => (
                  <li key={e.id}>
                    <Link to={`/requests/${e.requestId}`}>
                      {e.requestNumber ? requestNumber(e.requestNumber) : ''} {e.requestSubject}
                    </Link>{' '}
                    <span className="badge">to {e.toTier}</span> <span className="muted small">{e.trigger} · {relativeTime(e.createdAt, now)}</span>
                    <div className="small">{e.reason}</div>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="panel" aria-labelledby="sq-pending">
            <h2 id="sq-pending">Transfers waiting for acceptance ({q.data.pendingTransfers.length})</h2>
            {q.data.pendingTransfers.length === 0 ? <EmptyState title="No transfer is waiting" /> : transferTable(q.data.pendingTransfers, 'Pending transfers', true)}
          </section>
          <section className="panel" aria-labelledby="sq-stalled">
            <h2 id="sq-stalled">Transfers nobody took ({q.data.stalledTransfers.length})</h2>
            {q.data.stalledTransfers.length === 0 ? (
              <EmptyState title="None: every transfer found a taker" />
            ) : (
              transferTable(q.data.stalledTransfers, 'Stalled transfers', false)
            )}
          </section>
        </div>
      )}
    </div>
  );
}
