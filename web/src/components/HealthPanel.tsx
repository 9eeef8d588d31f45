import { useState } from 'react';
import { atLeast } from '../lib/roles';
import { useAsync } from '../lib/useAsync';
import { Link, navigate } from '../router';
import { useSession } from '../session';
import { ErrorState, Spinner } from '../ui/misc';
import { useToast } from '../ui/toast';
import { lifecycle, moneyMinor, REC_LABEL } from '../pages/intake/lifecycle-api';
import { HistoryChart, Reasons, ScoreChip } from '../pages/intake/Scores';

/** Client page: health score, band, trend, breakdown, history chart, review decisions, referrals, money, and the way out. */
export function HealthPanel({ clientId, clientStatus }: { clientId: string; clientStatus: string }) {
  const session = useSession();
  const toast = useToast();
  const view = useAsync((signal) => lifecycle.health(clientId, signal), [clientId]);
  const exits = useAsync((signal) => lifecycle.exitsOf(clientId, signal), [clientId]);
  const [editing, setEditing] = useState(false);
  const [money, setMoney] = useState({ revenue: '', paid: '' });
  const isOwner = atLeast(session.user.role, 'owner');
  if (view.error) return <ErrorState error={view.error} onRetry={view.reload} />;
  const v = view.data;
  if (!v) return <Spinner label="Loading health…" />;
  const h = v.current;
  const open = exits.data?.items.find((e) => e.status === 'in_progress');
  const cur = v.lifecycle.currency;
  return (
    <section className="section health-panel" aria-labelledby="health-h">
      <div className="section-header">
        <h2 id="health-h">Health</h2>
        <div className="button-row">
          <button type="button" className="button" onClick={async () => view.setData(await lifecycle.recompute(clientId).catch((e: unknown) => (toast.error(e), v)))}>
            Recompute
          </button>
          {isOwner && clientStatus !== 'former' && (
            open ? (
              <Link className="button" to={`/exits/${open.id}`}>Resume exit</Link>
            ) : (
              <button type="button" className="button danger" onClick={async () => {
                try {
                  const e = await lifecycle.startExit(clientId, 'misfit', '');
                  navigate(`/exits/${e.id}`);
                } catch (err) {
                  toast.error(err);
                }
              }}>Part ways…</button>
            )
          )}
        </div>
      </div>
      <div className="lifecycle-grid">
        <div className="panel">
          {h ? (
            <>
              <p data-testid="health-score">
                <ScoreChip score={h.score} band={h.band} />
                {h.trend && <span className="muted"> {h.trend.direction} ({h.trend.delta > 0 ? '+' : ''}{h.trend.delta} in 30 days)</span>}
              </p>
              <p>Recommendation: <strong>{REC_LABEL[h.recommendation]}</strong>{h.recommendationReasons.length ? <span className="muted"> — {h.recommendationReasons.join('; ')}</span> : null}</p>
              <table className="table components">
                <thead><tr><th>Component</th><th className="num">Score</th><th className="num">Weight</th><th className="num">Points</th></tr></thead>
                <tbody>
                  {h.components.map((c) => (
                    <tr key={c.name} title={c.detail}>
                      <td>{c.name}<div className="muted small">{c.detail}</div></td>
                      <td className="num">{Math.round(c.score)}</td>
                      <td className="num">{Math.round(c.weight * 100)}%</td>
                      <td className="num">{c.contribution > 0 ? '+' : ''}{c.contribution}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {h.skipped.length > 0 && <p className="muted small">Not scored (no data): {h.skipped.join(', ')}</p>}
            </>
          ) : (
            <p className="muted">Not scored yet. Press Recompute.</p>
          )}
        </div>
        <div className="panel">
          <h3>History</h3>
          <HistoryChart points={v.history} label="Health score over time" />
          <dl className="details">
            <dt>Fit at intake</dt><dd>{v.lifecycle.fitScore ?? '—'}</dd>
            <dt>Staff time</dt><dd>{(v.staffMinutes / 60).toFixed(1)} h</dd>
            <dt>Revenue</dt><dd>{moneyMinor(v.lifecycle.revenueMinor, cur)}</dd>
            <dt>Paid this period</dt><dd>{moneyMinor(v.lifecycle.paidAmountMinor, cur)}</dd>
            <dt>Boundary incidents</dt><dd>{v.incidents}</dd>
            <dt>Referred by</dt><dd>{v.referredByName ?? v.lifecycle.referredByNote ?? '—'}</dd>
          </dl>
          {editing ? (
            <form onSubmit={async (e) => {
              e.preventDefault();
              try {
                const num = (s: string) => (s.trim() === '' ? undefined : Math.round(Number(s) * 100));
                await lifecycle.updateLifecycle(clientId, { ...(num(money.revenue) !== undefined ? { revenueMinor: num(money.revenue)! } : {}), ...(num(money.paid) !== undefined ? { paidAmountMinor: num(money.paid)! } : {}) });
                setEditing(false);
                view.setData(await lifecycle.recompute(clientId));
              } catch (err) {
                toast.error(err);
              }
            }}>
              <div className="field"><label htmlFor="rev">Revenue ({cur})</label><input id="rev" inputMode="decimal" value={money.revenue} onChange={(e) => setMoney({ ...money, revenue: e.target.value })} /></div>
              <div className="field"><label htmlFor="paid-period">Paid this period ({cur})</label><input id="paid-period" inputMode="decimal" value={money.paid} onChange={(e) => setMoney({ ...money, paid: e.target.value })} /></div>
              <div className="button-row"><button className="button primary" type="submit">Save</button><button className="button" type="button" onClick={() => setEditing(false)}>Cancel</button></div>
            </form>
          ) : (
            <button type="button" className="button subtle small" onClick={() => setEditing(true)}>Edit revenue</button>
          )}
        </div>
      </div>
      {h && (
        <details>
          <summary>Why this score</summary>
          <Reasons reasons={h.reasons} />
        </details>
      )}
      {v.decisions.length > 0 && (
        <div className="panel">
          <h3>Review decisions</h3>
          <ul>
            {v.decisions.map((d) => (
              <li key={d.id}>
                {d.status === 'decided' ? <strong>{REC_LABEL[d.decision ?? '']}</strong> : 'awaiting decision'} · score {d.score} · {new Date(d.createdAt).toLocaleDateString()}
                {d.note ? ` — ${d.note}` : ''}
                {d.decidedByName ? <span className="muted"> ({d.decidedByName})</span> : null}
              </li>
            ))}
          </ul>
        </div>
      )}
      {v.referrals.length > 0 && (
        <div className="panel">
          <h3>Referrals this client brought</h3>
          <ul>
            {v.referrals.map((r) => (
              <li key={r.clientId}>{r.name} · fit {r.fitScore ?? '—'} · {r.status}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
