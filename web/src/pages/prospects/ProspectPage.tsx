import { useEffect, useState } from 'react';
import { atLeast } from '../../lib/roles';
import { useAsync } from '../../lib/useAsync';
import { Link, navigate } from '../../router';
import { useSession } from '../../session';
import { ErrorState, Spinner } from '../../ui/misc';
import { useToast } from '../../ui/toast';
import { lifecycle, REC_LABEL, type LetterPreview } from '../intake/lifecycle-api';
import { Reasons, ScoreChip } from '../intake/Scores';

/** The decision screen: why the prospect scored as it did, then accept (becomes a client) or decline (letter, optional referrals). */
export function ProspectPage({ id }: { id: string }) {
  const session = useSession();
  const toast = useToast();
  const p = useAsync((signal) => lifecycle.prospect(id, signal), [id]);
  const providers = useAsync((signal) => lifecycle.providers(signal), []);
  const [picked, setPicked] = useState<string[]>([]);
  const [letter, setLetter] = useState<LetterPreview | null>(null);
  const [body, setBody] = useState('');
  const [paid, setPaid] = useState('');
  const canDecide = atLeast(session.user.role, 'owner');

  useEffect(() => {
    if (!p.data || p.data.status !== 'new') return;
    lifecycle.declinePreview(id, picked).then((l) => {
      setLetter(l);
      setBody(l.body);
    }, () => undefined);
  }, [id, picked, p.data]);

  if (p.error) return <ErrorState error={p.error} onRetry={p.reload} />;
  const x = p.data;
  if (!x) return <Spinner />;
  return (
    <div className="page">
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <Link to="/prospects">Prospects</Link> <span aria-hidden="true">/</span> <span>{x.name}</span>
      </nav>
      <div className="page-header">
        <div>
          <h1>{x.company ? `${x.name} · ${x.company}` : x.name}</h1>
          <p className="muted">
            {x.email} · via {x.source === 'form' ? 'intake form' : 'API'} · status <strong data-testid="prospect-status">{x.status}</strong>
            {x.referredByName && <> · referred by {x.referredByName}</>}
          </p>
        </div>
      </div>
      <div className="lifecycle-grid">
        <section className="panel" aria-labelledby="fit-h">
          <h2 id="fit-h">Fit</h2>
          <p>
            <ScoreChip score={x.fitScore} band={x.fitBand} /> Recommendation: <strong>{REC_LABEL[x.recommendation] ?? x.recommendation}</strong>
          </p>
          {x.misfit && (
            <p className="flag" role="note">
              Known misfit: {x.misfit.clientName} left{x.misfit.reason ? ` (${x.misfit.reason})` : ''}; matched by {x.misfit.by}.
            </p>
          )}
          <Reasons reasons={x.fit.reasons} />
          {x.fit.recommendationReasons.map((r) => (
            <p key={r} className="muted small">{r}</p>
          ))}
          <h3>Lookalike</h3>
          {x.lookalike ? (
            <>
              <p><strong>{x.lookalike.score}</strong> / 100 against the healthiest clients</p>
              <ul className="muted small">
                {x.lookalike.reasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            </>
          ) : (
            <p className="muted">No healthy clients with intake answers to compare with yet.</p>
          )}
        </section>
        <section className="panel" aria-labelledby="answers-h">
          <h2 id="answers-h">Answers</h2>
          <dl className="details">
            {Object.entries(x.answers).map(([k, v]) => (
              <div key={k} style={{ display: 'contents' }}>
                <dt>{k.replace(/_/g, ' ')}</dt>
                <dd>{Array.isArray(v) ? v.join(', ') : String(v ?? '—')}</dd>
              </div>
            ))}
          </dl>
        </section>
      </div>
      {x.status === 'new' && canDecide && (
        <div className="lifecycle-grid">
          <section className="panel" aria-labelledby="accept-h">
            <h2 id="accept-h">Accept</h2>
            <p className="muted">The prospect becomes an active client with their answers and fit score.</p>
            <div className="field">
              <label htmlFor="paid">Amount paid for the first period (optional, e.g. 1200.00)</label>
              <input id="paid" inputMode="decimal" value={paid} onChange={(e) => setPaid(e.target.value)} />
            </div>
            <button
              type="button"
              className="button primary"
              onClick={async () => {
                try {
                  const minor = paid.trim() ? Math.round(Number(paid) * 100) : undefined;
                  const r = await lifecycle.accept(id, minor !== undefined && Number.isFinite(minor) ? { paidAmountMinor: minor, revenueMinor: minor } : {});
                  toast.success('Accepted: now an active client');
                  navigate(`/clients/${r.clientId}`);
                } catch (e) {
                  toast.error(e);
                }
              }}
            >
              Accept as client
            </button>
          </section>
          <section className="panel" aria-labelledby="decline-h">
            <h2 id="decline-h">Decline</h2>
            <fieldset className="field">
              <legend>Refer to a better-suited provider</legend>
              <div className="check-list">
                {(providers.data?.items ?? []).map((pr) => (
                  <label key={pr.id}>
                    <input type="checkbox" checked={picked.includes(pr.id)} onChange={(e) => setPicked(e.target.checked ? [...picked, pr.id] : picked.filter((y) => y !== pr.id))} />
                    <span>
                      {pr.name} <span className="muted small">({pr.specialties.join(', ')})</span>
                    </span>
                  </label>
                ))}
                {providers.data && !providers.data.items.length && <p className="muted small"><Link to="/referrals">Add providers to the referral directory</Link></p>}
              </div>
            </fieldset>
            {letter && (
              <div className="field">
                <label htmlFor="decline-letter">Letter to {letter.to} — {letter.subject}</label>
                <textarea id="decline-letter" rows={12} value={body} onChange={(e) => setBody(e.target.value)} />
              </div>
            )}
            <button
              type="button"
              className="button danger"
              onClick={async () => {
                try {
                  const d = await lifecycle.decline(id, { providerIds: picked, ...(body ? { body } : {}) });
                  p.setData(d);
                  toast.success('Declined: the letter is on its way');
                } catch (e) {
                  toast.error(e);
                }
              }}
            >
              Decline and send letter
            </button>
          </section>
        </div>
      )}
      {x.status !== 'new' && (
        <section className="panel">
          <h2>Decision</h2>
          <p>
            {x.status === 'accepted' && x.clientId ? <Link to={`/clients/${x.clientId}`}>Open the client</Link> : null}
            {x.status === 'declined' && x.letterRequestId ? <Link to={`/requests/${x.letterRequestId}`}>Open the decline letter</Link> : null}
          </p>
        </section>
      )}
    </div>
  );
}
