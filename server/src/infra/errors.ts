import type { ErrorCode } from '@fitdesk/contracts';

const STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  unauthenticated: 401,
  csrf_failed: 403,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  data_folder_locked: 503,
  internal: 500,
};

/** The one application error: a code from the contracts union, its HTTP status, and the field at fault. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.status = STATUS[code];
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
export const invalid = (field: string, message: string) => new AppError('validation_failed', message, field);
export const forbidden = (message = 'Your role does not allow this') => new AppError('forbidden', message);
