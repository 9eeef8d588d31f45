import { useState } from 'react';
import { api, type AuditEntry } from '../../api';
import { fullTime, relativeTime } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';

const IGNORED = new Set(['id', 'updatedAt', 'createdAt', 'workspaceId']);
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export type NameLookup = (id: string) => string | undefined;

const show = (v: unknown, nameOf?: NameLookup): string | null => {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'string' && UUID_RE.test(v)) return nameOf?.(v) ?? null;
  if (typeof v === 'string') return v.length > 40 ? `${v.slice(0, 40)}…` : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.length ? v.join(', ') : '—';
  return null;
};

/** "request updated: priority normal → high" from the entry's before/after snapshots. */
export function describeAudit(a: AuditEntry, nameOf?: NameLookup): string {
  const verb = a.action.replace(/[._]/g, ' ');
  const before = (a.before && typeof a.before === 'object' ? a.before : {}) as Record<string, unknown>;
  const after = (a.after && typeof a.after === 'object' ? a.after : {}) as Record<string, unknown>;
  if (!a.before) return verb;
  const changes = Object.keys(after)
    .filter((k) => !IGNORED.has(k) && k in before)
    .map((k) => {
      const from = show(before[k], nameOf);
      const to = show(after[k], nameOf);
      const field = k.replace(/Id$/, '');
      return from !== null && to !== null ? `${field} ${from} → ${to}` : `${field} changed`;
    });
  return changes.length && changes.length <= 3 ? `${verb}: ${changes.join('; ')}` : verb;
}

/** The audit trail of one record, collapsed until asked for. */
export function History({ entity, entityId, refreshKey, now, nameOf }: { entity: string; entityId: string; refreshKey: number; now: number; nameOf?: NameLookup }) {
  const [open, setOpen] = useState(false);
  return (
    <section className="panel">
      <h2 className="panel-toggle">
        <button type="button" className="link-button" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          {open ? 'Hide history' : 'Show history'}
        </button>
      </h2>
      {open && <HistoryList entity={entity} entityId={entityId} refreshKey={refreshKey} now={now} nameOf={nameOf} />}
    </section>
  );
}

function HistoryList({ entity, entityId, refreshKey, now, nameOf }: { entity: string; entityId: string; refreshKey: number; now: number; nameOf?: NameLookup | undefined }) {
  const audit = useAsync((signal) => api.audit({ entity, entityId, limit: 50 }, signal), [entity, entityId, refreshKey]);
  if (audit.error) return <p className="muted small">History is not available.</p>;
  if (!audit.data) return <p className="muted small">Loading…</p>;
  if (!audit.data.items.length) return <p className="muted small">No changes recorded yet.</p>;
  return (
    <ol className="history">
      {audit.data.items.map((a) => (
        <li key={a.id}>
          <span>
            <strong>{a.actorName ?? 'System'}</strong> {describeAudit(a, nameOf)}
          </span>
          <time dateTime={a.createdAt} title={fullTime(a.createdAt)} className="muted small">
            {relativeTime(a.createdAt, now)}
          </time>
        </li>
      ))}
    </ol>
  );
}
