import { z } from 'zod';
import { Id, Role, Timestamp } from './common.js';
import { TimeZone } from './agreement.js';

export const Email = z.email().max(254).transform((s) => s.toLowerCase());
export const Password = z.string().min(10, 'at least 10 characters').max(200);

export const SignupBody = z.object({
  workspaceName: z.string().trim().min(2).max(80),
  name: z.string().trim().min(1).max(80),
  email: Email,
  password: Password,
  /** IANA timezone of the business (the browser's by default); the starter SLA policy runs in it. */
  timezone: TimeZone.default('UTC'),
});
export type SignupBody = z.input<typeof SignupBody>;

export const LoginBody = z.object({ email: Email, password: z.string().min(1).max(200) });
export type LoginBody = z.infer<typeof LoginBody>;

export const User = z.object({
  id: Id,
  workspaceId: Id,
  email: z.string(),
  name: z.string(),
  role: Role,
  active: z.boolean(),
  createdAt: Timestamp,
});
export type User = z.infer<typeof User>;

export const Workspace = z.object({ id: Id, name: z.string(), slug: z.string(), createdAt: Timestamp });
export type Workspace = z.infer<typeof Workspace>;

/** Who is calling: the user, their workspace and the CSRF token to echo on cookie writes. */
export const Session = z.object({ user: User, workspace: Workspace, csrfToken: z.string().nullable() });
export type Session = z.infer<typeof Session>;

export const InviteBody = z.object({ email: Email, role: Role, name: z.string().trim().min(1).max(80).optional() });
export type InviteBody = z.infer<typeof InviteBody>;

export const Invite = z.object({
  id: Id,
  email: z.string(),
  role: Role,
  createdAt: Timestamp,
  expiresAt: Timestamp,
  acceptedAt: Timestamp.nullable(),
  /** Present only in the response that created the invite: the link to send. */
  acceptUrl: z.string().optional(),
  /** Present only at creation: whether the link went out by email (needs a mailbox). */
  emailed: z.boolean().optional(),
});
export type Invite = z.infer<typeof Invite>;

export const AcceptInviteBody = z.object({
  token: z.string().min(20).max(200),
  name: z.string().trim().min(1).max(80),
  password: Password,
});

export const UpdateUserBody = z
  .object({ role: Role, active: z.boolean(), name: z.string().trim().min(1).max(80) })
  .partial();

export const CreateTokenBody = z.object({ name: z.string().trim().min(1).max(80) });
export const ApiToken = z.object({
  id: Id,
  name: z.string(),
  prefix: z.string(),
  createdAt: Timestamp,
  lastUsedAt: Timestamp.nullable(),
  revokedAt: Timestamp.nullable(),
  /** The secret, shown once at creation and never again. */
  token: z.string().optional(),
});
export type ApiToken = z.infer<typeof ApiToken>;
