import { useAsync } from '../../lib/useAsync';
import { Link } from '../../router';
import { EmptyState, ErrorState, Spinner } from '../../ui/misc';
import { lifecycle } from '../intake/lifecycle-api';

/** Right-client growth: which clients bring referrals, and how well those referrals fit. */
export function GrowthPage() {
  const report = useAsync((signal) => lifecycle.referralReport(signal), []);
  return (
    <div className="page">
      <div className="page-header">
        <h1>Referrals in</h1>
      </div>
      {report.error ? (
        <ErrorState error={report.error} onRetry={report.reload} />
      ) : !report.data ? (
        <Spinner />
      ) : !report.data.items.length ? (
        <EmptyState title="No referrals recorded yet">Prospects name who referred them on the intake form; you can also set it on a client.</EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead><tr><th>Referrer</th><th className="num">Health</th><th className="num">Referred</th><th className="num">Mean fit</th><th>Who</th></tr></thead>
            <tbody>
              {report.data.items.map((r) => (
                <tr key={r.clientId}>
                  <td><Link to={`/clients/${r.clientId}`}>{r.name}</Link></td>
                  <td className="num">{r.healthScore ?? '—'}</td>
                  <td className="num">{r.referredCount}</td>
                  <td className="num">{r.meanReferredFit ?? '—'}</td>
                  <td>
                    {r.referred.map((x, i) => (
                      <span key={x.id}>
                        {i ? ', ' : ''}
                        {x.kind === 'client' ? <Link to={`/clients/${x.id}`}>{x.name}</Link> : <Link to={`/prospects/${x.id}`}>{x.name}</Link>} ({x.fitScore ?? '—'}, {x.status})
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
