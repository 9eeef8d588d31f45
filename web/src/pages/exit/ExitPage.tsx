import { useEffect, useState } from 'react';
import { useAsync } from '../../lib/useAsync';
import { Link } from '../../router';
import { ErrorState, Spinner } from '../../ui/misc';
import { useToast } from '../../ui/toast';
import { lifecycle, moneyMinor, type Exit } from '../intake/lifecycle-api';
import '../intake/lifecycle.css';

const STEP_LABEL = { refund: 'Refund', referral: 'Referral', letter: 'Farewell letter', export: 'Data export', close: 'Close' } as const;

/** The exit wizard: every step is saved on the server, so it can be left and resumed. */
export function ExitPage({ id }: { id: string }) {
  const toast = useToast();
  const exit = useAsync((signal) => lifecycle.exit(id, signal), [id]);
  const providers = useAsync((signal) => lifecycle.providers(signal), []);
  const x = exit.data;
  const run = async (fn: () => Promise<Exit>, ok: string) => {
    try {
      exit.setData(await fn());
      toast.success(ok);
    } catch (e) {
      toast.error(e);
    }
  };
  if (exit.error) return <ErrorState error={exit.error} onRetry={exit.reload} />;
  if (!x) return <Spinner />;
  const s = x.steps;
  const done = x.status === 'completed';
  return (
    <div className="page">
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <Link to={`/clients/${x.clientId}`}>{x.clientName}</Link> <span aria-hidden="true">/</span> <span>Exit</span>
      </nav>
      <div className="page-header">
        <div>
          <h1>Parting ways with {x.clientName}</h1>
          <p className="muted">Reason: {x.reason.replace(/_/g, ' ')}{x.note ? ` — ${x.note}` : ''} · {done ? 'completed' : 'in progress'}</p>
        </div>
      </div>
      <ol className="steps" aria-label="Steps">
        {(Object.keys(STEP_LABEL) as Array<keyof typeof STEP_LABEL>).map((k) => (
          <li key={k} className={s[k].state}>
            {STEP_LABEL[k]}: {s[k].state}
          </li>
        ))}
      </ol>

      <section className="panel" aria-labelledby="refund-h">
        <h2 id="refund-h">1. Refund</h2>
        {s.refund.state === 'pending' && !done ? <RefundStep exit={x} onDone={(e) => exit.setData(e)} /> : <p data-testid="refund-result">{s.refund.state === 'waived' ? `Waived: ${String(s.refund.detail.reason)}` : `Refunded ${moneyMinor(Number(s.refund.detail.amountMinor), String(s.refund.detail.currency))} by ${String(s.refund.detail.method)}`}</p>}
      </section>

      <section className="panel" aria-labelledby="referral-h">
        <h2 id="referral-h">2. Referral</h2>
        {s.referral.state === 'pending' && !done ? (
          <ReferralStep exit={x} providers={providers.data?.items ?? []} onSave={(ids) => run(() => lifecycle.referral(id, ids), ids.length ? 'Referral saved' : 'Referral skipped')} />
        ) : (
          <p>{s.referral.state === 'done' ? `Referred to ${((s.referral.detail.providers as Array<{ name: string }> | undefined) ?? []).map((p) => p.name).join(', ')}` : s.referral.state}</p>
        )}
      </section>

      <section className="panel" aria-labelledby="letter-h">
        <h2 id="letter-h">3. Farewell letter</h2>
        {s.letter.state === 'pending' && !done ? <LetterStep exit={x} onSend={(body) => run(() => lifecycle.sendLetter(id, { body }), 'Farewell letter sent')} /> : <p>{s.letter.state === 'done' ? <>Sent to {String(s.letter.detail.to)} · <Link to={`/requests/${String(s.letter.detail.requestId)}`}>open the letter</Link></> : s.letter.state}</p>}
      </section>

      <section className="panel" aria-labelledby="export-h">
        <h2 id="export-h">4. Data export</h2>
        <p className="muted">Everything we hold on the client, as JSON and CSV in a zip; attached to the farewell letter.</p>
        {s.export.state === 'done' ? (
          <p>
            <a href={lifecycle.exportUrl(id)} download data-testid="export-link">Download the export</a> <span className="muted">({Math.round(Number(s.export.detail.bytes) / 1024)} KB, {(s.export.detail.files as string[] | undefined)?.length ?? 0} files)</span>
          </p>
        ) : null}
        {!done && (
          <button type="button" className="button" onClick={() => run(() => lifecycle.produceExport(id), 'Export ready')}>
            {s.export.state === 'done' ? 'Produce again' : 'Produce export'}
          </button>
        )}
      </section>

      <section className="panel" aria-labelledby="close-h">
        <h2 id="close-h">5. Close</h2>
        {done ? (
          <p data-testid="exit-complete">Completed: {String(s.close.detail.closedRequests ?? 0)} open request(s) closed; the client is now a former client.</p>
        ) : (
          <CloseStep openRequests={x.openRequests} refundPending={s.refund.state === 'pending'} onClose={(note) => run(() => lifecycle.complete(id, note), 'Exit completed')} />
        )}
      </section>
    </div>
  );
}

function RefundStep({ exit, onDone }: { exit: Exit; onDone: (e: Exit) => void }) {
  const toast = useToast();
  const sug = exit.refundSuggestion;
  const [amount, setAmount] = useState(sug ? (sug.amount / 100).toFixed(2) : '');
  const [method, setMethod] = useState('bank transfer');
  const [reference, setReference] = useState('');
  const [override, setOverride] = useState('');
  const [waive, setWaive] = useState('');
  const [err, setErr] = useState<Record<string, string>>({});
  const submit = async (body: Parameters<typeof lifecycle.refund>[1]) => {
    setErr({});
    try {
      onDone(await lifecycle.refund(exit.id, body));
      toast.success('Refund step recorded');
    } catch (e) {
      const f = (e as { field?: string }).field ?? 'form';
      setErr({ [f]: e instanceof Error ? e.message.replace(/^\w+: /, '') : String(e) });
    }
  };
  return (
    <>
      {sug && (
        <div data-testid="refund-suggestion">
          <p>
            Per policy: <strong>{moneyMinor(sug.amount, sug.currency)}</strong> ({sug.rule.replace(/_/g, ' ')})
          </p>
          <ul className="muted small">
            {sug.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="lifecycle-grid">
        <div className="field"><label htmlFor="refund-amount">Amount ({sug?.currency ?? 'USD'})</label><input id="refund-amount" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />{err.amountMinor && <p className="field-error" role="alert">{err.amountMinor}</p>}</div>
        <div className="field"><label htmlFor="refund-method">Method</label><input id="refund-method" value={method} onChange={(e) => setMethod(e.target.value)} />{err.method && <p className="field-error" role="alert">{err.method}</p>}</div>
        <div className="field"><label htmlFor="refund-ref">Reference</label><input id="refund-ref" value={reference} onChange={(e) => setReference(e.target.value)} /></div>
        <div className="field"><label htmlFor="refund-override">Why the amount differs from the policy</label><input id="refund-override" value={override} onChange={(e) => setOverride(e.target.value)} />{err.overrideReason && <p className="field-error" role="alert">{err.overrideReason}</p>}</div>
      </div>
      {err.form && <p className="field-error" role="alert">{err.form}</p>}
      <div className="button-row">
        <button type="button" className="button primary" onClick={() => submit({ method, reference, amountMinor: Math.round(Number(amount) * 100), ...(override ? { overrideReason: override } : {}) })}>
          Record refund
        </button>
      </div>
      <div className="field">
        <label htmlFor="refund-waive">Or waive the refund — reason</label>
        <input id="refund-waive" value={waive} onChange={(e) => setWaive(e.target.value)} />
        {err.reason && <p className="field-error" role="alert">{err.reason}</p>}
      </div>
      <button type="button" className="button" onClick={() => submit({ waive: true, reason: waive })}>
        Waive refund
      </button>
    </>
  );
}

function ReferralStep({ exit, providers, onSave }: { exit: Exit; providers: Array<{ id: string; name: string; specialties: string[] }>; onSave: (ids: string[]) => void }) {
  const [picked, setPicked] = useState<string[]>(exit.referralSuggestions.slice(0, 1).map((s) => s.id));
  const score = new Map(exit.referralSuggestions.map((s) => [s.id, s]));
  return (
    <>
      <div className="check-list">
        {providers.map((p) => (
          <label key={p.id}>
            <input type="checkbox" checked={picked.includes(p.id)} onChange={(e) => setPicked(e.target.checked ? [...picked, p.id] : picked.filter((x) => x !== p.id))} />
            <span>
              {p.name} <span className="muted small">({p.specialties.join(', ')}){score.get(p.id) ? ` · suggested, match ${score.get(p.id)!.score}` : ''}</span>
            </span>
          </label>
        ))}
        {!providers.length && <p className="muted"><Link to="/referrals">The referral directory is empty</Link></p>}
      </div>
      <div className="button-row">
        <button type="button" className="button primary" disabled={!picked.length} onClick={() => onSave(picked)}>Refer</button>
        <button type="button" className="button" onClick={() => onSave([])}>No referral</button>
      </div>
    </>
  );
}

function LetterStep({ exit, onSend }: { exit: Exit; onSend: (body: string) => void }) {
  const [body, setBody] = useState('');
  const [meta, setMeta] = useState<{ subject: string; to: string | null } | null>(null);
  const key = `${exit.steps.refund.state}|${exit.steps.referral.state}`;
  useEffect(() => {
    lifecycle.letter(exit.id).then((l) => {
      setBody(l.body);
      setMeta({ subject: l.subject, to: l.to });
    }, () => undefined);
  }, [exit.id, key]);
  if (!meta) return <Spinner />;
  return (
    <>
      <div className="field">
        <label htmlFor="farewell">To {meta.to ?? '(no contact)'} — {meta.subject}</label>
        <textarea id="farewell" rows={14} value={body} onChange={(e) => setBody(e.target.value)} />
      </div>
      <button type="button" className="button primary" disabled={exit.steps.refund.state === 'pending'} onClick={() => onSend(body)}>
        Send farewell letter
      </button>
      {exit.steps.refund.state === 'pending' && <span className="muted small"> Record or waive the refund first: the letter states it.</span>}
    </>
  );
}

function CloseStep({ openRequests, refundPending, onClose }: { openRequests: number; refundPending: boolean; onClose: (note?: string) => void }) {
  const [note, setNote] = useState('');
  return (
    <>
      <p>{openRequests} open request(s) will be closed with this note, and the client becomes a former client with the reason.</p>
      <div className="field">
        <label htmlFor="closing-note">Closing note</label>
        <input id="closing-note" value={note} placeholder="Closed as we end our engagement. Thank you for working with us." onChange={(e) => setNote(e.target.value)} />
      </div>
      <button type="button" className="button danger" disabled={refundPending} onClick={() => onClose(note || undefined)}>
        Complete exit
      </button>
      {refundPending && <span className="muted small"> The refund step must be recorded or waived first.</span>}
    </>
  );
}
