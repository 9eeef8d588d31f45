import { asc, eq } from 'drizzle-orm';
import type { Deps } from '../../deps.js';
import type { Tx } from '../../db/client.js';
import { auditLog, clients, contacts, messages, requests, users, workspaces } from '../../db/schema/index.js';
import { notFound } from '../../infra/errors.js';
import { requireRole, type Actor } from '../auth/actor.js';

/** Everything a workspace holds, as plain JSON (secrets — password and token hashes — left out). */
export async function exportWorkspace(deps: Deps, actor: Actor, tx: Tx = deps.db) {
  requireRole(actor, 'owner');
  const ws = actor.workspaceId;
  const [w] = await tx.select().from(workspaces).where(eq(workspaces.id, ws));
  if (!w) throw notFound('Workspace');
  const userRows = await tx.select().from(users).where(eq(users.workspaceId, ws)).orderBy(asc(users.createdAt));
  return {
    format: 'fitdesk-export',
    version: 1,
    exportedAt: deps.clock.now().toISOString(),
    workspace: { id: w.id, name: w.name, slug: w.slug, settings: w.settings, createdAt: w.createdAt.toISOString() },
    users: userRows.map(({ passwordHash: _p, ...u }) => u),
    clients: await tx.select().from(clients).where(eq(clients.workspaceId, ws)).orderBy(asc(clients.createdAt)),
    contacts: await tx.select().from(contacts).where(eq(contacts.workspaceId, ws)).orderBy(asc(contacts.createdAt)),
    requests: (await tx.select().from(requests).where(eq(requests.workspaceId, ws)).orderBy(asc(requests.number))).map(({ search: _s, ...r }) => r),
    messages: (await tx.select().from(messages).where(eq(messages.workspaceId, ws)).orderBy(asc(messages.sentAt))).map(({ search: _s, ...m }) => m),
    auditLog: await tx.select().from(auditLog).where(eq(auditLog.workspaceId, ws)).orderBy(asc(auditLog.createdAt)),
  };
}
