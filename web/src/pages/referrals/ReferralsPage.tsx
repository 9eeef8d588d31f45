import { useState, type FormEvent } from 'react';
import { atLeast } from '../../lib/roles';
import { useAsync } from '../../lib/useAsync';
import { useSession } from '../../session';
import { EmptyState, ErrorState, Spinner } from '../../ui/misc';
import { useToast } from '../../ui/toast';
import { lifecycle } from '../intake/lifecycle-api';

/** The referral directory: better-suited providers by specialty. */
export function ReferralsPage() {
  const toast = useToast();
  const session = useSession();
  const list = useAsync((signal) => lifecycle.providers(signal), []);
  const [form, setForm] = useState({ name: '', specialties: '', contact: '', notes: '' });
  const [error, setError] = useState<string | null>(null);
  const canEdit = atLeast(session.user.role, 'supervisor');

  async function add(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      await lifecycle.createProvider({ name: form.name, specialties: form.specialties.split(',').map((s) => s.trim()).filter(Boolean), contact: form.contact, notes: form.notes });
      setForm({ name: '', specialties: '', contact: '', notes: '' });
      list.reload();
      toast.success('Provider added');
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  }

  return (
    <div className="page">
      <div className="page-header">
        <h1>Referral directory</h1>
      </div>
      {canEdit && (
        <form className="panel" onSubmit={add} aria-labelledby="add-provider-h">
          <h2 id="add-provider-h">Add a provider</h2>
          <div className="lifecycle-grid">
            <div className="field"><label htmlFor="prov-name">Provider name</label><input id="prov-name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} /></div>
            <div className="field"><label htmlFor="prov-spec">Specialties (comma-separated)</label><input id="prov-spec" value={form.specialties} onChange={(e) => setForm({ ...form, specialties: e.target.value })} /></div>
            <div className="field"><label htmlFor="prov-contact">Contact</label><input id="prov-contact" value={form.contact} onChange={(e) => setForm({ ...form, contact: e.target.value })} /></div>
            <div className="field"><label htmlFor="prov-notes">Notes</label><input id="prov-notes" value={form.notes} onChange={(e) => setForm({ ...form, notes: e.target.value })} /></div>
          </div>
          {error && <p className="field-error" role="alert">{error}</p>}
          <div className="button-row end"><button type="submit" className="button primary">Add provider</button></div>
        </form>
      )}
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : !list.data ? (
        <Spinner />
      ) : !list.data.items.length ? (
        <EmptyState title="No providers yet" />
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead><tr><th>Provider</th><th>Specialties</th><th>Contact</th><th>Notes</th><th /></tr></thead>
            <tbody>
              {list.data.items.map((p) => (
                <tr key={p.id}>
                  <td>{p.name}</td>
                  <td>{p.specialties.join(', ')}</td>
                  <td>{p.contact}</td>
                  <td>{p.notes}</td>
                  <td>
                    {canEdit && (
                      <button type="button" className="button subtle small" onClick={async () => {
                        try {
                          await lifecycle.deleteProvider(p.id);
                          list.reload();
                        } catch (e) {
                          toast.error(e);
                        }
                      }}>Remove</button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
