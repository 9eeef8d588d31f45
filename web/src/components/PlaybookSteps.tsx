import { useState } from 'react';
import type { Message, RequestStatus } from '@fitdesk/contracts';
import { api } from '../api';
import { fullTime } from '../lib/format';
import { atLeast } from '../lib/roles';
import { useAsync } from '../lib/useAsync';
import { useSession } from '../session';
import { useToast } from '../ui/toast';
import { processesApi } from '../pages/agreements/processes-api';

/** Request view: the type's playbook steps to tick off, and its templates previewed before sending. */
export function PlaybookSteps({
  requestId,
  refreshKey,
  onSent,
  onTypeChanged,
}: {
  requestId: string;
  refreshKey?: string | null;
  onSent: (m: Message, status: RequestStatus | undefined) => void;
  onTypeChanged?: () => void;
}) {
  const session = useSession();
  const toast = useToast();
  const pb = useAsync((signal) => processesApi.playbook.get(requestId, signal), [requestId, refreshKey]);
  const types = useAsync((signal) => processesApi.types.list(signal), []);
  const [preview, setPreview] = useState<{ templateId: string; body: string; unknown: string[] } | null>(null);
  const canEdit = atLeast(session.user.role, 'agent');
  const p = pb.data;
  if (!p || (!p.type && !types.data?.items.length)) return null;

  const setType = async (key: string) => {
    try {
      await api.requests.update(requestId, { type: key || null });
      pb.reload();
      onTypeChanged?.();
      toast.success(key ? 'Type changed' : 'Type cleared');
    } catch (e) {
      toast.error(e);
    }
  };

  const tick = async (stepId: string, done: boolean) => {
    const before = p;
    // Optimistic: the box follows the click at once; the server's answer fills in who and when.
    pb.setData((prev) => (prev ? { ...prev, steps: prev.steps.map((s) => (s.id === stepId ? { ...s, done } : s)) } : prev));
    try {
      pb.setData(await processesApi.playbook.tick(requestId, stepId, done));
    } catch (e) {
      pb.setData(before);
      toast.error(e);
    }
  };
  const send = async (status?: RequestStatus) => {
    if (!preview) return;
    try {
      const m = await processesApi.templates.apply(requestId, { templateId: preview.templateId, status });
      setPreview(null);
      onSent(m, status);
      toast.success('Template sent');
    } catch (e) {
      toast.error(e);
    }
  };

  return (
    <section className="panel playbook" aria-labelledby="playbook-h">
      <h2 id="playbook-h">Playbook{p.type ? `: ${p.type.name}` : ''}</h2>
      {canEdit && (types.data?.items.length ?? 0) > 0 && (
        <select aria-label="Request type" value={p.type?.key ?? ''} onChange={(e) => void setType(e.target.value)}>
          <option value="">No type</option>
          {types.data!.items.map((t) => (
            <option key={t.id} value={t.key}>
              {t.name}
            </option>
          ))}
        </select>
      )}
      {p.steps.length > 0 && (
        <ol className="checklist">
          {p.steps.map((s) => (
            <li key={s.id}>
              <label>
                <input type="checkbox" checked={s.done} disabled={!canEdit} onChange={(e) => void tick(s.id, e.target.checked)} /> {s.title}
              </label>
              {s.done && (
                <div className="muted small">
                  {s.doneByName} · {s.doneAt && fullTime(s.doneAt)}
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
      {canEdit && p.templates.length > 0 && (
        <div className="stack">
          <label htmlFor="pb-template">Reply template</label>
          <select
            id="pb-template"
            value={preview?.templateId ?? ''}
            onChange={(e) => {
              const tid = e.target.value;
              if (!tid) return setPreview(null);
              void processesApi.templates.preview(tid, { requestId }).then((pv) => setPreview({ templateId: tid, body: pv.body, unknown: pv.unknown }), toast.error);
            }}
          >
            <option value="">Choose…</option>
            {p.templates.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
          {preview && (
            <div className="template-preview">
              <pre className="message-text">{preview.body}</pre>
              {preview.unknown.length > 0 && <p className="form-error">Unknown variables: {preview.unknown.join(', ')}</p>}
              <div className="row-actions">
                <button type="button" className="button primary" onClick={() => void send()}>
                  Send
                </button>
                <button type="button" className="button" onClick={() => void send('waiting')}>
                  Send and wait on client
                </button>
              </div>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
