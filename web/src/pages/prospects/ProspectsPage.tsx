import { useState } from 'react';
import { relativeTime } from '../../lib/format';
import { useAsync, useNow } from '../../lib/useAsync';
import { Link } from '../../router';
import { EmptyState, ErrorState, Spinner } from '../../ui/misc';
import { lifecycle, REC_LABEL } from '../intake/lifecycle-api';
import { ScoreChip } from '../intake/Scores';

/** Prospects from the intake form and the API, newest first, with fit, lookalike and misfit flags. */
export function ProspectsPage() {
  const now = useNow();
  const [status, setStatus] = useState<'new' | 'accepted' | 'declined' | ''>('new');
  const list = useAsync((signal) => lifecycle.prospects({ ...(status ? { status } : {}), limit: 100 }, signal), [status]);
  return (
    <div className="page">
      <div className="page-header">
        <h1>Prospects</h1>
        <div className="button-row">
          <label htmlFor="prospect-status" className="muted">Show</label>
          <select id="prospect-status" value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
            <option value="new">To decide</option>
            <option value="accepted">Accepted</option>
            <option value="declined">Declined</option>
            <option value="">All</option>
          </select>
          <Link to="/intake" className="button">Profile &amp; form</Link>
        </div>
      </div>
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : !list.data ? (
        <Spinner />
      ) : !list.data.items.length ? (
        <EmptyState title="No prospects here yet">Share the public intake form from the profile page.</EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>Prospect</th>
                <th>Fit</th>
                <th>Lookalike</th>
                <th>Recommendation</th>
                <th>Status</th>
                <th>Applied</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((p) => (
                <tr key={p.id} className="prospect-row">
                  <td>
                    <Link to={`/prospects/${p.id}`}>{p.company ? `${p.name} · ${p.company}` : p.name}</Link>
                    <div className="muted small">{p.email}</div>
                    {p.misfit && <div className="flag small">Former client who left as a misfit ({p.misfit.clientName})</div>}
                  </td>
                  <td><ScoreChip score={p.fitScore} band={p.fitBand} /></td>
                  <td>{p.lookalikeScore ?? '—'}</td>
                  <td>{REC_LABEL[p.recommendation] ?? p.recommendation}</td>
                  <td>{p.status}</td>
                  <td>{relativeTime(p.createdAt, now)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
