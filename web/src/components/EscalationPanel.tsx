import { useState, type FormEvent } from 'react';
import type { RequestEscalation, Transfer } from '@fitdesk/contracts';
import { escalationApi } from '../pages/escalation/escalation-api';
import { fullTime, relativeTime } from '../lib/format';
import { atLeast } from '../lib/roles';
import { useAsync, useNow } from '../lib/useAsync';
import { useSession } from '../session';
import { errorMessage, useToast } from '../ui/toast';

const STATUS_TEXT: Record<Transfer['status'], string> = { pending: 'waiting', accepted: 'accepted', declined: 'declined', expired: 'not accepted in time', cancelled: 'cancelled' };

/**
 * The request view's owner, tier, escalation and warm-transfer controls. The owner keeps the
 * request until a receiver accepts; the server moves unanswered transfers up the ladder.
 */
export function EscalationPanel({ requestId, open, onChanged }: { requestId: string; open: boolean; onChanged?: () => void }) {
  const session = useSession();
  const toast = useToast();
  const now = useNow(30_000);
  const view = useAsync((signal) => escalationApi.forRequest(requestId, signal), [requestId]);
  const staff = useAsync((signal) => escalationApi.staff(signal), []);
  const policy = useAsync((signal) => escalationApi.policy(signal), []);
  const [mode, setMode] = useState<'none' | 'escalate' | 'transfer'>('none');
  const [text, setText] = useState('');
  const [target, setTarget] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const canAct = atLeast(session.user.role, 'agent');

  const done = (v: RequestEscalation | null, label: string) => {
    if (v) view.setData(v);
    else view.reload();
    setMode('none');
    setText('');
    setTarget('');
    setError(null);
    toast.success(label);
    onChanged?.();
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) {
      setError(mode === 'escalate' ? 'Say why you escalate' : 'Write a handoff note');
      return;
    }
    setBusy(true);
    try {
      if (mode === 'escalate') done(await escalationApi.escalate(requestId, { reason: text.trim(), ...(target ? { toTier: target } : {}) }), 'Escalated');
      else {
        if (!target) {
          setError('Choose who receives it');
          return;
        }
        await escalationApi.transfer(requestId, { note: text.trim(), ...(target.startsWith('tier:') ? { toTier: target.slice(5) } : { toUserId: target }) });
        done(null, 'Transfer sent: waiting for acceptance');
      }
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const decide = async (t: Transfer, accept: boolean) => {
    try {
      if (accept) await escalationApi.accept(t.id);
      else await escalationApi.decline(t.id);
      done(null, accept ? 'You own this request now' : 'Declined: it moves up a tier');
    } catch (err) {
      toast.error(err);
      view.reload();
    }
  };

  const v = view.data;
  const pending = v?.pendingTransfer ?? null;
  const mayDecide = pending && (pending.toUserId === session.user.id || atLeast(session.user.role, 'supervisor'));
  const others = (staff.data?.items ?? []).filter((s) => s.active && s.tier && s.userId !== v?.ownerId);

  return (
    <section className="panel escalation-panel" aria-labelledby="esc-h">
      <h2 id="esc-h">Owner and escalation</h2>
      {view.error ? (
        <p className="form-error">{errorMessage(view.error)}</p>
      ) : !v ? (
        <p className="muted small">Loading…</p>
      ) : (
        <>
          <p data-testid="owner">
            <strong>{v.ownerName ?? 'No owner'}</strong>
            {v.ownerTier && <span className="badge"> {v.ownerTier}</span>}
          </p>
          {pending && (
            <div className="notice" role="status" data-testid="pending-transfer">
              <p>
                Transfer to <strong>{pending.toUserName ?? 'someone'}</strong> ({pending.toTier}), {STATUS_TEXT.pending}; expires{' '}
                <span title={fullTime(pending.expiresAt)}>{relativeTime(pending.expiresAt, now)}</span>.
              </p>
              <p className="small">Handoff note: {pending.note}</p>
              {mayDecide && (
                <div className="button-row">
                  <button type="button" className="button primary" onClick={() => void decide(pending, true)}>
                    Accept transfer
                  </button>
                  <button type="button" className="button" onClick={() => void decide(pending, false)}>
                    Decline
                  </button>
                </div>
              )}
            </div>
          )}
          {canAct && open && mode === 'none' && (
            <div className="button-row">
              <button type="button" className="button" onClick={() => setMode('escalate')}>
                Escalate…
              </button>
              {!pending && (
                <button type="button" className="button" onClick={() => setMode('transfer')}>
                  Transfer…
                </button>
              )}
            </div>
          )}
          {mode !== 'none' && (
            <form className="stack" onSubmit={(e) => void submit(e)} noValidate>
              <div className={error ? 'field field-invalid' : 'field'}>
                <label htmlFor="esc-text">{mode === 'escalate' ? 'Reason' : 'Handoff note'}</label>
                <textarea id="esc-text" rows={3} value={text} onChange={(e) => setText(e.target.value)} aria-invalid={error ? true : undefined} />
                {error && (
                  <p className="field-error" role="alert">
                    {error}
                  </p>
                )}
              </div>
              <div className="field">
                <label htmlFor="esc-target">{mode === 'escalate' ? 'To tier' : 'To'}</label>
                <select id="esc-target" value={target} onChange={(e) => setTarget(e.target.value)}>
                  <option value="">{mode === 'escalate' ? 'The next tier up' : 'Choose…'}</option>
                  {mode === 'escalate'
                    ? (policy.data?.tiers ?? []).map((t) => (
                        <option key={t} value={t}>
                          {t}
                        </option>
                      ))
                    : [
                        ...(policy.data?.tiers ?? []).map((t) => (
                          <option key={`tier:${t}`} value={`tier:${t}`}>
                            Anyone on the {t} tier
                          </option>
                        )),
                        ...others.map((s) => (
                          <option key={s.userId} value={s.userId}>
                            {s.name} ({s.tier}, {s.openRequests} open)
                          </option>
                        )),
                      ]}
                </select>
              </div>
              <div className="button-row">
                <button type="submit" className="button primary" disabled={busy}>
                  {mode === 'escalate' ? 'Escalate' : 'Send transfer'}
                </button>
                <button type="button" className="button" onClick={() => setMode('none')}>
                  Cancel
                </button>
              </div>
            </form>
          )}
          {(v.escalations.length > 0 || v.transfers.length > 0) && (
            <ul className="simple-list small">
              {v.escalations.map((e) => (
                <li key={e.id}>
                  Escalated to {e.toTier} ({e.trigger}) {relativeTime(e.createdAt, now)}: {e.reason}
                  {e.acknowledgedAt ? ' · taken' : ''}
                </li>
              ))}
              {v.transfers
                .filter((t) => t.status !== 'pending')
                .map((t) => (
                  <li key={t.id}>
                    Transfer to {t.toUserName ?? 'someone'} {STATUS_TEXT[t.status]} {t.decidedAt ? relativeTime(t.decidedAt, now) : ''}
                  </li>
                ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
