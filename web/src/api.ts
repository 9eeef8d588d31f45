/**
 * The one way the web app talks to the server. Every call sends the session cookie, echoes the
 * CSRF token on writes, and turns the API's `{error:{code,message,field}}` into an ApiError.
 * Only types are imported from contracts so zod stays out of the browser bundle.
 */
import type { z } from 'zod';
import type {
  AcceptInviteBody as AcceptInviteBodySchema,
  AddMessageBody as AddMessageBodySchema,
  ApiToken,
  AuditEntry as AuditEntrySchema,
  Client,
  ClientInput,
  ClientPatch as ClientPatchSchema,
  Contact,
  ContactInput as ContactInputSchema,
  ContactPatch as ContactPatchSchema,
  CreateRequestBody,
  ErrorCode,
  Invite,
  InviteBody,
  LoginBody,
  Message,
  Priority,
  RequestDetail,
  RequestStatus,
  RequestSummary,
  SearchHit as SearchHitSchema,
  Session,
  SignupBody,
  Tone,
  UpdateRequestBody as UpdateRequestBodySchema,
  UpdateUserBody as UpdateUserBodySchema,
  Urgency,
  User,
} from '@fitdesk/contracts';

export type SearchHit = z.infer<typeof SearchHitSchema>;
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
export type UpdateRequestBody = z.input<typeof UpdateRequestBodySchema>;
export type UpdateUserBody = z.input<typeof UpdateUserBodySchema>;
export type AddMessageBody = z.input<typeof AddMessageBodySchema>;
export type AcceptInviteBody = z.input<typeof AcceptInviteBodySchema>;
export type ContactInput = z.input<typeof ContactInputSchema>;
export type ContactPatch = z.input<typeof ContactPatchSchema>;
export type ClientPatch = z.input<typeof ClientPatchSchema>;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type StatusFilter = RequestStatus | 'any' | 'active';

export interface RequestListQuery {
  status?: StatusFilter;
  priority?: Priority;
  channel?: string;
  assigneeId?: string;
  clientId?: string;
  contactId?: string;
  tag?: string;
  tone?: Tone;
  urgency?: Urgency;
  sort?: string;
  limit?: number;
  cursor?: string;
}

export interface ClientListQuery {
  status?: Client['status'];
  tier?: Client['tier'];
  tag?: string;
  q?: string;
  sort?: 'name' | '-name' | 'createdAt' | '-createdAt';
  limit?: number;
  cursor?: string;
}

export type ApiErrorCode = ErrorCode | 'network_error' | 'bad_response';

export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly field: string | undefined;
  constructor(status: number, code: ApiErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
  }

  /** The message without the server's "field: " prefix, for showing next to that field. */
  get fieldMessage(): string {
    if (this.field && this.message.startsWith(`${this.field}: `)) return this.message.slice(this.field.length + 2);
    return this.message;
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;
export const isAbort = (e: unknown): boolean => e instanceof DOMException && e.name === 'AbortError';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
type QueryValue = string | number | boolean | null | undefined;
type Query = Record<string, QueryValue>;

interface CallOptions {
  query?: object;
  body?: unknown;
  signal?: AbortSignal;
}

const BASE = '/api/v1';
let csrfToken: string | null = null;
const unauthenticatedListeners = new Set<() => void>();

/** Remember the CSRF token of the current session; it is echoed on every non-GET call. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a call answers 401 (the session expired or was revoked elsewhere). */
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

function toQueryString(query: object | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query as Query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'validation_failed',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

function errorFrom(status: number, data: unknown): ApiError {
  const err = (data as { error?: { code?: unknown; message?: unknown; field?: unknown } } | null)?.error;
  if (err && typeof err.code === 'string' && typeof err.message === 'string') {
    return new ApiError(status, err.code as ErrorCode, err.message, typeof err.field === 'string' ? err.field : undefined);
  }
  const code = CODE_BY_STATUS[status] ?? 'internal';
  const message = status >= 500 ? 'The server had a problem. Please try again.' : `Request failed (${status})`;
  return new ApiError(status, code, message);
}

async function send<T>(method: Method, path: string, opts: CallOptions, retried = false): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(BASE + path + toQueryString(opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: opts.signal,
    });
  } catch (e) {
    if (isAbort(e)) throw e;
    throw new ApiError(0, 'network_error', 'Could not reach the server. Check your connection and try again.');
  }
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      if (res.ok) throw new ApiError(res.status, 'bad_response', 'The server sent an unreadable answer.');
    }
  }
  if (res.ok) return data as T;
  const error = errorFrom(res.status, data);
  // A stale CSRF token (e.g. after logging in on another tab): fetch the current one, retry once.
  if (error.code === 'csrf_failed' && !retried) {
    try {
      const session = await send<Session>('GET', '/auth/session', {}, true);
      setCsrfToken(session.csrfToken);
      return await send<T>(method, path, opts, true);
    } catch {
      throw error;
    }
  }
  if (error.status === 401 && !path.startsWith('/auth/')) for (const l of unauthenticatedListeners) l();
  throw error;
}

const get = <T>(path: string, query?: object, signal?: AbortSignal) => send<T>('GET', path, { query, signal });
const post = <T>(path: string, body?: unknown) => send<T>('POST', path, { body });
const patch = <T>(path: string, body: unknown) => send<T>('PATCH', path, { body });
const del = <T>(path: string) => send<T>('DELETE', path, {});
const id = (s: string) => encodeURIComponent(s);

export type Ok = { ok: true };

export const api = {
  auth: {
    session: (signal?: AbortSignal) => get<Session>('/auth/session', undefined, signal),
    login: (body: LoginBody) => post<Session>('/auth/login', body),
    signup: (body: SignupBody) => post<Session>('/auth/signup', body),
    logout: () => post<Ok>('/auth/logout'),
    acceptInvite: (body: AcceptInviteBody) => post<Session>('/auth/accept-invite', body),
  },
  users: {
    list: (signal?: AbortSignal) => get<{ items: User[] }>('/users', undefined, signal),
    update: (userId: string, body: UpdateUserBody) => patch<User>(`/users/${id(userId)}`, body),
  },
  invites: {
    list: (signal?: AbortSignal) => get<{ items: Invite[] }>('/invites', undefined, signal),
    create: (body: InviteBody) => post<Invite>('/invites', body),
    revoke: (inviteId: string) => del<Ok>(`/invites/${id(inviteId)}`),
  },
  tokens: {
    list: (signal?: AbortSignal) => get<{ items: ApiToken[] }>('/tokens', undefined, signal),
    create: (name: string) => post<ApiToken>('/tokens', { name }),
    revoke: (tokenId: string) => del<Ok>(`/tokens/${id(tokenId)}`),
  },
  clients: {
    list: (query: ClientListQuery, signal?: AbortSignal) => get<Page<Client>>('/clients', query, signal),
    get: (clientId: string, signal?: AbortSignal) => get<Client>(`/clients/${id(clientId)}`, undefined, signal),
    create: (body: ClientInput) => post<Client>('/clients', body),
    update: (clientId: string, body: ClientPatch) => patch<Client>(`/clients/${id(clientId)}`, body),
  },
  contacts: {
    list: (query: { clientId?: string; q?: string; limit?: number; cursor?: string }, signal?: AbortSignal) =>
      get<Page<Contact>>('/contacts', query, signal),
    get: (contactId: string, signal?: AbortSignal) => get<Contact>(`/contacts/${id(contactId)}`, undefined, signal),
    create: (body: ContactInput) => post<Contact>('/contacts', body),
    update: (contactId: string, body: ContactPatch) => patch<Contact>(`/contacts/${id(contactId)}`, body),
  },
  requests: {
    list: (query: RequestListQuery, signal?: AbortSignal) => get<Page<RequestSummary>>('/requests', query, signal),
    get: (requestId: string, signal?: AbortSignal) => get<RequestDetail>(`/requests/${id(requestId)}`, undefined, signal),
    create: (body: CreateRequestBody) => post<RequestDetail>('/requests', body),
    update: (requestId: string, body: UpdateRequestBody) => patch<RequestDetail>(`/requests/${id(requestId)}`, body),
    addMessage: (requestId: string, body: AddMessageBody) => post<Message>(`/requests/${id(requestId)}/messages`, body),
  },
  search: (query: { q: string; status?: StatusFilter; limit?: number; cursor?: string }, signal?: AbortSignal) =>
    get<Page<SearchHit>>('/search', query, signal),
  audit: (query: { entity?: string; entityId?: string; limit?: number; cursor?: string }, signal?: AbortSignal) =>
    get<Page<AuditEntry>>('/audit', query, signal),
};

/** Raw calls for feature modules that keep their own typed endpoints (e.g. pages/agreements/processes-api.ts). */
export const http = { get, post, patch, del };
