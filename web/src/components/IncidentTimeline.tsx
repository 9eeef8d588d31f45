import { useState, type FormEvent } from 'react';
import type { Incident } from '@fitdesk/contracts';
import { BOUNDARY_LABEL, fullTime, requestNumber } from '../lib/format';
import { atLeast } from '../lib/roles';
import { useAsync } from '../lib/useAsync';
import { Link } from '../router';
import { useSession } from '../session';
import { Spinner } from '../ui/misc';
import { useToast } from '../ui/toast';
import { processesApi, type BoundaryReply } from '../pages/agreements/processes-api';

const TYPES = ['personal', 'out_of_scope', 'pressure', 'abuse', 'off_hours'] as const;

/** One incident on a timeline: what, when, the evidence, and dismiss / reply actions. */
export function IncidentItem({ incident: i, onChange }: { incident: Incident; onChange: (i: Incident) => void }) {
  const session = useSession();
  const toast = useToast();
  const [reply, setReply] = useState<BoundaryReply | null>(null);
  const dismiss = async () => {
    const reason = window.prompt('Why is this incident not real? (kept, marked dismissed)');
    if (!reason?.trim()) return;
    try {
      onChange(await processesApi.incidents.dismiss(i.id, reason.trim()));
      toast.success('Incident dismissed');
    } catch (e) {
      toast.error(e);
    }
  };
  return (
    <li className={i.dismissedAt ? 'timeline-item dismissed' : 'timeline-item'}>
      <div>
        <span className={`badge boundary-${i.type}`}>{BOUNDARY_LABEL[i.type] ?? i.type}</span> <time dateTime={i.occurredAt}>{fullTime(i.occurredAt)}</time>{' '}
        <span className="muted small">
          {i.source === 'analysis' ? 'from analysis' : `logged by ${i.createdByName ?? 'staff'}`}
          {i.requestId && (
            <>
              {' · '}
              <Link to={`/requests/${i.requestId}`}>{i.requestNumber ? requestNumber(i.requestNumber) : 'request'}</Link>
            </>
          )}
        </span>
      </div>
      {i.note && <p>{i.note}</p>}
      {i.evidence.length > 0 && <p className="small">Evidence: {i.evidence.map((e) => `“${e.text}” (${e.rule})`).join(', ')}</p>}
      {i.dismissedAt ? (
        <p className="muted small">
          Dismissed by {i.dismissedByName} {fullTime(i.dismissedAt)}: {i.dismissReason}
        </p>
      ) : (
        atLeast(session.user.role, 'agent') && (
          <div className="row-actions">
            <button type="button" className="link-button" onClick={() => void dismiss()}>
              Dismiss
            </button>
            <button type="button" className="link-button" onClick={() => void processesApi.incidents.reply(i.id).then(setReply, toast.error)}>
              Boundary reply
            </button>
          </div>
        )
      )}
      {reply && (
        <div className="template-preview">
          <pre className="message-text">{reply.body}</pre>
          <button type="button" className="button" onClick={() => void navigator.clipboard?.writeText(reply.body).then(() => toast.success('Copied'))}>
            Copy
          </button>
        </div>
      )}
    </li>
  );
}

/** Client page: boundary incidents on a timeline with counts per type, and logging one by hand. */
export function IncidentTimeline({ clientId }: { clientId: string }) {
  const session = useSession();
  const toast = useToast();
  const data = useAsync((signal) => processesApi.incidents.forClient(clientId, signal), [clientId]);
  const [type, setType] = useState<(typeof TYPES)[number]>('personal');
  const [note, setNote] = useState('');
  if (!data.data) return <Spinner label="Loading incidents…" />;
  const log = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await processesApi.incidents.create({ clientId, type, note });
      setNote('');
      data.reload();
      toast.success('Incident logged');
    } catch (err) {
      toast.error(err);
    }
  };
  const replace = (i: Incident) => data.setData((prev) => (prev ? { ...prev, items: prev.items.map((x) => (x.id === i.id ? i : x)) } : prev));
  return (
    <section className="panel" aria-labelledby="incidents-h">
      <h2 id="incidents-h">Boundary incidents</h2>
      <ul className="counts" aria-label="Incidents per type">
        {data.data.counts.map((c) => (
          <li key={c.type}>
            <strong>{c.active}</strong> {BOUNDARY_LABEL[c.type] ?? c.type}
            {c.dismissed > 0 && <span className="muted small"> (+{c.dismissed} dismissed)</span>}
          </li>
        ))}
      </ul>
      {data.data.items.length === 0 ? <p className="muted">No incidents.</p> : <ol className="timeline">{data.data.items.map((i) => <IncidentItem key={i.id} incident={i} onChange={replace} />)}</ol>}
      {atLeast(session.user.role, 'agent') && (
        <form className="inline-form" onSubmit={log}>
          <select aria-label="Incident type" value={type} onChange={(e) => setType(e.target.value as (typeof TYPES)[number])}>
            {TYPES.map((t) => (
              <option key={t} value={t}>
                {BOUNDARY_LABEL[t]}
              </option>
            ))}
          </select>
          <input aria-label="What happened" placeholder="What happened (e.g. on a call)" value={note} onChange={(e) => setNote(e.target.value)} />
          <button type="submit" className="button" disabled={!note.trim()}>
            Log incident
          </button>
        </form>
      )}
    </section>
  );
}
