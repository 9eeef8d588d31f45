import { useState } from 'react';
import { useAsync } from '../lib/useAsync';
import { navigate } from '../router';
import { useToast } from '../ui/toast';
import { lifecycle } from '../pages/intake/lifecycle-api';

const LABEL: Record<string, string> = { clarify: 'Clarify', listen: 'Listen (book a call)', escalate: 'Escalate', refer_out: 'Refer out', part_ways: 'Part ways' };
const OUTCOMES = [['resolved', 'Resolved'], ['still_unhappy', 'Still unhappy'], ['client_left', 'Client left']] as const;

/** Request view: when trust looks compromised, the repair options ranked for the situation; the choice and later its outcome are recorded. */
export function RepairOptions({ requestId, clientId, canEdit, onChanged }: { requestId: string; clientId: string | null; canEdit: boolean; onChanged?: () => void }) {
  const toast = useToast();
  const v = useAsync((signal) => lifecycle.repair(requestId, signal), [requestId]);
  const [choice, setChoice] = useState<string | null>(null);
  const [callAt, setCallAt] = useState('');
  const [note, setNote] = useState('');
  const d = v.data;
  if (!d || (d.trust.level === 'ok' && !d.repairs.length)) return null;
  return (
    <section className="panel repair-options" aria-labelledby="repair-h">
      <h2 id="repair-h">Trust repair</h2>
      <p>
        Trust is <strong>{d.trust.level}</strong>
        {d.trust.situation ? ` (${d.trust.situation.replace(/_/g, ' ')})` : ''}.
      </p>
      <ul className="muted small">
        {d.trust.reasons.map((r) => (
          <li key={r.label}>{r.label}</li>
        ))}
      </ul>
      {canEdit && (
        <div className="check-list" role="radiogroup" aria-label="Repair options">
          {d.trust.options.map((o) => (
            <label key={o.option} title={o.why}>
              <input type="radio" name="repair" checked={choice === o.option} onChange={() => setChoice(o.option)} />
              <span>
                {LABEL[o.option]}
                {d.trust.suggested === o.option ? ' (suggested)' : ''}
                <span className="muted small"> — {o.why}</span>
              </span>
            </label>
          ))}
        </div>
      )}
      {choice === 'listen' && (
        <div className="field"><label htmlFor="call-at">Agreed call time</label><input id="call-at" type="datetime-local" value={callAt} onChange={(e) => setCallAt(e.target.value)} /></div>
      )}
      {choice === 'clarify' && <pre className="letter small">{d.clarifyDraft}</pre>}
      {choice && (
        <>
          <div className="field"><label htmlFor="repair-note">Note</label><input id="repair-note" value={note} onChange={(e) => setNote(e.target.value)} /></div>
          <button
            type="button"
            className="button primary"
            onClick={async () => {
              if (choice === 'part_ways' && clientId) {
                try {
                  await lifecycle.chooseRepair(requestId, { choice, note });
                  const e = await lifecycle.startExit(clientId, 'misfit', note);
                  navigate(`/exits/${e.id}`);
                } catch (e) {
                  toast.error(e);
                }
                return;
              }
              try {
                await lifecycle.chooseRepair(requestId, { choice, note, ...(choice === 'listen' && callAt ? { callAt: new Date(callAt).toISOString() } : {}) });
                toast.success('Repair recorded');
                setChoice(null);
                v.reload();
                onChanged?.();
              } catch (e) {
                toast.error(e);
              }
            }}
          >
            {choice === 'clarify' ? 'Send clarification' : 'Record choice'}
          </button>
        </>
      )}
      {d.repairs.length > 0 && (
        <>
          <h3>Repairs tried</h3>
          <ul>
            {d.repairs.map((r) => (
              <li key={r.id}>
                {LABEL[r.choice]} · {new Date(r.createdAt).toLocaleDateString()}
                {r.outcome ? (
                  <strong> → {r.outcome.replace(/_/g, ' ')}</strong>
                ) : canEdit ? (
                  <span className="button-row">
                    {OUTCOMES.map(([k, l]) => (
                      <button key={k} type="button" className="button subtle small" onClick={async () => {
                        try {
                          await lifecycle.repairOutcome(r.id, k);
                          v.reload();
                        } catch (e) {
                          toast.error(e);
                        }
                      }}>{l}</button>
                    ))}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
