import { useState } from 'react';
import { api, type AuditEntry } from '../../api';
import { fullTime, relativeTime } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';

const describe = (a: AuditEntry): string => {
  const after = (a.after ?? {}) as Record<string, unknown>;
  const changed = Object.keys(after).filter((k) => !['id', 'updatedAt', 'workspaceId'].includes(k));
  const verb = a.action.replace(/[._]/g, ' ');
  return changed.length && changed.length <= 3 ? `${verb}: ${changed.join(', ')}` : verb;
};

/** The audit trail of one record, collapsed until asked for. */
export function History({ entity, entityId, refreshKey, now }: { entity: string; entityId: string; refreshKey: number; now: number }) {
  const [open, setOpen] = useState(false);
  return (
    <section className="panel">
      <h2>
        <button type="button" className="link-button" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          {open ? 'Hide history' : 'Show history'}
        </button>
      </h2>
      {open && <HistoryList entity={entity} entityId={entityId} refreshKey={refreshKey} now={now} />}
    </section>
  );
}

function HistoryList({ entity, entityId, refreshKey, now }: { entity: string; entityId: string; refreshKey: number; now: number }) {
  const audit = useAsync((signal) => api.audit({ entity, entityId, limit: 50 }, signal), [entity, entityId, refreshKey]);
  if (audit.error) return <p className="muted small">History is not available.</p>;
  if (!audit.data) return <p className="muted small">Loading…</p>;
  if (!audit.data.items.length) return <p className="muted small">No changes recorded yet.</p>;
  return (
    <ol className="history">
      {audit.data.items.map((a) => (
        <li key={a.id}>
          <span>
            <strong>{a.actorName ?? 'System'}</strong> {describe(a)}
          </span>
          <time dateTime={a.createdAt} title={fullTime(a.createdAt)} className="muted small">
            {relativeTime(a.createdAt, now)}
          </time>
        </li>
      ))}
    </ol>
  );
}
