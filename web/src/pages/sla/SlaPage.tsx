import { useState } from 'react';
import type { SlaPolicy } from '@fitdesk/contracts';
import { atLeast } from '../../lib/roles';
import { useAsync } from '../../lib/useAsync';
import { useSession } from '../../session';
import { ErrorState, Spinner } from '../../ui/misc';
import { useToast } from '../../ui/toast';
import { AgreementForm, DEFAULT_TERMS } from '../agreements/AgreementForm';
import { processesApi } from '../agreements/processes-api';

type GroupBy = 'client' | 'type' | 'agent';

/** SLA policies (the fallback when a client has no agreement, or a request type's own) and attainment. */
export function SlaPage() {
  const session = useSession();
  const toast = useToast();
  const policies = useAsync((signal) => processesApi.sla.policies(signal), []);
  const [groupBy, setGroupBy] = useState<GroupBy>('client');
  const attainment = useAsync((signal) => processesApi.sla.attainment({ groupBy }, signal), [groupBy]);
  const [editing, setEditing] = useState<SlaPolicy | 'new' | null>(null);
  const [name, setName] = useState('');
  const [isDefault, setIsDefault] = useState(false);
  const canEdit = atLeast(session.user.role, 'supervisor');
  if (policies.error) return <ErrorState error={policies.error} onRetry={policies.reload} />;
  if (!policies.data) return <Spinner label="Loading SLA policies…" />;
  const open = (p: SlaPolicy | 'new') => {
    setEditing(p);
    setName(p === 'new' ? '' : p.name);
    setIsDefault(p === 'new' ? policies.data!.items.length === 0 : p.isDefault);
  };
  return (
    <div className="page page-wide">
      <div className="page-header">
        <h1>SLA</h1>
        {canEdit && (
          <button type="button" className="button primary" onClick={() => open('new')}>
            New policy
          </button>
        )}
      </div>
      <section className="panel" aria-labelledby="attain-h">
        <div className="section-header">
          <h2 id="attain-h">Attainment</h2>
          <select aria-label="Group by" value={groupBy} onChange={(e) => setGroupBy(e.target.value as GroupBy)}>
            <option value="client">per client</option>
            <option value="type">per request type</option>
            <option value="agent">per agent</option>
          </select>
        </div>
        <table className="table">
          <thead>
            <tr>
              <th>{groupBy}</th>
              <th>Target</th>
              <th className="num">Met</th>
              <th className="num">Breached</th>
              <th className="num">Attainment</th>
            </tr>
          </thead>
          <tbody>
            {(attainment.data?.rows ?? []).map((r) => (
              <tr key={`${r.key}-${r.kind}`}>
                <td>{r.label}</td>
                <td>{r.kind === 'first_response' ? 'First response' : 'Resolution'}</td>
                <td className="num">{r.met}</td>
                <td className="num">{r.breached}</td>
                <td className="num">{r.attainment === null ? '—' : `${Math.round(r.attainment * 100)}%`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="panel" aria-labelledby="policies-h">
        <h2 id="policies-h">Policies</h2>
        <p className="muted">A client's agreement sets its promises. Without one, the request type's policy applies, else the default policy.</p>
        <ul className="plain-list">
          {policies.data.items.map((p) => (
            <li key={p.id}>
              <strong>{p.name}</strong> {p.isDefault && <span className="badge">default</span>} <span className="muted small">{p.timezone} · first response (normal) {p.firstResponseMinutes.normal} min</span>{' '}
              {canEdit && (
                <button type="button" className="link-button" onClick={() => open(p)}>
                  Edit
                </button>
              )}
            </li>
          ))}
        </ul>
        {editing && (
          <AgreementForm
            key={editing === 'new' ? 'new' : editing.id}
            initial={editing === 'new' ? DEFAULT_TERMS : { ...DEFAULT_TERMS, ...editing, resolutionMinutes: editing.resolutionMinutes ?? undefined }}
            submitLabel="Save policy"
            extra={
              <div className="grid-2">
                <label className="field">
                  Policy name <input value={name} onChange={(e) => setName(e.target.value)} />
                </label>
                <label className="checkbox-inline">
                  <input type="checkbox" checked={isDefault} onChange={(e) => setIsDefault(e.target.checked)} /> Workspace default
                </label>
              </div>
            }
            onSubmit={async (terms) => {
              const body = { name, isDefault, timezone: terms.timezone, hours: terms.hours, holidays: terms.holidays, firstResponseMinutes: terms.firstResponseMinutes, resolutionMinutes: terms.resolutionMinutes };
              if (editing === 'new') await processesApi.sla.createPolicy(body);
              else await processesApi.sla.updatePolicy(editing.id, body);
              setEditing(null);
              policies.reload();
              toast.success('Policy saved');
            }}
          />
        )}
      </section>
    </div>
  );
}
