import type { SlaClockView } from '@fitdesk/contracts';
import { fullTime } from '../lib/format';
import { useAsync } from '../lib/useAsync';
import { processesApi, shortDuration } from '../pages/agreements/processes-api';

const KIND_LABEL = { first_response: 'First response', resolution: 'Resolution' } as const;

function describe(c: SlaClockView): string {
  if (c.status === 'met') return c.withinTarget ? `met (${shortDuration(c.usedMinutes)} of ${shortDuration(c.targetMinutes)})` : `met late (${shortDuration(c.usedMinutes)})`;
  if (c.status === 'cancelled') return 'not needed';
  if (c.status === 'paused') return `paused, ${shortDuration(c.remainingMinutes)} left`;
  if (c.remainingMinutes <= 0) return `breached ${shortDuration(-c.remainingMinutes)} ago (business time)`;
  return `${shortDuration(c.remainingMinutes)} left`;
}

/** The request's SLA clocks: state, business time left, due time. `refreshKey` reloads after a change. */
export function SlaTimer({ requestId, refreshKey }: { requestId: string; refreshKey?: number }) {
  const sla = useAsync((signal) => processesApi.sla.request(requestId, signal), [requestId, refreshKey]);
  if (!sla.data || sla.data.clocks.length === 0) return null;
  return (
    <section className="panel sla-timer" aria-labelledby="sla-h">
      <h2 id="sla-h">SLA</h2>
      <ul className="plain-list">
        {sla.data.clocks.map((c) => (
          <li key={c.kind} className={`sla-${c.state}`} data-testid={`sla-${c.kind}`}>
            <span className={`badge sla-badge sla-${c.state}`}>{c.state}</span> <strong>{KIND_LABEL[c.kind]}</strong>: {describe(c)}
            {c.dueAt && c.status === 'running' && <div className="muted small">due {fullTime(c.dueAt)}</div>}
          </li>
        ))}
      </ul>
    </section>
  );
}
