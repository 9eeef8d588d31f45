import { useState } from 'react';
import type { AgreementDiff, ClientAgreement } from '@fitdesk/contracts';
import { api, isApiError } from '../api';
import { fullTime } from '../lib/format';
import { atLeast } from '../lib/roles';
import { useAsync } from '../lib/useAsync';
import { useSession } from '../session';
import { Spinner } from '../ui/misc';
import { useToast } from '../ui/toast';
import { AgreementForm } from '../pages/agreements/AgreementForm';
import { processesApi } from '../pages/agreements/processes-api';

const show = (v: unknown) => (v === null || v === undefined ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** The client page's agreement: current version, whether it is acknowledged, versions and their differences. */
export function AgreementCard({ clientId }: { clientId: string }) {
  const session = useSession();
  const toast = useToast();
  const canEdit = atLeast(session.user.role, 'supervisor');
  const agreement = useAsync(
    (signal) =>
      processesApi.agreements.get(clientId, signal).catch((e: unknown) => {
        if (isApiError(e) && e.status === 404) return null;
        throw e;
      }),
    [clientId],
  );
  const templates = useAsync((signal) => processesApi.agreementTemplates.list(signal), []);
  const contactList = useAsync((signal) => api.contacts.list({ clientId, limit: 100 }, signal), [clientId]);
  const contacts = contactList.data?.items ?? [];
  const [templateId, setTemplateId] = useState('');
  const [editing, setEditing] = useState(false);
  const [note, setNote] = useState('');
  const [diff, setDiff] = useState<AgreementDiff | null>(null);
  const [ackContact, setAckContact] = useState('');

  if (agreement.loading && agreement.data === undefined) return <Spinner label="Loading agreement…" />;
  const a: ClientAgreement | null | undefined = agreement.data;

  const start = async () => {
    try {
      agreement.setData(await processesApi.agreements.create(clientId, { templateId }));
      toast.success('Agreement created');
    } catch (e) {
      toast.error(e);
    }
  };
  const acknowledge = async () => {
    try {
      agreement.setData(await processesApi.agreements.acknowledge(clientId, ackContact));
      toast.success('Acknowledgement recorded');
    } catch (e) {
      toast.error(e);
    }
  };
  const showDiff = async (from: number, to: number) => {
    try {
      setDiff(await processesApi.agreements.diff(clientId, from, to));
    } catch (e) {
      toast.error(e);
    }
  };

  return (
    <section className="panel agreement-card" aria-labelledby="agreement-h">
      <h2 id="agreement-h">Service agreement</h2>
      {!a ? (
        <>
          <p className="muted">No agreement yet: SLAs fall back to the workspace default policy.</p>
          {canEdit && (
            <div className="inline-form">
              <select aria-label="Agreement template" value={templateId} onChange={(e) => setTemplateId(e.target.value)}>
                <option value="">Choose a template…</option>
                {(templates.data?.items ?? []).map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </select>
              <button type="button" className="button primary" disabled={!templateId} onClick={() => void start()}>
                Create agreement
              </button>
            </div>
          )}
        </>
      ) : (
        <>
          <p>
            <strong>Version {a.currentVersion}</strong> · {fullTime(a.current.createdAt)}{' '}
            {a.acknowledged ? (
              <span className="badge badge-ok" data-testid="agreement-ack">
                Acknowledged by {a.current.acknowledgements.map((k) => `${k.contactName ?? 'contact'} (${fullTime(k.acknowledgedAt)})`).join(', ')}
              </span>
            ) : (
              <span className="badge badge-warn" data-testid="agreement-ack">
                Not acknowledged
              </span>
            )}
          </p>
          <dl className="details">
            <dt>Timezone</dt>
            <dd>{a.current.terms.timezone}</dd>
            <dt>First response</dt>
            <dd>
              {Object.entries(a.current.terms.firstResponseMinutes)
                .map(([p, m]) => `${p} ${m}m`)
                .join(' · ')}
            </dd>
            <dt>In scope</dt>
            <dd>{a.current.terms.inScope.join('; ') || '—'}</dd>
            <dt>Out of scope</dt>
            <dd>{a.current.terms.outOfScope.join('; ') || '—'}</dd>
            <dt>Ground rules</dt>
            <dd>{a.current.terms.groundRules.join(' ') || '—'}</dd>
          </dl>
          {!a.acknowledged && contacts.length > 0 && atLeast(session.user.role, 'agent') && (
            <div className="inline-form">
              <select aria-label="Acknowledged by" value={ackContact} onChange={(e) => setAckContact(e.target.value)}>
                <option value="">Contact who acknowledged…</option>
                {contacts.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
              <button type="button" className="button" disabled={!ackContact} onClick={() => void acknowledge()}>
                Record acknowledgement
              </button>
            </div>
          )}
          {a.versions.length > 1 && (
            <details>
              <summary>Versions ({a.versions.length})</summary>
              <ul className="plain-list">
                {a.versions.map((v) => (
                  <li key={v.version}>
                    v{v.version} · {fullTime(v.createdAt)} {v.note && `· ${v.note}`} {v.acknowledged ? '· acknowledged' : ''}
                    {v.version > 1 && (
                      <button type="button" className="link-button" onClick={() => void showDiff(v.version - 1, v.version)}>
                        changes from v{v.version - 1}
                      </button>
                    )}
                  </li>
                ))}
              </ul>
              {diff && (
                <table className="table">
                  <caption>
                    v{diff.from} → v{diff.to}
                  </caption>
                  <tbody>
                    {diff.changes.map((c, i) => (
                      <tr key={i}>
                        <td>{c.path}</td>
                        <td>{c.kind}</td>
                        <td>{show(c.before)}</td>
                        <td>{show(c.after)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </details>
          )}
          {canEdit &&
            (editing ? (
              <AgreementForm
                initial={a.current.terms}
                submitLabel="Save as new version"
                extra={
                  <div className="field">
                    <label htmlFor="ag-note">What changed</label>
                    <input id="ag-note" value={note} onChange={(e) => setNote(e.target.value)} />
                  </div>
                }
                onSubmit={async (terms) => {
                  agreement.setData(await processesApi.agreements.addVersion(clientId, { terms, note }));
                  setEditing(false);
                  setNote('');
                  toast.success('New version saved');
                }}
              />
            ) : (
              <button type="button" className="button" onClick={() => setEditing(true)}>
                Edit (new version)
              </button>
            ))}
        </>
      )}
    </section>
  );
}
