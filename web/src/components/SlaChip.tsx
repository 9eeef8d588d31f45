import type { RequestSummary } from '@fitdesk/contracts';
import { fullTime } from '../lib/format';
import { shortDuration } from '../pages/agreements/processes-api';

/** Inbox row chip: wall-clock time to the nearest SLA due time, or its state when nothing runs. */
export function SlaChip({ r, now }: { r: Pick<RequestSummary, 'slaDueAt' | 'slaState' | 'status'>; now: number }) {
  if (!r.slaState || r.slaState === 'met' || r.status === 'resolved' || r.status === 'closed') return null;
  if (r.slaState === 'paused' || !r.slaDueAt) return <span className="badge sla-badge sla-paused">SLA paused</span>;
  const left = (Date.parse(r.slaDueAt) - now) / 60_000;
  const state = left <= 0 ? 'breached' : r.slaState;
  return (
    <span className={`badge sla-badge sla-${state}`} title={`SLA due ${fullTime(r.slaDueAt)}`}>
      {left <= 0 ? `SLA breached ${shortDuration(-left)} ago` : `SLA ${shortDuration(left)}`}
    </span>
  );
}
