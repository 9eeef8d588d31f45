import { useState, type FormEvent } from 'react';
import type { ReplyTemplate, RequestType } from '@fitdesk/contracts';
import { isApiError } from '../../api';
import { BOUNDARY_LABEL } from '../../lib/format';
import { atLeast } from '../../lib/roles';
import { useAsync } from '../../lib/useAsync';
import { useSession } from '../../session';
import { ErrorState, Spinner } from '../../ui/misc';
import { useToast } from '../../ui/toast';
import { processesApi } from '../agreements/processes-api';
import { FormError } from '../auth/AuthLayout';

const lines = (s: string) => s.split('\n').map((x) => x.trim()).filter(Boolean);
const errText = (e: unknown) => (isApiError(e) ? (e.field ? `${e.field}: ${e.message}` : e.message) : 'Could not save');

function TypeForm({ type, policies, onSaved }: { type: RequestType | null; policies: Array<{ id: string; name: string }>; onSaved: () => void }) {
  const [key, setKey] = useState(type?.key ?? '');
  const [name, setName] = useState(type?.name ?? '');
  const [keywords, setKeywords] = useState(type?.rules.keywords.join('\n') ?? '');
  const [channels, setChannels] = useState(type?.rules.channels.join(', ') ?? '');
  const [tiers, setTiers] = useState(type?.rules.clientTiers.join(', ') ?? '');
  const [steps, setSteps] = useState(type?.steps.map((s) => s.title).join('\n') ?? '');
  const [policy, setPolicy] = useState(type?.slaPolicyId ?? '');
  const [error, setError] = useState<string | null>(null);
  const list = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    // Keep the ids of steps whose titles did not change, so ticks on open requests survive an edit.
    const stepInput = lines(steps).map((title) => ({ title, ...(type?.steps.find((s) => s.title === title) ? { id: type.steps.find((s) => s.title === title)!.id } : {}) }));
    const body = {
      key,
      name,
      rules: { keywords: lines(keywords), channels: list(channels) as never[], clientTiers: list(tiers) as never[], clientIds: type?.rules.clientIds ?? [] },
      steps: stepInput,
      slaPolicyId: policy || null,
    };
    try {
      if (type) await processesApi.types.update(type.id, body);
      else await processesApi.types.create(body);
      onSaved();
    } catch (err) {
      setError(errText(err));
    }
  };
  return (
    <form className="stack" onSubmit={submit} noValidate>
      <FormError message={error ?? undefined} />
      <div className="grid-2">
        <label className="field">
          Key <input value={key} onChange={(e) => setKey(e.target.value)} placeholder="invoice-dispute" />
        </label>
        <label className="field">
          Name <input value={name} onChange={(e) => setName(e.target.value)} placeholder="Invoice dispute" />
        </label>
        <label className="field">
          Keywords or phrases (one per line) <textarea rows={3} value={keywords} onChange={(e) => setKeywords(e.target.value)} />
        </label>
        <label className="field">
          Playbook steps, in order (one per line) <textarea rows={3} value={steps} onChange={(e) => setSteps(e.target.value)} />
        </label>
        <label className="field">
          Channels (comma-separated, empty = any) <input value={channels} onChange={(e) => setChannels(e.target.value)} placeholder="email, portal" />
        </label>
        <label className="field">
          Client tiers (comma-separated, empty = any) <input value={tiers} onChange={(e) => setTiers(e.target.value)} placeholder="premium, enterprise" />
        </label>
        <label className="field">
          SLA policy
          <select value={policy} onChange={(e) => setPolicy(e.target.value)}>
            <option value="">Client agreement / workspace default</option>
            {policies.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div>
        <button type="submit" className="button primary">
          Save request type
        </button>
      </div>
    </form>
  );
}

function TemplateForm({ template, types, onSaved }: { template: ReplyTemplate | null; types: RequestType[]; onSaved: () => void }) {
  const [name, setName] = useState(template?.name ?? '');
  const [body, setBody] = useState(template?.body ?? 'Hi {{contact.first_name}},\n\n…\n\nOur hours are {{agreement.hours}}; we reply within {{agreement.first_response}}.\n\n{{agent.name}}');
  const [typeId, setTypeId] = useState(template?.requestTypeId ?? '');
  const [boundary, setBoundary] = useState(template?.boundary ?? '');
  const [kind, setKind] = useState(template?.kind ?? 'reply');
  const [preview, setPreview] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const input = { name, body, kind, requestTypeId: typeId || null, boundary: (boundary || null) as never };
    try {
      if (template) await processesApi.templates.update(template.id, input);
      else await processesApi.templates.create(input);
      onSaved();
    } catch (err) {
      setError(errText(err));
    }
  };
  return (
    <form className="stack" onSubmit={submit} noValidate>
      <FormError message={error ?? undefined} />
      <div className="grid-2">
        <label className="field">
          Name <input value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="field">
          Kind
          <select value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
            <option value="reply">Reply</option>
            <option value="note">Internal note</option>
            <option value="checkin">Check-in</option>
          </select>
        </label>
        <label className="field">
          Request type
          <select value={typeId} onChange={(e) => setTypeId(e.target.value)}>
            <option value="">Any</option>
            {types.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Boundary reply for
          <select value={boundary} onChange={(e) => setBoundary(e.target.value as typeof boundary)}>
            <option value="">—</option>
            {Object.entries(BOUNDARY_LABEL).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className="field">
        Text with {'{{variables}}'} <textarea rows={8} value={body} onChange={(e) => setBody(e.target.value)} />
      </label>
      <p className="muted small">
        Variables: contact.name, contact.first_name, client.name, request.number, request.subject, agent.name, workspace.name, agreement.hours, agreement.first_response,
        agreement.resolution, agreement.in_scope, agreement.out_of_scope, agreement.ground_rules, agreement.refund_policy, sla.first_response_due
      </p>
      {preview !== null && <pre className="message-text template-preview">{preview}</pre>}
      <div className="row-actions">
        <button type="button" className="button" onClick={() => void processesApi.templates.preview(null, { body }).then((p) => setPreview(p.body), (e) => setError(errText(e)))}>
          Preview
        </button>
        <button type="submit" className="button primary">
          Save template
        </button>
      </div>
    </form>
  );
}

/** Request types (matching rules, playbook steps, SLA policy) and reply templates. */
export function PlaybooksPage() {
  const session = useSession();
  const toast = useToast();
  const types = useAsync((signal) => processesApi.types.list(signal), []);
  const templates = useAsync((signal) => processesApi.templates.list({}, signal), []);
  const policies = useAsync((signal) => processesApi.sla.policies(signal), []);
  const [editType, setEditType] = useState<RequestType | 'new' | null>(null);
  const [editTpl, setEditTpl] = useState<ReplyTemplate | 'new' | null>(null);
  const canEdit = atLeast(session.user.role, 'supervisor');
  if (types.error) return <ErrorState error={types.error} onRetry={types.reload} />;
  if (!types.data || !templates.data) return <Spinner label="Loading playbooks…" />;
  return (
    <div className="page page-wide">
      <div className="page-header">
        <h1>Playbooks</h1>
      </div>
      <section className="panel" aria-labelledby="types-h">
        <div className="section-header">
          <h2 id="types-h">Request types</h2>
          {canEdit && (
            <button type="button" className="button" onClick={() => setEditType('new')}>
              New type
            </button>
          )}
        </div>
        <p className="muted">New requests are typed by the first matching rule (keywords, channel, client tier). Staff can change the type on the request.</p>
        <table className="table">
          <thead>
            <tr>
              <th>Type</th>
              <th>Rules</th>
              <th>Steps</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {types.data.items.map((t) => (
              <tr key={t.id}>
                <td>
                  <strong>{t.name}</strong> <span className="muted small">{t.key}</span>
                </td>
                <td className="small">{[t.rules.keywords.join(', '), t.rules.channels.join('/'), t.rules.clientTiers.join('/')].filter(Boolean).join(' · ') || '—'}</td>
                <td className="small">{t.steps.map((s) => s.title).join(' → ') || '—'}</td>
                <td>
                  {canEdit && (
                    <button type="button" className="link-button" onClick={() => setEditType(t)}>
                      Edit
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {editType && (
          <TypeForm
            key={editType === 'new' ? 'new' : editType.id}
            type={editType === 'new' ? null : editType}
            policies={policies.data?.items ?? []}
            onSaved={() => {
              setEditType(null);
              types.reload();
              toast.success('Request type saved');
            }}
          />
        )}
      </section>
      <section className="panel" aria-labelledby="templates-h">
        <div className="section-header">
          <h2 id="templates-h">Reply templates</h2>
          {canEdit && (
            <button type="button" className="button" onClick={() => setEditTpl('new')}>
              New template
            </button>
          )}
        </div>
        <ul className="plain-list">
          {templates.data.items.map((t) => (
            <li key={t.id}>
              <strong>{t.name}</strong> <span className="muted small">{t.kind}{t.boundary ? ` · ${BOUNDARY_LABEL[t.boundary]}` : ''}{t.requestTypeId ? ` · ${types.data?.items.find((x) => x.id === t.requestTypeId)?.name ?? ''}` : ''}</span>{' '}
              {canEdit && (
                <button type="button" className="link-button" onClick={() => setEditTpl(t)}>
                  Edit
                </button>
              )}
            </li>
          ))}
        </ul>
        {editTpl && (
          <TemplateForm
            key={editTpl === 'new' ? 'new' : editTpl.id}
            template={editTpl === 'new' ? null : editTpl}
            types={types.data.items}
            onSaved={() => {
              setEditTpl(null);
              templates.reload();
              toast.success('Template saved');
            }}
          />
        )}
      </section>
    </div>
  );
}
