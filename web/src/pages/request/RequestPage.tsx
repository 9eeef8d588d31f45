import { useEffect, useRef, useState } from 'react';
import type { Message, RequestDetail, RequestStatus } from '@fitdesk/contracts';
import { api, type UpdateRequestBody } from '../../api';
import { PRIORITIES, PRIORITY_LABEL, STATUSES, STATUS_LABEL, fullTime, relativeTime, requestNumber } from '../../lib/format';
import { useHotkeys } from '../../lib/hotkeys';
import { atLeast } from '../../lib/roles';
import { useAsync, useNow } from '../../lib/useAsync';
import { Link } from '../../router';
import { useSession } from '../../session';
import { ErrorState, Spinner, ToneBadge, UrgencyBadge } from '../../ui/misc';
import { useToast } from '../../ui/toast';
import { Composer } from './Composer';
import { Conversation } from './Conversation';
import { History } from './History';
import { TagEditor } from './TagEditor';
import { RepairOptions } from '../../components/RepairOptions';
import { TimeTracker } from '../../components/TimeTracker';
import { EscalationPanel } from '../../components/EscalationPanel';
import { RequestMailPanel } from '../mail/RequestMailPanel';
import { BoundaryReplies } from '../../components/BoundaryReplies';
import { PlaybookSteps } from '../../components/PlaybookSteps';
import { SlaTimer } from '../../components/SlaTimer';

export function RequestPage({ id }: { id: string }) {
  const session = useSession();
  const toast = useToast();
  const now = useNow();
  const detail = useAsync((signal) => api.requests.get(id, signal), [id]);
  const users = useAsync((signal) => api.users.list(signal), []);
  const [mode, setMode] = useState<'outbound' | 'note'>('outbound');
  const [historyKey, setHistoryKey] = useState(0);
  const composerRef = useRef<HTMLTextAreaElement>(null);
  const [prefill, setPrefill] = useState<{ text: string; key: number } | undefined>();
  const canEdit = atLeast(session.user.role, 'agent');
  const [highlightId] = useState(() => (window.location.hash.startsWith('#m-') ? window.location.hash.slice(3) : undefined));

  useHotkeys({
    r: (e) => {
      e.preventDefault();
      setMode('outbound');
      composerRef.current?.focus();
    },
    n: (e) => {
      e.preventDefault();
      setMode('note');
      composerRef.current?.focus();
    },
  });

  const r = detail.data;
  useEffect(() => {
    if (r) document.title = `${requestNumber(r.number)} ${r.subject} · fitdesk`;
  }, [r]);

  // Jump to the message a search hit pointed at, once it is on screen.
  useEffect(() => {
    if (!r || !highlightId) return;
    document.getElementById(`m-${highlightId}`)?.scrollIntoView({ block: 'center' });
  }, [r, highlightId]);

  if (detail.error) return <ErrorState error={detail.error} onRetry={detail.reload} />;
  if (!r) return <Spinner label="Loading request…" />;

  const update = async (change: UpdateRequestBody, label: string) => {
    const before = r;
    detail.setData((prev) => (prev ? ({ ...prev, ...change } as RequestDetail) : prev));
    try {
      const saved = await api.requests.update(r.id, change);
      detail.setData(saved);
      setHistoryKey((k) => k + 1);
      toast.success(label);
    } catch (e) {
      detail.setData(before);
      toast.error(e);
    }
  };

  const onSent = (message: Message, status: RequestStatus | undefined) => {
    detail.setData((prev) => (prev ? { ...prev, ...(status ? { status } : {}), messages: [...prev.messages, message], lastMessageAt: message.sentAt } : prev));
    // The server may also move the status (e.g. new → open on the first reply): refresh quietly.
    detail.reload();
    setHistoryKey((k) => k + 1);
  };

  const activeUsers = (users.data?.items ?? []).filter((u) => u.active || u.id === r.assigneeId);
  const lastInbound = [...r.messages].reverse().find((m) => m.direction === 'inbound');

  return (
    <div className="page request-page">
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <Link to="/inbox">Inbox</Link> <span aria-hidden="true">/</span> <span>{requestNumber(r.number)}</span>
      </nav>
      <header className="request-header">
        <div className="request-title">
          <h1>
            <span className="number">{requestNumber(r.number)}</span> {r.subject}
          </h1>
          <div className="request-sub">
            {r.clientId ? <Link to={`/clients/${r.clientId}`}>{r.clientName ?? 'Client'}</Link> : <span className="muted">No client</span>}
            {(r.contactName || r.contactEmail) && <span>· {r.contactName ?? r.contactEmail}</span>}
            <span className="muted">
              · opened {relativeTime(r.createdAt, now)} via {r.channel}
            </span>
            <ToneBadge tone={r.tone} />
            <UrgencyBadge urgency={r.urgency} quiet />
          </div>
        </div>
        <div className="request-controls">
          <div className="control">
            <label htmlFor="req-status">Status</label>
            <select id="req-status" value={r.status} disabled={!canEdit} onChange={(e) => void update({ status: e.target.value as RequestStatus }, `Status set to ${STATUS_LABEL[e.target.value as RequestStatus]}`)}>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {STATUS_LABEL[s]}
                </option>
              ))}
            </select>
          </div>
          <div className="control">
            <label htmlFor="req-priority">Priority</label>
            <select
              id="req-priority"
              value={r.priority}
              disabled={!canEdit}
              onChange={(e) => {
                const p = e.target.value as RequestDetail['priority'];
                void update({ priority: p }, `Priority set to ${PRIORITY_LABEL[p]}`);
              }}
            >
              {PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {PRIORITY_LABEL[p]}
                </option>
              ))}
            </select>
          </div>
          <div className="control">
            <label htmlFor="req-assignee">Assignee</label>
            <select
              id="req-assignee"
              value={r.assigneeId ?? ''}
              disabled={!canEdit}
              onChange={(e) => {
                const assigneeId = e.target.value || null;
                const name = activeUsers.find((u) => u.id === assigneeId)?.name;
                detail.setData((prev) => (prev ? { ...prev, assigneeName: name ?? null } : prev));
                void update({ assigneeId }, assigneeId ? `Assigned to ${name ?? 'teammate'}` : 'Unassigned');
              }}
            >
              {/* An open request always has an owner (the server refuses to unassign it): hand it over with a transfer instead. */}
              {!(r.status === 'new' || r.status === 'open' || r.status === 'waiting') && <option value="">Unassigned</option>}
              {r.assigneeId && !activeUsers.some((u) => u.id === r.assigneeId) && <option value={r.assigneeId}>{r.assigneeName ?? 'Someone'}</option>}
              {activeUsers.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.id === session.user.id ? `${u.name} (me)` : u.name}
                </option>
              ))}
            </select>
          </div>
        </div>
      </header>

      <div className="request-layout">
        <div className="request-main">
          <Conversation messages={r.messages} now={now} highlightId={highlightId} />
          {canEdit ? (
            <Composer ref={composerRef} requestId={r.id} mode={mode} onModeChange={setMode} onSent={onSent} prefill={prefill} />
          ) : (
            <p className="notice">Your role can read requests but not reply.</p>
          )}
          <p className="muted kbd-hint">
            <kbd>r</kbd> reply · <kbd>n</kbd> note · <kbd>/</kbd> search
          </p>
        </div>
        <aside className="request-side" aria-label="Request details">
          {canEdit && (
            <BoundaryReplies
              requestId={r.id}
              refreshKey={r.messageCount}
              onUse={(text) => {
                setMode('outbound');
                setPrefill({ text, key: Date.now() });
                composerRef.current?.focus();
              }}
            />
          )}
          <RepairOptions requestId={r.id} clientId={r.clientId} canEdit={canEdit} onChanged={() => detail.reload()} />
          <TimeTracker requestId={r.id} canEdit={canEdit} />
          <SlaTimer requestId={r.id} refreshKey={historyKey} />
          <RequestMailPanel requestId={r.id} />
          <PlaybookSteps requestId={r.id} refreshKey={r.type} onSent={onSent} onTypeChanged={detail.reload} />
          <EscalationPanel requestId={r.id} open={r.status === 'new' || r.status === 'open' || r.status === 'waiting'} onChanged={() => { detail.reload(); setHistoryKey((k) => k + 1); }} />
          <section className="panel">
            <h2>Tags</h2>
            <TagEditor tags={r.tags} disabled={!canEdit} onChange={(tags) => update({ tags }, 'Tags saved')} />
          </section>
          <section className="panel">
            <h2>Details</h2>
            <dl className="details">
              <dt>Client</dt>
              <dd>{r.clientId ? <Link to={`/clients/${r.clientId}`}>{r.clientName}</Link> : '—'}</dd>
              <dt>Contact</dt>
              <dd>
                {r.contactName ?? '—'}
                {r.contactEmail && <div className="muted small">{r.contactEmail}</div>}
              </dd>
              <dt>Channel</dt>
              <dd>{r.channel}</dd>
              {r.type && (
                <>
                  <dt>Type</dt>
                  <dd>{r.type}</dd>
                </>
              )}
              <dt>Created</dt>
              <dd title={fullTime(r.createdAt)}>{fullTime(r.createdAt)}</dd>
              <dt>Messages</dt>
              <dd>{r.messages.length}</dd>
              {lastInbound?.analysis && (
                <>
                  <dt>Last tone</dt>
                  <dd>
                    <ToneBadge tone={lastInbound.analysis.tone} />
                  </dd>
                </>
              )}
              {r.resolvedAt && (
                <>
                  <dt>Resolved</dt>
                  <dd>{fullTime(r.resolvedAt)}</dd>
                </>
              )}
            </dl>
          </section>
          <History entity="request" entityId={r.id} refreshKey={historyKey} now={now} nameOf={(uid) => users.data?.items.find((u) => u.id === uid)?.name ?? (uid === r.clientId ? (r.clientName ?? undefined) : uid === r.contactId ? (r.contactName ?? undefined) : undefined)} />
        </aside>
      </div>
    </div>
  );
}
