import { useState } from 'react';
import { atLeast } from '../../lib/roles';
import { useAsync } from '../../lib/useAsync';
import { Link, navigate } from '../../router';
import { useSession } from '../../session';
import { EmptyState, ErrorState, Spinner } from '../../ui/misc';
import { useToast } from '../../ui/toast';
import { lifecycle, REC_LABEL, type ReviewItem } from '../intake/lifecycle-api';
import { Reasons, ScoreChip } from '../intake/Scores';
import { EffortValueChart } from './EffortValueChart';

const DECISIONS = ['keep', 'coach', 'escalate', 'part_ways'] as const;

/** The owner's review queue: at-risk and falling clients with their breakdown and a decision. */
export function ReviewPage() {
  const toast = useToast();
  const session = useSession();
  const [status, setStatus] = useState<'open' | 'decided'>('open');
  const queue = useAsync((signal) => lifecycle.reviewQueue(status, signal), [status]);
  const book = useAsync((signal) => lifecycle.book(signal), []);
  const repairs = useAsync((signal) => lifecycle.repairReport(signal), []);
  const canRun = atLeast(session.user.role, 'supervisor');
  return (
    <div className="page">
      <div className="page-header">
        <h1>Review queue</h1>
        <div className="button-row">
          <select aria-label="Show" value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
            <option value="open">To review</option>
            <option value="decided">Decided</option>
          </select>
          {canRun && (
            <button
              type="button"
              className="button primary"
              onClick={async () => {
                try {
                  const r = await lifecycle.runReview();
                  toast.success(r.added ? `${r.added} client(s) added to the queue` : 'No new clients need review');
                  queue.reload();
                  book.reload();
                } catch (e) {
                  toast.error(e);
                }
              }}
            >
              Run review now
            </button>
          )}
        </div>
      </div>
      {queue.error ? (
        <ErrorState error={queue.error} onRetry={queue.reload} />
      ) : !queue.data ? (
        <Spinner />
      ) : !queue.data.items.length ? (
        <EmptyState title={status === 'open' ? 'Nobody needs review' : 'No decisions yet'} />
      ) : (
        queue.data.items.map((item) => <ReviewCard key={item.id} item={item} onDecided={() => queue.reload()} />)
      )}
      <section className="section" aria-labelledby="book-h">
        <h2 id="book-h">Effort vs value</h2>
        {book.data ? <EffortValueChart book={book.data} /> : <Spinner />}
      </section>
      <section className="section" aria-labelledby="repairs-h">
        <h2 id="repairs-h">Which repairs work</h2>
        {repairs.data && repairs.data.rows.length ? (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr><th>Situation</th><th>Repair</th><th className="num">Tried</th><th className="num">Resolved</th><th className="num">Still unhappy</th><th className="num">Client left</th></tr>
              </thead>
              <tbody>
                {repairs.data.rows.map((r) => (
                  <tr key={`${r.situation}-${r.choice}`}>
                    <td>{r.situation.replace(/_/g, ' ')}</td>
                    <td>{r.choice.replace(/_/g, ' ')}{repairs.data!.bestBySituation[r.situation] === r.choice ? ' ★' : ''}</td>
                    <td className="num">{r.n}</td>
                    <td className="num">{Math.round(r.resolvedRate * 100)}%</td>
                    <td className="num">{Math.round(r.stillUnhappyRate * 100)}%</td>
                    <td className="num">{Math.round(r.clientLeftRate * 100)}%</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">No repair outcomes recorded yet{repairs.data?.open ? ` (${repairs.data.open} awaiting an outcome)` : ''}.</p>
        )}
      </section>
    </div>
  );
}

function ReviewCard({ item, onDecided }: { item: ReviewItem; onDecided: () => void }) {
  const toast = useToast();
  const [note, setNote] = useState('');
  const [decided, setDecided] = useState<ReviewItem | null>(item.status === 'decided' ? item : null);
  const h = item.health;
  return (
    <section className="panel review-item" aria-label={`Review of ${item.clientName ?? 'client'}`}>
      <div className="section-header">
        <h2>
          <Link to={`/clients/${item.clientId}`}>{item.clientName}</Link>
        </h2>
        <ScoreChip score={item.score} band={item.band} />
      </div>
      <p>
        {item.why === 'at_risk' ? 'At risk' : 'Falling fast'}
        {h.trend ? ` · ${h.trend.delta > 0 ? '+' : ''}${h.trend.delta} in 30 days` : ''} · {item.incidents} boundary incident(s) · {(item.staffMinutes / 60).toFixed(1)} staff hours
        {item.revenueMinor !== null ? ` for ${(item.revenueMinor / 100).toFixed(0)} revenue` : ''}
      </p>
      <p>
        Recommendation: <strong data-testid="review-recommendation">{REC_LABEL[item.recommendation]}</strong>
        {h.recommendationReasons.length ? <span className="muted"> — {h.recommendationReasons.join('; ')}</span> : null}
      </p>
      <Reasons reasons={h.reasons} />
      {decided ? (
        <p>
          Decided: <strong data-testid="review-decision">{REC_LABEL[decided.decision ?? ''] ?? decided.decision}</strong>
          {decided.note ? ` — ${decided.note}` : ''}
          {decided.decision === 'part_ways' && (
            <>
              {' '}
              <button
                type="button"
                className="button"
                onClick={async () => {
                  try {
                    const exit = await lifecycle.startExit(item.clientId, 'misfit', decided.note ?? '');
                    navigate(`/exits/${exit.id}`);
                  } catch (e) {
                    toast.error(e);
                  }
                }}
              >
                Start exit
              </button>
            </>
          )}
        </p>
      ) : (
        <>
          <div className="field">
            <label htmlFor={`note-${item.id}`}>Decision note</label>
            <input id={`note-${item.id}`} value={note} onChange={(e) => setNote(e.target.value)} />
          </div>
          <div className="button-row">
            {DECISIONS.map((d) => (
              <button
                key={d}
                type="button"
                className={d === item.recommendation ? 'button primary' : 'button'}
                onClick={async () => {
                  try {
                    setDecided(await lifecycle.decide(item.id, d, note));
                    toast.success('Decision recorded');
                  } catch (e) {
                    toast.error(e);
                    onDecided();
                  }
                }}
              >
                {REC_LABEL[d]}
              </button>
            ))}
          </div>
        </>
      )}
    </section>
  );
}
