import type { Priority, RequestStatus, Role, Tone } from '@fitdesk/contracts';

const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto', style: 'short' });
const dateFmt = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric' });
const dateYearFmt = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', year: 'numeric' });
const fullFmt = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });

/** "just now", "5 min. ago", "3 hr. ago", "yesterday", then a date. */
export function relativeTime(iso: string, now: number = Date.now()): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  const diff = (t - now) / 1000;
  const abs = Math.abs(diff);
  if (abs < 45) return 'just now';
  if (abs < 3600) return rtf.format(Math.round(diff / 60), 'minute');
  if (abs < 86400) return rtf.format(Math.round(diff / 3600), 'hour');
  if (abs < 7 * 86400) return rtf.format(Math.round(diff / 86400), 'day');
  const d = new Date(t);
  return d.getFullYear() === new Date(now).getFullYear() ? dateFmt.format(d) : dateYearFmt.format(d);
}

export const fullTime = (iso: string): string => {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : fullFmt.format(new Date(t));
};

export const STATUS_LABEL: Record<RequestStatus, string> = {
  new: 'New',
  open: 'Open',
  waiting: 'Waiting on client',
  resolved: 'Resolved',
  closed: 'Closed',
};
export const STATUSES: RequestStatus[] = ['new', 'open', 'waiting', 'resolved', 'closed'];

export const PRIORITY_LABEL: Record<Priority, string> = { low: 'Low', normal: 'Normal', high: 'High', urgent: 'Urgent' };
export const PRIORITIES: Priority[] = ['low', 'normal', 'high', 'urgent'];

export const TONE_LABEL: Record<Tone, string> = {
  calm: 'Calm',
  concerned: 'Concerned',
  frustrated: 'Frustrated',
  irate: 'Irate',
  abusive: 'Abusive',
};
export const TONES: Tone[] = ['calm', 'concerned', 'frustrated', 'irate', 'abusive'];

export const ROLE_LABEL: Record<Role, string> = { owner: 'Owner', supervisor: 'Supervisor', agent: 'Agent', viewer: 'Viewer' };
export const ROLES: Role[] = ['owner', 'supervisor', 'agent', 'viewer'];

export const BOUNDARY_LABEL: Record<string, string> = {
  personal: 'Personal boundary',
  out_of_scope: 'Out of scope',
  pressure: 'Pressure',
  abuse: 'Abuse',
  off_hours: 'Off hours',
};

export const requestNumber = (n: number): string => `#${n}`;

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = parts[0]?.[0] ?? '?';
  const last = parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}

export function money(n: number | null): string {
  if (n === null) return '—';
  return new Intl.NumberFormat('en', { maximumFractionDigits: 0 }).format(n);
}
