import type { Message } from '@fitdesk/contracts';
import { fullTime, relativeTime } from '../../lib/format';
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
      {m.duplicateOfMessageId && (
        <p className="duplicate-note">
          Repeat of an <a href={`#m-${m.duplicateOfMessageId}`}>earlier message</a>.
        </p>
      )}
      <div className="message-body">
        {m.analysis ? <AnalysedBody analysis={m.analysis} id={m.id} /> : <div className="message-text">{m.bodyText}</div>}
      </div>
    </li>
  );
}
