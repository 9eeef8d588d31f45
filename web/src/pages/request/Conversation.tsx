import type { Message } from '@fitdesk/contracts';
import { fullTime, relativeTime, requestNumber } from '../../lib/format';
import { Avatar } from '../../ui/misc';
import { AnalysedBody, AnalysisBadges } from './AnalysisView';

const DIRECTION_LABEL: Record<Message['direction'], string> = {
  inbound: 'wrote',
  outbound: 'replied',
  note: 'added an internal note',
};

export function Conversation({ messages, now, highlightId }: { messages: Message[]; now: number; highlightId?: string | undefined }) {
  if (!messages.length) return <p className="muted">No messages yet.</p>;
  return (
    <ol className="conversation" aria-label="Conversation">
      {messages.map((m) => (
        <MessageItem key={m.id} message={m} now={now} highlighted={m.id === highlightId} />
      ))}
    </ol>
  );
}

/** Why a message was linked as a repeat, in words, from its `duplicate` evidence. */
function repeatReason(rule: string, weight: number | undefined): string {
  const pct = `${Math.round((weight ?? 0) * 100)}%`;
  if (rule === 'minhash_lsh') return `the same text sent again (${pct} alike)`;
  if (rule === 'learned_repeat') return `told again in other words (${pct} likely)`;
  const cue = rule.startsWith('restated_on_another_channel:') ? rule.slice('restated_on_another_channel:'.length) : '';
  if (cue === 'same_words_moments_later') return 'the same words moments later on another channel';
  if (cue === 'same_matter_in_other_words') return 'the same matter in other words, minutes later on another channel';
  return cue ? `the client says so: “${cue}”` : '';
}

/** "Repeat of an earlier message in #1006 — told again in other words (78% likely)." */
function RepeatNote({ message: m }: { message: Message }) {
  const other = m.duplicateOfRequest && m.duplicateOfRequest.id !== m.requestId ? m.duplicateOfRequest : null;
  // An original in another request opens that request at the message (a full load, so it is scrolled to).
  const href = other ? `/requests/${other.id}#m-${m.duplicateOfMessageId}` : `#m-${m.duplicateOfMessageId}`;
  const ev = m.analysis?.evidence.find((e) => e.label === 'duplicate');
  const reason = ev ? repeatReason(ev.rule, ev.weight) : '';
  return (
    <p className="duplicate-note">
      Repeat of an <a href={href}>earlier message{other ? ` in ${requestNumber(other.number)}` : ''}</a>
      {reason ? ` — ${reason}` : ''}.
    </p>
  );
}

function MessageItem({ message: m, now, highlighted }: { message: Message; now: number; highlighted: boolean }) {
  const author = m.authorName ?? (m.direction === 'inbound' ? 'Client' : 'Staff');
  const cls = ['message', `message-${m.direction}`, highlighted ? 'message-highlight' : ''].filter(Boolean).join(' ');
  return (
    <li id={`m-${m.id}`} className={cls}>
      <header className="message-head">
        <Avatar name={author} />
        <div className="message-meta">
          <span>
            <strong>{author}</strong> <span className="muted">{DIRECTION_LABEL[m.direction]}</span>
            {m.direction === 'note' && <span className="badge badge-note">Internal</span>}
            {m.channel !== 'api' && m.direction === 'inbound' && <span className="muted"> via {m.channel}</span>}
          </span>
          <time dateTime={m.sentAt} title={fullTime(m.sentAt)} className="muted">
            {relativeTime(m.sentAt, now)}
          </time>
        </div>
        {m.analysis && <AnalysisBadges analysis={m.analysis} />}
      </header>
      {m.duplicateOfMessageId && <RepeatNote message={m} />}
      <div className="message-body">
        {m.analysis ? <AnalysedBody analysis={m.analysis} id={m.id} /> : <div className="message-text">{m.bodyText}</div>}
      </div>
    </li>
  );
}
