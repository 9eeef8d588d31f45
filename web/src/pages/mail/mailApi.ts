/**
 * Calls of the email channel's API (/api/v1/mail/…). Same conventions as ../../api.ts: session
 * cookie, CSRF header on writes (read from the session once), errors as ApiError.
 */
import type { z } from 'zod';
import type { Attachment, Mailbox, MailboxInput, MailboxPatch, MailHealth, OutboxDetail, OutboxItem, RequestMail } from '@fitdesk/contracts';
import { ApiError } from '../../api';

export type { Attachment, Mailbox, MailHealth, OutboxDetail, OutboxItem, RequestMail };
export type MailboxCreate = z.input<typeof MailboxInput>;
export type MailboxUpdate = z.input<typeof MailboxPatch>;

let csrf: string | null = null;
async function csrfToken(): Promise<string> {
  if (csrf) return csrf;
  const res = await fetch('/api/v1/auth/session', { credentials: 'same-origin', headers: { accept: 'application/json' } });
  csrf = res.ok ? ((await res.json()) as { csrfToken: string }).csrfToken : '';
  return csrf;
}

async function call<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = await csrfToken();
  let res: Response;
  try {
    res = await fetch('/api/v1' + path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body), signal });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'network_error', 'Could not reach the server. Check your connection and try again.');
  }
  const data = (await res.json().catch(() => null)) as { error?: { code: string; message: string; field?: string } } | null;
  if (res.ok) return data as T;
  if (res.status === 403 && data?.error?.code === 'csrf_failed') csrf = null;
  const err = data?.error;
  throw new ApiError(res.status, (err?.code ?? 'internal') as ApiError['code'], err?.message ?? `Request failed (${res.status})`, err?.field);
}

const id = encodeURIComponent;

export const mailApi = {
  health: (signal?: AbortSignal) => call<MailHealth>('GET', '/mail/health', undefined, signal),
  mailboxes: (signal?: AbortSignal) => call<{ items: Mailbox[] }>('GET', '/mail/mailboxes', undefined, signal),
  createMailbox: (body: MailboxCreate) => call<Mailbox>('POST', '/mail/mailboxes', body),
  updateMailbox: (mailboxId: string, body: MailboxUpdate) => call<Mailbox>('PATCH', `/mail/mailboxes/${id(mailboxId)}`, body),
  deleteMailbox: (mailboxId: string) => call<{ ok: true }>('DELETE', `/mail/mailboxes/${id(mailboxId)}`),
  sendTest: (mailboxId: string, to?: string) => call<OutboxItem>('POST', `/mail/mailboxes/${id(mailboxId)}/test`, to ? { to } : {}),
  outbox: (query: { status?: string; cursor?: string }, signal?: AbortSignal) => {
    const q = new URLSearchParams(Object.entries(query).filter(([, v]) => v) as [string, string][]).toString();
    return call<{ items: OutboxItem[]; nextCursor: string | null }>('GET', `/mail/outbox${q ? `?${q}` : ''}`, undefined, signal);
  },
  outboxItem: (outboxId: string, signal?: AbortSignal) => call<OutboxDetail>('GET', `/mail/outbox/${id(outboxId)}`, undefined, signal),
  retry: (outboxId: string) => call<OutboxItem>('POST', `/mail/outbox/${id(outboxId)}/retry`),
  requestMail: (requestId: string, signal?: AbortSignal) => call<RequestMail>('GET', `/requests/${id(requestId)}/mail`, undefined, signal),
};

/** Download links (plain GETs: the session cookie authenticates them). */
export const mailLinks = {
  attachment: (attachmentId: string) => `/api/v1/mail/attachments/${id(attachmentId)}`,
  raw: (rawId: string) => `/api/v1/mail/raw/${id(rawId)}`,
  messageRaw: (messageId: string) => `/api/v1/mail/messages/${id(messageId)}/raw`,
  outboxEml: (outboxId: string) => `/api/v1/mail/outbox/${id(outboxId)}/eml`,
};

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
