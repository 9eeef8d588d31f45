import { useState } from 'react';
import type { AgreementTemplate } from '@fitdesk/contracts';
import { fullTime } from '../../lib/format';
import { atLeast } from '../../lib/roles';
import { useAsync } from '../../lib/useAsync';
import { useSession } from '../../session';
import { EmptyState, ErrorState, Spinner } from '../../ui/misc';
import { useToast } from '../../ui/toast';
import { AgreementForm, DEFAULT_TERMS } from './AgreementForm';
import { processesApi } from './processes-api';

/** Workspace agreement templates: every client's agreement starts from one. */
export function AgreementsPage() {
  const session = useSession();
  const toast = useToast();
  const list = useAsync((signal) => processesApi.agreementTemplates.list(signal), []);
  const [editing, setEditing] = useState<AgreementTemplate | 'new' | null>(null);
  const [name, setName] = useState('');
  const canEdit = atLeast(session.user.role, 'supervisor');

  if (list.error) return <ErrorState error={list.error} onRetry={list.reload} />;
  if (!list.data) return <Spinner label="Loading agreement templates…" />;

  const open = (t: AgreementTemplate | 'new') => {
    setEditing(t);
    setName(t === 'new' ? '' : t.name);
  };

  return (
    <div className="page page-wide">
      <div className="page-header">
        <h1>Agreements</h1>
        {canEdit && (
          <button type="button" className="button primary" onClick={() => open('new')}>
            New template
          </button>
        )}
      </div>
      <p className="muted">Templates for service agreements. A client's agreement starts from one, is versioned, and is what SLAs, auto-replies and boundary checks hold the client to.</p>
      {list.data.items.length === 0 && !editing && <EmptyState title="No agreement templates yet">Create one with your service hours, promises and ground rules.</EmptyState>}
      <ul className="card-list">
        {list.data.items.map((t) => (
          <li key={t.id} className="panel">
            <div className="section-header">
              <h2>{t.name}</h2>
              {canEdit && (
                <button type="button" className="button" onClick={() => open(t)}>
                  Edit
                </button>
              )}
            </div>
            <p className="muted small">
              {t.terms.timezone} · first response {t.terms.firstResponseMinutes.normal} business minutes (normal) · updated {fullTime(t.updatedAt)}
            </p>
          </li>
        ))}
      </ul>
      {editing && (
        <section className="panel" aria-labelledby="tpl-edit-h">
          <h2 id="tpl-edit-h">{editing === 'new' ? 'New agreement template' : `Edit ${editing.name}`}</h2>
          <AgreementForm
            key={editing === 'new' ? 'new' : editing.id}
            initial={editing === 'new' ? DEFAULT_TERMS : editing.terms}
            submitLabel="Save template"
            extra={
              <div className="field">
                <label htmlFor="tpl-name">Template name</label>
                <input id="tpl-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Standard monthly retainer" />
              </div>
            }
            onSubmit={async (terms) => {
              const saved = editing === 'new' ? await processesApi.agreementTemplates.create({ name, terms }) : await processesApi.agreementTemplates.update(editing.id, { name, terms });
              toast.success(`${saved.name} saved`);
              setEditing(null);
              list.reload();
            }}
          />
        </section>
      )}
    </div>
  );
}
