import { useEffect, useState, type FormEvent } from 'react';
import { escalationApi } from './escalation-api';
import { ROLE_LABEL } from '../../lib/format';
import { atLeast } from '../../lib/roles';
import { useAsync } from '../../lib/useAsync';
import { useSession } from '../../session';
import { ErrorState, Spinner } from '../../ui/misc';
import { errorMessage, useToast } from '../../ui/toast';
import { FormError } from '../auth/AuthLayout';

/** Settings → Escalation: the tier ladder, the acceptance time limit, and each person's tier. */
export function EscalationSettings() {
  const session = useSession();
  const toast = useToast();
  const policy = useAsync((signal) => escalationApi.policy(signal), []);
  const staff = useAsync((signal) => escalationApi.staff(signal), []);
  const [tiers, setTiers] = useState('');
  const [minutes, setMinutes] = useState('');
  const [error, setError] = useState<{ field?: string; message: string } | null>(null);
  const isOwner = atLeast(session.user.role, 'owner');
  const canSetTier = atLeast(session.user.role, 'supervisor');

  useEffect(() => {
    if (policy.data) {
      setTiers(policy.data.tiers.join(', '));
      setMinutes(String(policy.data.acceptMinutes));
    }
  }, [policy.data]);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const saved = await escalationApi.setPolicy({ tiers: tiers.split(',').map((t) => t.trim()).filter(Boolean), acceptMinutes: Number(minutes) });
      policy.setData(saved);
      staff.reload();
      toast.success('Escalation policy saved');
    } catch (err) {
      setError({ field: (err as { field?: string }).field, message: errorMessage(err) });
    }
  };

  const setTier = async (userId: string, tier: string) => {
    try {
      await escalationApi.setTier(userId, tier);
      staff.reload();
      toast.success('Tier saved');
    } catch (err) {
      toast.error(err);
    }
  };

  if (policy.error) return <ErrorState error={policy.error} onRetry={policy.reload} />;
  if (!policy.data) return <Spinner />;
  return (
    <div className="stack-lg">
      <section className="panel" aria-labelledby="ladder-h">
        <h2 id="ladder-h">Escalation ladder</h2>
        <form className="stack" onSubmit={(e) => void save(e)} noValidate>
          <div className={error?.field?.startsWith('tiers') ? 'field field-invalid' : 'field'}>
            <label htmlFor="tiers">Tiers, lowest first</label>
            <input id="tiers" value={tiers} disabled={!isOwner} onChange={(e) => setTiers(e.target.value)} />
            <p className="field-hint">Escalations and unaccepted transfers move one tier up.</p>
          </div>
          <div className={error?.field === 'acceptMinutes' ? 'field field-invalid' : 'field'}>
            <label htmlFor="accept-minutes">Minutes to accept a transfer</label>
            <input id="accept-minutes" type="number" min={1} value={minutes} disabled={!isOwner} onChange={(e) => setMinutes(e.target.value)} />
          </div>
          <FormError message={error?.message} />
          {isOwner && (
            <div className="button-row">
              <button type="submit" className="button primary">
                Save
              </button>
            </div>
          )}
        </form>
      </section>
      <section className="panel" aria-labelledby="staff-tiers-h">
        <h2 id="staff-tiers-h">Who is on which tier</h2>
        {!staff.data ? (
          <Spinner />
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Role</th>
                  <th scope="col">Tier</th>
                  <th scope="col">Open requests</th>
                </tr>
              </thead>
              <tbody>
                {staff.data.items.map((s) => (
                  <tr key={s.userId} className={s.active ? undefined : 'muted'}>
                    <td>{s.name}</td>
                    <td>{ROLE_LABEL[s.role]}</td>
                    <td>
                      {s.tier === null ? (
                        <span className="muted">cannot own requests</span>
                      ) : (
                        <select aria-label={`Tier of ${s.name}`} value={s.tier} disabled={!canSetTier || !s.active} onChange={(e) => void setTier(s.userId, e.target.value)}>
                          {policy.data!.tiers.map((t) => (
                            <option key={t} value={t}>
                              {t}
                            </option>
                          ))}
                        </select>
                      )}
                    </td>
                    <td>{s.openRequests}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

/** /escalation: the ladder settings as a page of their own. */
export function EscalationPage() {
  return (
    <div className="page">
      <header className="page-header">
        <h1>Escalation</h1>
      </header>
      <EscalationSettings />
    </div>
  );
}
