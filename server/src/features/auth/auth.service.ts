import { and, eq, gt, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { InviteBody, LoginBody, Role, SignupBody as SignupBodySchema } from '@fitdesk/contracts';
import type { Deps } from '../../deps.js';
import type { Tx } from '../../db/client.js';
import { apiTokens, invites, sessions, users, workspaces } from '../../db/schema/index.js';
import { AppError, notFound } from '../../infra/errors.js';
import { audit } from '../audit/audit.service.js';
import { createStarterPolicy } from '../sla/sla-policies.service.js';
import { queueNotification } from '../mail/outbox.service.js';
import { requireRole, type Actor } from './actor.js';
import { DUMMY_HASH, hashPassword, randomToken, sha256, verifyPassword } from './crypto.js';

export const SESSION_COOKIE = 'fitdesk_session';
const SESSION_DAYS = 14;
const INVITE_DAYS = 7;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type UserRow = typeof users.$inferSelect;
type WorkspaceRow = typeof workspaces.$inferSelect;

export const toUser = (u: UserRow) => ({
  id: u.id,
  workspaceId: u.workspaceId,
  email: u.email,
  name: u.name,
  role: u.role,
  active: u.active,
  createdAt: u.createdAt.toISOString(),
});
export const toWorkspace = (w: WorkspaceRow) => ({ id: w.id, name: w.name, slug: w.slug, createdAt: w.createdAt.toISOString() });

const slugify = (name: string) =>
  name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40) || 'workspace';

export interface IssuedSession {
  cookieValue: string;
  csrfToken: string;
  user: UserRow;
  workspace: WorkspaceRow;
}

async function issueSession(deps: Deps, tx: Tx, user: UserRow, workspace: WorkspaceRow): Promise<IssuedSession> {
  const token = randomToken();
  const csrfToken = randomToken(24);
  await tx.insert(sessions).values({
    workspaceId: user.workspaceId,
    tokenHash: sha256(token),
    userId: user.id,
    csrfToken,
    expiresAt: new Date(deps.clock.now().getTime() + SESSION_DAYS * 86400_000),
  });
  // The workspace id travels in the cookie so the lookup is tenant-scoped like every other query.
  return { cookieValue: `${user.workspaceId}.${token}`, csrfToken, user, workspace };
}

/** Creates a workspace, its owner and a session; the workspace slug is made unique. */
export async function signup(deps: Deps, body: z.output<typeof SignupBodySchema>): Promise<IssuedSession> {
  const passwordHash = await hashPassword(body.password);
  return deps.db.transaction(async (tx) => {
    const base = slugify(body.workspaceName);
    let slug = base;
    for (let i = 2; (await tx.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.slug, slug))).length; i++) slug = `${base}-${i}`;
    const [ws] = await tx.insert(workspaces).values({ name: body.workspaceName, slug }).returning();
    const [user] = await tx
      .insert(users)
      .values({ workspaceId: ws!.id, email: body.email, name: body.name, role: 'owner', passwordHash })
      .returning();
    const actor: Actor = { workspaceId: ws!.id, userId: user!.id, role: 'owner', label: user!.name, via: 'session' };
    await createStarterPolicy(tx, ws!.id, body.timezone);
    await audit(tx, actor, { action: 'workspace.created', entity: 'workspace', entityId: ws!.id, after: toWorkspace(ws!) });
    return issueSession(deps, tx, user!, ws!);
  });
}

/** Checks email + password (same timing whether or not the account exists) and opens a session. */
export async function login(deps: Deps, body: LoginBody): Promise<IssuedSession> {
  const candidates = await deps.db
    .select({ u: users, w: workspaces })
    .from(users)
    .innerJoin(workspaces, eq(workspaces.id, users.workspaceId))
    .where(and(eq(users.email, body.email), eq(users.active, true)));
  for (const { u, w } of candidates) {
    if (u.passwordHash && (await verifyPassword(u.passwordHash, body.password))) return issueSession(deps, deps.db, u, w);
  }
  if (!candidates.length) await verifyPassword(DUMMY_HASH, body.password);
  throw new AppError('unauthenticated', 'Email or password is not right');
}

export async function logout(deps: Deps, cookieValue: string | undefined): Promise<void> {
  const parsed = parseSessionCookie(cookieValue);
  if (!parsed) return;
  await deps.db.delete(sessions).where(and(eq(sessions.workspaceId, parsed.workspaceId), eq(sessions.tokenHash, sha256(parsed.token))));
}

function parseSessionCookie(v: string | undefined) {
  if (!v) return null;
  const dot = v.indexOf('.');
  const workspaceId = v.slice(0, dot);
  const token = v.slice(dot + 1);
  if (dot < 0 || !UUID.test(workspaceId) || token.length < 20) return null;
  return { workspaceId, token };
}

/** Resolves a session cookie to an actor, or null when it is missing, expired or its user is inactive. */
export async function actorFromSession(deps: Deps, cookieValue: string | undefined): Promise<Actor | null> {
  const parsed = parseSessionCookie(cookieValue);
  if (!parsed) return null;
  const [row] = await deps.db
    .select({ s: sessions, u: users })
    .from(sessions)
    .innerJoin(users, and(eq(users.workspaceId, sessions.workspaceId), eq(users.id, sessions.userId)))
    .where(
      and(eq(sessions.workspaceId, parsed.workspaceId), eq(sessions.tokenHash, sha256(parsed.token)), gt(sessions.expiresAt, deps.clock.now())),
    );
  if (!row || !row.u.active) return null;
  return { workspaceId: row.u.workspaceId, userId: row.u.id, role: row.u.role, label: row.u.name, via: 'session', csrfToken: row.s.csrfToken };
}

/** API tokens look like fd_<workspace hex>_<secret>; only their SHA-256 is stored. */
export async function actorFromToken(deps: Deps, bearer: string): Promise<Actor | null> {
  const m = /^fd_([0-9a-f]{32})_([A-Za-z0-9_-]{30,})$/.exec(bearer);
  if (!m) return null;
  const hex = m[1]!;
  const workspaceId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  const [row] = await deps.db
    .select({ t: apiTokens, u: users })
    .from(apiTokens)
    .innerJoin(users, and(eq(users.workspaceId, apiTokens.workspaceId), eq(users.id, apiTokens.userId)))
    .where(and(eq(apiTokens.workspaceId, workspaceId), eq(apiTokens.tokenHash, sha256(bearer)), isNull(apiTokens.revokedAt)));
  if (!row || !row.u.active) return null;
  // last_used_at at minute resolution is plenty and keeps token-authenticated reads from writing every time.
  const now = deps.clock.now();
  if (!row.t.lastUsedAt || now.getTime() - row.t.lastUsedAt.getTime() > 60_000)
    await deps.db.update(apiTokens).set({ lastUsedAt: now }).where(and(eq(apiTokens.workspaceId, workspaceId), eq(apiTokens.id, row.t.id)));
  return { workspaceId, userId: row.u.id, role: row.u.role, label: row.u.name, via: 'token' };
}

export async function sessionView(deps: Deps, actor: Actor) {
  const [row] = await deps.db
    .select({ u: users, w: workspaces })
    .from(users)
    .innerJoin(workspaces, eq(workspaces.id, users.workspaceId))
    .where(and(eq(users.workspaceId, actor.workspaceId), eq(users.id, actor.userId!)));
  if (!row) throw new AppError('unauthenticated', 'Not logged in');
  return { user: toUser(row.u), workspace: toWorkspace(row.w), csrfToken: actor.csrfToken ?? null };
}

// ---- API tokens ----
const toToken = (t: typeof apiTokens.$inferSelect) => ({
  id: t.id,
  name: t.name,
  prefix: t.prefix,
  createdAt: t.createdAt.toISOString(),
  lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  revokedAt: t.revokedAt?.toISOString() ?? null,
});

export async function listTokens(deps: Deps, actor: Actor) {
  const rowsOut = await deps.db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.workspaceId, actor.workspaceId), eq(apiTokens.userId, actor.userId ?? '00000000-0000-0000-0000-000000000000')));
  return rowsOut.map(toToken);
}

export async function createToken(deps: Deps, actor: Actor, name: string) {
  requireRole(actor, 'viewer');
  if (!actor.userId) throw new AppError('forbidden', 'Only users can own API tokens');
  const secret = `fd_${actor.workspaceId.replace(/-/g, '')}_${randomToken()}`;
  return deps.db.transaction(async (tx) => {
    const [t] = await tx
      .insert(apiTokens)
      .values({ workspaceId: actor.workspaceId, userId: actor.userId!, name, prefix: secret.slice(0, 12) + '…' + secret.slice(-4), tokenHash: sha256(secret) })
      .returning();
    await audit(tx, actor, { action: 'token.created', entity: 'api_token', entityId: t!.id, after: { name } });
    return { ...toToken(t!), token: secret };
  });
}

export async function revokeToken(deps: Deps, actor: Actor, id: string) {
  return deps.db.transaction(async (tx) => {
    const [t] = await tx
      .update(apiTokens)
      .set({ revokedAt: deps.clock.now() })
      .where(and(eq(apiTokens.workspaceId, actor.workspaceId), eq(apiTokens.id, id), eq(apiTokens.userId, actor.userId ?? id), isNull(apiTokens.revokedAt)))
      .returning();
    if (!t) throw notFound('Token');
    await audit(tx, actor, { action: 'token.revoked', entity: 'api_token', entityId: id, before: { name: t.name } });
  });
}

// ---- Invites ----
const toInvite = (i: typeof invites.$inferSelect) => ({
  id: i.id,
  email: i.email,
  role: i.role,
  createdAt: i.createdAt.toISOString(),
  expiresAt: i.expiresAt.toISOString(),
  acceptedAt: i.acceptedAt?.toISOString() ?? null,
});

export async function listInvites(deps: Deps, actor: Actor) {
  requireRole(actor, 'supervisor');
  const rowsOut = await deps.db
    .select()
    .from(invites)
    .where(and(eq(invites.workspaceId, actor.workspaceId), isNull(invites.revokedAt), isNull(invites.acceptedAt)));
  return rowsOut.map(toInvite);
}

/** Invites by email link. Only owners may invite owners; supervisors may invite up to supervisor. */
export async function createInvite(deps: Deps, actor: Actor, body: InviteBody) {
  requireRole(actor, 'supervisor');
  if (body.role === 'owner' && actor.role !== 'owner') throw new AppError('forbidden', 'Only an owner can invite an owner', 'role');
  const existing = await deps.db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.workspaceId, actor.workspaceId), eq(users.email, body.email)));
  if (existing.length) throw new AppError('conflict', 'A user with this email is already in the workspace', 'email');
  const token = randomToken();
  return deps.db.transaction(async (tx) => {
    const [inv] = await tx
      .insert(invites)
      .values({
        workspaceId: actor.workspaceId,
        email: body.email,
        name: body.name ?? null,
        role: body.role,
        tokenHash: sha256(token),
        invitedBy: actor.userId,
        expiresAt: new Date(deps.clock.now().getTime() + INVITE_DAYS * 86400_000),
      })
      .returning();
    await audit(tx, actor, { action: 'invite.created', entity: 'invite', entityId: inv!.id, after: { email: body.email, role: body.role } });
    const code = `${actor.workspaceId}.${token}`;
    const acceptUrl = `${deps.config.publicUrl}/invite/${code}`;
    const [ws] = await tx.select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, actor.workspaceId));
    // Emailed when the workspace has a mailbox; the link is also returned to pass on by hand.
    const mailed = await queueNotification(deps, tx, actor.workspaceId, {
      to: body.email,
      subject: `${actor.label} invited you to ${ws?.name ?? 'their workspace'} on fitdesk`,
      body: `Hello${body.name ? ` ${body.name}` : ''},\n\n${actor.label} invited you to join ${ws?.name ?? 'their workspace'} on fitdesk as ${body.role}.\nAccept the invitation and choose your password here (the link works for ${INVITE_DAYS} days):\n\n${acceptUrl}\n`,
    });
    return { ...toInvite(inv!), acceptUrl, emailed: !!mailed };
  });
}

export async function revokeInvite(deps: Deps, actor: Actor, id: string) {
  requireRole(actor, 'supervisor');
  await deps.db.transaction(async (tx) => {
    const [inv] = await tx
      .update(invites)
      .set({ revokedAt: deps.clock.now() })
      .where(and(eq(invites.workspaceId, actor.workspaceId), eq(invites.id, id), isNull(invites.acceptedAt), isNull(invites.revokedAt)))
      .returning();
    if (!inv) throw notFound('Invite');
    await audit(tx, actor, { action: 'invite.revoked', entity: 'invite', entityId: id, before: { email: inv.email } });
  });
}

export async function acceptInvite(deps: Deps, body: { token: string; name: string; password: string }): Promise<IssuedSession> {
  const parsed = parseSessionCookie(body.token);
  if (!parsed) throw new AppError('not_found', 'This invite link is not valid', 'token');
  const passwordHash = await hashPassword(body.password);
  return deps.db.transaction(async (tx) => {
    const [inv] = await tx
      .select()
      .from(invites)
      .where(and(eq(invites.workspaceId, parsed.workspaceId), eq(invites.tokenHash, sha256(parsed.token))));
    if (!inv || inv.revokedAt || inv.acceptedAt || inv.expiresAt < deps.clock.now())
      throw new AppError('not_found', 'This invite link is not valid or has expired', 'token');
    const [user] = await tx
      .insert(users)
      .values({ workspaceId: inv.workspaceId, email: inv.email, name: body.name, role: inv.role as Role, passwordHash })
      .returning();
    await tx.update(invites).set({ acceptedAt: deps.clock.now() }).where(and(eq(invites.workspaceId, inv.workspaceId), eq(invites.id, inv.id)));
    const [ws] = await tx.select().from(workspaces).where(eq(workspaces.id, inv.workspaceId));
    const actor: Actor = { workspaceId: inv.workspaceId, userId: user!.id, role: user!.role, label: user!.name, via: 'session' };
    await audit(tx, actor, { action: 'user.joined', entity: 'user', entityId: user!.id, after: toUser(user!) });
    return issueSession(deps, tx, user!, ws!);
  });
}
