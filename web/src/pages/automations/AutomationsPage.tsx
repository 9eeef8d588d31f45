import { useEffect, useState, type FormEvent } from 'react';
import type { AutomationAction, AutomationConditions, AutomationRule, AutomationEventType } from '@fitdesk/contracts';
import { automationsApi } from '../escalation/escalation-api';
import { BOUNDARY_LABEL, PRIORITIES, PRIORITY_LABEL, TONES, TONE_LABEL, relativeTime } from '../../lib/format';
import { atLeast } from '../../lib/roles';
import { useAsync, useNow } from '../../lib/useAsync';
import { useSession } from '../../session';
import { EmptyState, ErrorState, Spinner } from '../../ui/misc';
import { errorMessage, useToast } from '../../ui/toast';
import { FormError } from '../auth/AuthLayout';

const EVENTS: { value: AutomationEventType; label: string }[] = [
  { value: 'request.created', label: 'A request is created' },
  { value: 'message.received', label: 'A client message arrives' },
  { value: 'request.updated', label: 'A request is changed' },
  { value: 'sla.warning', label: 'An SLA is about to breach' },
  { value: 'sla.breach', label: 'An SLA is breached' },
  { value: 'incident.logged', label: 'A boundary incident is logged' },
];
const URGENCIES = ['low', 'normal', 'high'] as const;
const CLIENT_TIERS = ['standard', 'premium', 'enterprise'] as const;
const BOUNDARIES = ['personal', 'out_of_scope', 'pressure', 'abuse', 'off_hours'] as const;
type ActionType = AutomationAction['type'];

function describeConditions(c: AutomationConditions): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(c)) {
    if (Array.isArray(v)) parts.push(`${k} is ${v.join(' or ')}`);
    else if (k === 'repeatContacts' && v && typeof v === 'object') parts.push(`${(v as { atLeast: number }).atLeast}+ messages within ${(v as { withinHours: number }).withinHours} h`);
    else parts.push(`${k}: ${String(v)}`);
  }
  return parts.length ? parts.join(' and ') : 'always';
}

function describeAction(a: AutomationAction): string {
  switch (a.type) {
    case 'set':
      return `set ${[a.status && `status ${a.status}`, a.priority && `priority ${a.priority}`, a.requestType !== undefined && `type ${a.requestType ?? 'none'}`].filter(Boolean).join(', ')}`;
    case 'assign':
      return 'assign to a teammate';
    case 'add_tag':
      return `add tag “${a.tag}”`;
    case 'template':
      return `apply a template as ${a.as}`;
    case 'escalate':
      return `escalate${a.toTier ? ` to ${a.toTier}` : ''}: ${a.reason}`;
    case 'notify':
      return `notify ${a.to.length === 36 ? 'a teammate' : a.to}: ${a.message}`;
    case 'webhook':
      return 'send to a webhook';
  }
}

function Checks<T extends string>({ legend, options, value, onChange, label }: { legend: string; options: readonly T[]; value: T[]; onChange: (v: T[]) => void; label?: (v: T) => string }) {
  return (
    <fieldset className="filter">
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o} className="capitalize" style={{ marginRight: '0.75rem' }}>
          <input type="checkbox" checked={value.includes(o)} onChange={(e) => onChange(e.target.checked ? [...value, o] : value.filter((x) => x !== o))} /> {label ? label(o) : o}
        </label>
      ))}
    </fieldset>
  );
}

function RuleForm({ onSaved }: { onSaved: (r: AutomationRule) => void }) {
  const [name, setName] = useState('');
  const [event, setEvent] = useState<AutomationEventType>('message.received');
  const [tone, setTone] = useState<(typeof TONES)[number][]>([]);
  const [urgency, setUrgency] = useState<(typeof URGENCIES)[number][]>([]);
  const [priority, setPriority] = useState<(typeof PRIORITIES)[number][]>([]);
  const [clientTier, setClientTier] = useState<(typeof CLIENT_TIERS)[number][]>([]);
  const [boundaries, setBoundaries] = useState<(typeof BOUNDARIES)[number][]>([]);
  const [subject, setSubject] = useState('');
  const [actionType, setActionType] = useState<ActionType>('add_tag');
  const [param, setParam] = useState('');
  const [param2, setParam2] = useState('');
  const [error, setError] = useState<{ field?: string; message: string } | null>(null);

  const action = (): AutomationAction => {
    switch (actionType) {
      case 'add_tag':
        return { type: 'add_tag', tag: param };
      case 'escalate':
        return { type: 'escalate', reason: param, ...(param2 ? { toTier: param2 } : {}) };
      case 'notify':
        return { type: 'notify', to: (param2 || 'supervisors') as 'supervisors', message: param };
      case 'set':
        return { type: 'set', priority: (param2 || 'high') as (typeof PRIORITIES)[number] };
      case 'template':
        return { type: 'template', templateId: param, as: param2 === 'reply' ? 'reply' : 'note' };
      case 'assign':
        return { type: 'assign', userId: param };
      case 'webhook':
        return { type: 'webhook', endpointId: param };
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const conditions: AutomationConditions = {
      ...(tone.length ? { tone } : {}),
      ...(urgency.length ? { urgency } : {}),
      ...(priority.length ? { priority } : {}),
      ...(clientTier.length ? { clientTier } : {}),
      ...(boundaries.length ? { boundaries } : {}),
      ...(subject.trim() ? { subjectContains: subject.trim() } : {}),
    };
    try {
      const saved = await automationsApi.create({ name, event, conditions, actions: [action()] });
      onSaved(saved);
      setName('');
      setParam('');
      setParam2('');
    } catch (err) {
      setError({ field: (err as { field?: string }).field, message: errorMessage(err) });
    }
  };

  return (
    <form className="stack" onSubmit={(e) => void submit(e)} noValidate aria-label="New rule">
      <div className="row-2">
        <div className={error?.field === 'name' ? 'field field-invalid' : 'field'}>
          <label htmlFor="rule-name">Name</label>
          <input id="rule-name" value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="rule-event">When</label>
          <select id="rule-event" value={event} onChange={(e) => setEvent(e.target.value as AutomationEventType)}>
            {EVENTS.map((x) => (
              <option key={x.value} value={x.value}>
                {x.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="strong">If (all that are set)</p>
      <Checks legend="Tone" options={TONES} value={tone} onChange={setTone} label={(t) => TONE_LABEL[t]} />
      <Checks legend="Urgency" options={URGENCIES} value={urgency} onChange={setUrgency} />
      <Checks legend="Priority" options={PRIORITIES} value={priority} onChange={setPriority} label={(p) => PRIORITY_LABEL[p]} />
      <Checks legend="Client tier" options={CLIENT_TIERS} value={clientTier} onChange={setClientTier} />
      <Checks legend="Boundary crossed" options={BOUNDARIES} value={boundaries} onChange={setBoundaries} label={(b) => BOUNDARY_LABEL[b] ?? b} />
      <div className="field">
        <label htmlFor="rule-subject">Subject contains</label>
        <input id="rule-subject" value={subject} onChange={(e) => setSubject(e.target.value)} />
      </div>
      <p className="strong">Then</p>
      <div className="row-3">
        <div className="field">
          <label htmlFor="rule-action">Action</label>
          <select id="rule-action" value={actionType} onChange={(e) => setActionType(e.target.value as ActionType)}>
            <option value="add_tag">Add a tag</option>
            <option value="escalate">Escalate</option>
            <option value="notify">Notify</option>
            <option value="set">Set priority</option>
            <option value="template">Apply a template (id)</option>
            <option value="assign">Assign (user id)</option>
            <option value="webhook">Send to a webhook (endpoint id)</option>
          </select>
        </div>
        <div className={error?.field?.startsWith('actions') ? 'field field-invalid' : 'field'}>
          <label htmlFor="rule-param">{actionType === 'escalate' ? 'Reason' : actionType === 'notify' ? 'Message' : actionType === 'add_tag' ? 'Tag' : actionType === 'set' ? '—' : 'Id'}</label>
          <input id="rule-param" value={param} disabled={actionType === 'set'} onChange={(e) => setParam(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="rule-param2">{actionType === 'escalate' ? 'To tier (optional)' : actionType === 'notify' ? 'Who' : actionType === 'set' ? 'Priority' : actionType === 'template' ? 'As' : '—'}</label>
          {actionType === 'notify' ? (
            <select id="rule-param2" value={param2 || 'supervisors'} onChange={(e) => setParam2(e.target.value)}>
              <option value="supervisors">Supervisors and owners</option>
              <option value="owners">Owners</option>
              <option value="assignee">The request’s owner</option>
            </select>
          ) : actionType === 'set' ? (
            <select id="rule-param2" value={param2 || 'high'} onChange={(e) => setParam2(e.target.value)}>
              {PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {PRIORITY_LABEL[p]}
                </option>
              ))}
            </select>
          ) : actionType === 'template' ? (
            <select id="rule-param2" value={param2 || 'note'} onChange={(e) => setParam2(e.target.value)}>
              <option value="note">Internal note</option>
              <option value="reply">Reply</option>
            </select>
          ) : (
            <input id="rule-param2" value={param2} disabled={actionType !== 'escalate'} onChange={(e) => setParam2(e.target.value)} />
          )}
        </div>
      </div>
      <FormError message={error?.message} />
      <div className="button-row">
        <button type="submit" className="button primary">
          Add rule
        </button>
      </div>
    </form>
  );
}

function RunLog({ ruleId }: { ruleId: string }) {
  const now = useNow();
  const runs = useAsync((signal) => automationsApi.runs(ruleId, signal), [ruleId]);
  if (runs.error) return <ErrorState error={runs.error} onRetry={runs.reload} />;
  if (!runs.data) return <Spinner />;
  if (!runs.data.items.length) return <p className="muted small">This rule has not been evaluated yet.</p>;
  return (
    <ul className="simple-list small" aria-label="Run log">
      {runs.data.items.map((r) => (
        <li key={r.id}>
          <span className="badge">{r.outcome.replace('_', ' ')}</span> {r.eventType} · {relativeTime(r.createdAt, now)}
          {Array.isArray(r.detail.failed) && <span className="muted"> · failed: {(r.detail.failed as string[]).join(', ')}</span>}
        </li>
      ))}
    </ul>
  );
}

export function AutomationsPage() {
  const session = useSession();
  const toast = useToast();
  const rules = useAsync((signal) => automationsApi.list(signal), []);
  const [openLog, setOpenLog] = useState<string | null>(null);
  const canEdit = atLeast(session.user.role, 'supervisor');
  useEffect(() => {
    document.title = 'Automations · fitdesk';
  }, []);

  const act = async (fn: () => Promise<unknown>, label: string) => {
    try {
      await fn();
      toast.success(label);
    } catch (e) {
      toast.error(e);
    }
    rules.reload();
  };
  const move = (i: number, d: -1 | 1) => {
    const ids = (rules.data?.items ?? []).map((r) => r.id);
    const j = i + d;
    if (j < 0 || j >= ids.length) return;
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
    void act(() => automationsApi.reorder(ids), 'Order saved');
  };

  return (
    <div className="page page-wide">
      <header className="page-header">
        <h1>Automations</h1>
        {canEdit && (
          <button type="button" className="button" onClick={() => void act(() => automationsApi.presets(), 'Escalation rules added')}>
            Add the escalation rules
          </button>
        )}
      </header>
      <p className="muted">Rules run in this order for each event. Changes made by a rule never trigger rules again, and a rule fires at most once per event.</p>
      {rules.error ? (
        <ErrorState error={rules.error} onRetry={rules.reload} />
      ) : !rules.data ? (
        <Spinner />
      ) : rules.data.items.length === 0 ? (
        <EmptyState title="No rules yet" />
      ) : (
        <ol className="stack" aria-label="Rules">
          {rules.data.items.map((r, i) => (
            <li key={r.id} className="panel">
              <div className="section-header">
                <h2>
                  {r.name} {!r.enabled && <span className="badge">off</span>}
                </h2>
                {canEdit && (
                  <div className="button-row">
                    <button type="button" className="button small" aria-label={`Move ${r.name} up`} onClick={() => move(i, -1)} disabled={i === 0}>
                      ↑
                    </button>
                    <button type="button" className="button small" aria-label={`Move ${r.name} down`} onClick={() => move(i, 1)} disabled={i === rules.data!.items.length - 1}>
                      ↓
                    </button>
                    <button type="button" className="button small" onClick={() => void act(() => automationsApi.update(r.id, { enabled: !r.enabled }), r.enabled ? 'Rule turned off' : 'Rule turned on')}>
                      {r.enabled ? 'Turn off' : 'Turn on'}
                    </button>
                    <button type="button" className="button small danger" onClick={() => void act(() => automationsApi.remove(r.id), 'Rule deleted')}>
                      Delete
                    </button>
                  </div>
                )}
              </div>
              <p>
                <strong>When</strong> {EVENTS.find((e) => e.value === r.event)?.label ?? r.event} <strong>if</strong> {describeConditions(r.conditions)} <strong>then</strong> {r.actions.map(describeAction).join('; ')}
              </p>
              <button type="button" className="link-button" onClick={() => setOpenLog(openLog === r.id ? null : r.id)} aria-expanded={openLog === r.id}>
                {openLog === r.id ? 'Hide run log' : 'Show run log'}
              </button>
              {openLog === r.id && <RunLog ruleId={r.id} />}
            </li>
          ))}
        </ol>
      )}
      {canEdit && (
        <section className="panel" aria-labelledby="new-rule-h">
          <h2 id="new-rule-h">New rule</h2>
          <RuleForm
            onSaved={(r) => {
              rules.setData((prev) => (prev ? { items: [...prev.items, r] } : prev));
              toast.success('Rule added');
            }}
          />
        </section>
      )}
    </div>
  );
}
