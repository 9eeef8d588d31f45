import { useState, type FormEvent } from 'react';
import type { Cadence } from '@fitdesk/contracts';
import { fullTime } from '../lib/format';
import { atLeast } from '../lib/roles';
import { useAsync } from '../lib/useAsync';
import { Link } from '../router';
import { useSession } from '../session';
import { useToast } from '../ui/toast';
import { processesApi } from '../pages/agreements/processes-api';

const CADENCES: Cadence[] = ['weekly', 'biweekly', 'monthly', 'quarterly'];

/** Client page: scheduled proactive check-ins (a cadence opens an outreach request from a template). */
export function CheckinsCard({ clientId }: { clientId: string }) {
  const session = useSession();
  const toast = useToast();
  const list = useAsync((signal) => processesApi.checkins.list({ clientId }, signal), [clientId]);
  const [cadence, setCadence] = useState<Cadence>('monthly');
  const [subject, setSubject] = useState('Checking in: anything coming up?');
  const [body, setBody] = useState('Hi {{contact.first_name}},\n\nIs there anything coming up that we should prepare for?\n\n{{agent.name}}');
  const canEdit = atLeast(session.user.role, 'agent');
  const create = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await processesApi.checkins.create({ clientId, cadence, subject, body });
      list.reload();
      toast.success('Check-ins scheduled');
    } catch (err) {
      toast.error(err);
    }
  };
  return (
    <section className="panel" aria-labelledby="checkins-h">
      <h2 id="checkins-h">Check-ins</h2>
      <ul className="plain-list">
        {(list.data?.items ?? []).map((c) => (
          <li key={c.id}>
            <strong>{c.cadence}</strong> · {c.subject} · next {fullTime(c.nextRunAt)} {c.active ? '' : '(paused)'}
            {c.lastRequestId && (
              <>
                {' · '}
                <Link to={`/requests/${c.lastRequestId}`}>last</Link>
              </>
            )}
            {canEdit && (
              <>
                {' '}
                <button type="button" className="link-button" onClick={() => void processesApi.checkins.update(c.id, { active: !c.active }).then(list.reload, toast.error)}>
                  {c.active ? 'Pause' : 'Resume'}
                </button>
                <button type="button" className="link-button" onClick={() => void processesApi.checkins.run(c.id).then(() => (list.reload(), toast.success('Check-in opened')), toast.error)}>
                  Run now
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
      {canEdit && (
        <form className="stack" onSubmit={create}>
          <select aria-label="Cadence" value={cadence} onChange={(e) => setCadence(e.target.value as Cadence)}>
            {CADENCES.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
          <input aria-label="Check-in subject" value={subject} onChange={(e) => setSubject(e.target.value)} />
          <textarea aria-label="Check-in message" rows={4} value={body} onChange={(e) => setBody(e.target.value)} />
          <div>
            <button type="submit" className="button">
              Schedule check-ins
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
