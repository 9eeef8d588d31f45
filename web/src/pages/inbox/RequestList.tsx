import { forwardRef } from 'react';
import type { RequestSummary } from '@fitdesk/contracts';
import { Link } from '../../router';
import { relativeTime, fullTime, requestNumber } from '../../lib/format';
import { PriorityBadge, StatusBadge, ToneBadge, UrgencyBadge } from '../../ui/misc';
import { SlaChip } from '../../components/SlaChip';

interface Props {
  items: RequestSummary[];
  now: number;
  selected?: number;
  onSelect?: (index: number) => void;
  /** Leave out the client column (e.g. on the client's own page). */
  hideClient?: boolean;
}

/** The request table: a list of row links so every row is one tab stop and opens with Enter. */
export const RequestList = forwardRef<HTMLUListElement, Props>(function RequestList({ items, now, selected, onSelect, hideClient }, ref) {
  return (
    <ul className="request-list" ref={ref} aria-label="Requests">
      <li className="request-row request-head" aria-hidden="true">
        <span className="col-num">#</span>
        <span className="col-subject">Subject</span>
        <span className="col-status">Status</span>
        <span className="col-priority">Priority</span>
        <span className="col-assignee">Assignee</span>
        <span className="col-time">Last activity</span>
      </li>
      {items.map((r, i) => {
        const who = [hideClient ? null : r.clientName, r.contactName ?? r.contactEmail].filter(Boolean).join(' · ');
        return (
          <li key={r.id}>
            <Link
              to={`/requests/${r.id}`}
              className={i === selected ? 'request-row selected' : 'request-row'}
              data-index={i}
              onFocus={() => onSelect?.(i)}
              aria-label={`${requestNumber(r.number)} ${r.subject}`}
            >
              <span className="col-num">{requestNumber(r.number)}</span>
              <span className="col-subject">
                <span className="subject-line">
                  <span className={r.status === 'new' ? 'subject unread' : 'subject'}>{r.subject}</span>
                  <ToneBadge tone={r.tone} quiet />
                  <UrgencyBadge urgency={r.urgency} quiet />
                  <SlaChip r={r} now={now} />
                </span>
                <span className="who">{who || 'No contact'}</span>
              </span>
              <span className="col-status">
                <StatusBadge status={r.status} />
                <span className="phone-only">
                  <PriorityBadge priority={r.priority} quiet />
                </span>
                <span className="phone-only">
                  <ToneBadge tone={r.tone} quiet />
                </span>
                <span className="phone-only">
                  <UrgencyBadge urgency={r.urgency} quiet />
                </span>
              </span>
              <span className="col-priority">
                <PriorityBadge priority={r.priority} />
              </span>
              <span className="col-assignee">{r.assigneeName ?? <span className="muted">Unassigned</span>}</span>
              <span className="col-time" title={fullTime(r.lastMessageAt)}>
                <time dateTime={r.lastMessageAt}>{relativeTime(r.lastMessageAt, now)}</time>
              </span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
});
