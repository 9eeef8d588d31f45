import { useState } from 'react';
import { processesApi } from '../pages/agreements/processes-api';
import { useAsync } from '../lib/useAsync';
import { useToast } from '../ui/toast';

const LABEL: Record<string, string> = {
  personal: 'Personal boundary',
  out_of_scope: 'Out of scope',
  pressure: 'Pressure',
  abuse: 'Abuse',
  off_hours: 'Off hours',
};

/**
 * Request view: the boundaries this request crossed, each with its firm-but-polite reply that
 * restates the agreement, ready to drop into the reply box and adjust before sending.
 */
export function BoundaryReplies({ requestId, refreshKey, onUse }: { requestId: string; refreshKey?: unknown; onUse: (text: string) => void }) {
  const toast = useToast();
  const [busy, setBusy] = useState<string | null>(null);
  const list = useAsync((signal) => processesApi.incidents.list({ requestId, limit: 20 }, signal), [requestId, refreshKey]);
  const items = list.data?.items ?? [];
  // One reply per boundary type is enough; the most serious first.
  const ORDER = ['abuse', 'pressure', 'personal', 'out_of_scope', 'off_hours'];
  const byType = [...new Map(items.map((i) => [i.type, i])).values()].sort((a, b) => ORDER.indexOf(a.type) - ORDER.indexOf(b.type));
  if (!byType.length) return null;
  const use = async (incidentId: string) => {
    setBusy(incidentId);
    try {
      const reply = await processesApi.incidents.reply(incidentId);
      onUse(reply.body);
    } catch (e) {
      toast.error(e);
    } finally {
      setBusy(null);
    }
  };
  return (
    <section className="panel" aria-label="Boundaries">
      <h2>Boundaries crossed</h2>
      <ul className="plain-list">
        {byType.map((i) => (
          <li key={i.id} className="row-actions" style={{ justifyContent: 'space-between', alignItems: 'center', margin: '4px 0' }}>
            <span className={`badge boundary-${i.type}`}>{LABEL[i.type] ?? i.type}</span>
            <button type="button" className="button" disabled={busy === i.id} onClick={() => void use(i.id)}>
              Use boundary reply
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
