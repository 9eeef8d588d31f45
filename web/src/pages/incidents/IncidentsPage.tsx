import { useState } from 'react';
import type { Incident } from '@fitdesk/contracts';
import { BOUNDARY_LABEL } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { EmptyState, ErrorState, Spinner } from '../../ui/misc';
import { IncidentItem } from '../../components/IncidentTimeline';
import { processesApi } from '../agreements/processes-api';

type Dismissed = 'exclude' | 'include' | 'only';

/** Every boundary incident of the workspace, newest first, with the dismissed (false positive) counts per type. */
export function IncidentsPage() {
  const [type, setType] = useState('');
  const [dismissed, setDismissed] = useState<Dismissed>('exclude');
  const list = useAsync((signal) => processesApi.incidents.list({ type: type || undefined, dismissed, limit: 100 }, signal), [type, dismissed]);
  const stats = useAsync((signal) => processesApi.incidents.dismissedStats(signal), []);
  const replace = (i: Incident) => {
    list.setData((prev) => (prev ? { ...prev, items: prev.items.map((x) => (x.id === i.id ? i : x)) } : prev));
    stats.reload();
  };
  return (
    <div className="page page-wide">
      <div className="page-header">
        <h1>Incidents</h1>
      </div>
      <div className="filters">
        <select aria-label="Type" value={type} onChange={(e) => setType(e.target.value)}>
          <option value="">All types</option>
          {Object.entries(BOUNDARY_LABEL).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
        <select aria-label="Dismissed" value={dismissed} onChange={(e) => setDismissed(e.target.value as Dismissed)}>
          <option value="exclude">Active</option>
          <option value="include">Active and dismissed</option>
          <option value="only">Dismissed only</option>
        </select>
      </div>
      {stats.data && (
        <section className="panel" aria-labelledby="fp-h">
          <h2 id="fp-h">Analysis false positives</h2>
          <ul className="counts">
            {stats.data.byType.map((s) => (
              <li key={s.type}>
                {BOUNDARY_LABEL[s.type]}: {s.dismissed} of {s.total} dismissed{s.falsePositiveRate !== null && ` (${Math.round(s.falsePositiveRate * 100)}%)`}
              </li>
            ))}
          </ul>
        </section>
      )}
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : !list.data ? (
        <Spinner label="Loading incidents…" />
      ) : list.data.items.length === 0 ? (
        <EmptyState title="No incidents" />
      ) : (
        <ol className="timeline">
          {list.data.items.map((i) => (
            <IncidentItem key={i.id} incident={i} onChange={replace} />
          ))}
        </ol>
      )}
    </div>
  );
}
