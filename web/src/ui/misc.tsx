import { useState, type ReactNode } from 'react';
import type { Priority, RequestStatus, Tone, Urgency } from '@fitdesk/contracts';
import { errorMessage } from './toast';
import { PRIORITY_LABEL, STATUS_LABEL, TONE_LABEL } from '../lib/format';

export function Spinner({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      <p className="empty-title">{title}</p>
      {children && <div className="empty-body">{children}</div>}
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <div className="empty empty-error" role="alert">
      <p className="empty-title">Could not load this</p>
      <p className="empty-body">{errorMessage(error)}</p>
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function StatusBadge({ status }: { status: RequestStatus }) {
  return <span className={`badge status-${status}`}>{STATUS_LABEL[status]}</span>;
}

export function PriorityBadge({ priority, quiet }: { priority: Priority; quiet?: boolean }) {
  if (quiet && (priority === 'normal' || priority === 'low')) return null;
  return <span className={`badge priority-${priority}`}>{PRIORITY_LABEL[priority]}</span>;
}

export function ToneBadge({ tone, quiet }: { tone: Tone | null; quiet?: boolean }) {
  if (!tone || (quiet && tone === 'calm')) return null;
  return (
    <span className={`badge tone-${tone}`} title={`Tone: ${TONE_LABEL[tone]}`}>
      {TONE_LABEL[tone]}
    </span>
  );
}

export function UrgencyBadge({ urgency, quiet }: { urgency: Urgency | null; quiet?: boolean }) {
  if (!urgency || (quiet && urgency !== 'high')) return null;
  return (
    <span className={`badge urgency-${urgency}`} title={`Urgency: ${urgency}`}>
      {urgency === 'high' ? 'High urgency' : `Urgency ${urgency}`}
    </span>
  );
}

export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="button"
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(text);
        } catch {
          // Clipboard API needs a secure context; fall back to a hidden textarea.
          const ta = document.createElement('textarea');
          ta.value = text;
          document.body.appendChild(ta);
          ta.select();
          document.execCommand('copy');
          ta.remove();
        }
        setCopied(true);
        window.setTimeout(() => setCopied(false), 1500);
      }}
    >
      {copied ? 'Copied' : label}
    </button>
  );
}

export function Avatar({ name }: { name: string }) {
  const initials = name
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((p) => p[0])
    .slice(0, 2)
    .join('')
    .toUpperCase();
  return (
    <span className="avatar" aria-hidden="true">
      {initials || '?'}
    </span>
  );
}
