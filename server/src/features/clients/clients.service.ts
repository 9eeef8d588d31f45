import { and, eq, ilike, or, sql, arrayContains } from 'drizzle-orm';
import type { z } from 'zod';
import type { ClientInput, ClientListQuery, ClientPatch, ContactInput, ContactListQuery, ContactPatch } from '@fitdesk/contracts';
import type { Deps } from '../../deps.js';
import type { Tx } from '../../db/client.js';
import { clients, contacts } from '../../db/schema/index.js';
import { AppError, notFound } from '../../infra/errors.js';
import { asDate, keyset } from '../../infra/keyset.js';
import { audit, diff } from '../audit/audit.service.js';
import { requireRole, type Actor } from '../auth/actor.js';

type ClientRow = typeof clients.$inferSelect;
type ContactRow = typeof contacts.$inferSelect;

// Qualified by hand: drizzle renders bare column names inside a raw subquery, which would bind to `r`.
const openCount = sql<number>`(select count(*)::int from requests r where r.workspace_id = "clients"."workspace_id" and r.client_id = "clients"."id" and r.status in ('new','open','waiting'))`;

export const toClient = (c: ClientRow, openRequests = 0) => ({
  id: c.id,
  name: c.name,
  kind: c.kind,
  domain: c.domain,
  status: c.status,
  tier: c.tier,
  region: c.region,
  annualRevenue: c.annualRevenue,
  tags: c.tags,
  notes: c.notes,
  formerReason: c.formerReason,
  openRequests,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});
export const toContact = (c: ContactRow) => ({
  id: c.id,
  clientId: c.clientId,
  name: c.name,
  email: c.email,
  phone: c.phone,
  title: c.title,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => '\\' + m);

export async function listClients(deps: Deps, actor: Actor, q: z.output<typeof ClientListQuery>) {
  const field = q.sort.replace('-', '') as 'name' | 'createdAt';
  const ks = keyset({
    col: field === 'name' ? clients.name : clients.createdAt,
    id: clients.id,
    dir: q.sort.startsWith('-') ? 'desc' : 'asc',
    cursor: q.cursor,
    decode: field === 'createdAt' ? asDate : undefined,
  });
  const rowsOut = await deps.db
    .select({ c: clients, open: openCount })
    .from(clients)
    .where(
      and(
        eq(clients.workspaceId, actor.workspaceId),
        q.status ? eq(clients.status, q.status) : undefined,
        q.tier ? eq(clients.tier, q.tier) : undefined,
        q.tag ? arrayContains(clients.tags, [q.tag]) : undefined,
        q.q ? or(ilike(clients.name, `%${escapeLike(q.q)}%`), ilike(clients.domain, `%${escapeLike(q.q)}%`)) : undefined,
        ks.where,
      ),
    )
    .orderBy(...ks.orderBy)
    .limit(q.limit + 1);
  return {
    items: rowsOut.slice(0, q.limit).map((r) => toClient(r.c, r.open)),
    nextCursor: ks.next(rowsOut, q.limit, (r) => ({ v: field === 'name' ? r.c.name : r.c.createdAt, id: r.c.id })),
  };
}

export async function findClient(tx: Tx, workspaceId: string, id: string) {
  const [row] = await tx.select({ c: clients, open: openCount }).from(clients).where(and(eq(clients.workspaceId, workspaceId), eq(clients.id, id)));
  if (!row) throw notFound('Client');
  return row;
}

export async function getClient(deps: Deps, actor: Actor, id: string) {
  const row = await findClient(deps.db, actor.workspaceId, id);
  return toClient(row.c, row.open);
}

export async function createClient(deps: Deps, actor: Actor, input: z.output<typeof ClientInput>, tx?: Tx) {
  requireRole(actor, 'agent');
  const run = async (t: Tx) => {
    const [c] = await t
      .insert(clients)
      .values({ ...input, domain: input.domain ?? null, region: input.region ?? null, annualRevenue: input.annualRevenue ?? null, workspaceId: actor.workspaceId })
      .returning();
    await audit(t, actor, { action: 'client.created', entity: 'client', entityId: c!.id, after: toClient(c!) });
    return toClient(c!);
  };
  return tx ? run(tx) : deps.db.transaction(run);
}

export async function updateClient(deps: Deps, actor: Actor, id: string, patch: z.output<typeof ClientPatch>) {
  requireRole(actor, 'agent');
  return deps.db.transaction(async (tx) => {
    const before = await findClient(tx, actor.workspaceId, id);
    const [c] = await tx
      .update(clients)
      .set({ ...patch, updatedAt: deps.clock.now() })
      .where(and(eq(clients.workspaceId, actor.workspaceId), eq(clients.id, id)))
      .returning();
    const out = toClient(c!, before.open);
    await audit(tx, actor, { action: 'client.updated', entity: 'client', entityId: id, ...diff(toClient(before.c, before.open), out) });
    return out;
  });
}

// ---- contacts ----
export async function listContacts(deps: Deps, actor: Actor, q: z.output<typeof ContactListQuery>) {
  const ks = keyset({ col: contacts.name, id: contacts.id, dir: 'asc', cursor: q.cursor });
  const rowsOut = await deps.db
    .select()
    .from(contacts)
    .where(
      and(
        eq(contacts.workspaceId, actor.workspaceId),
        q.clientId ? eq(contacts.clientId, q.clientId) : undefined,
        q.q ? or(ilike(contacts.name, `%${escapeLike(q.q)}%`), ilike(contacts.email, `%${escapeLike(q.q)}%`)) : undefined,
        ks.where,
      ),
    )
    .orderBy(...ks.orderBy)
    .limit(q.limit + 1);
  return { items: rowsOut.slice(0, q.limit).map(toContact), nextCursor: ks.next(rowsOut, q.limit, (r) => ({ v: r.name, id: r.id })) };
}

export async function findContact(tx: Tx, workspaceId: string, id: string) {
  const [c] = await tx.select().from(contacts).where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, id)));
  if (!c) throw notFound('Contact');
  return c;
}

export async function findContactByEmail(tx: Tx, workspaceId: string, email: string) {
  const [c] = await tx.select().from(contacts).where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.email, email.toLowerCase())));
  return c ?? null;
}

export async function getContact(deps: Deps, actor: Actor, id: string) {
  return toContact(await findContact(deps.db, actor.workspaceId, id));
}

async function assertClient(tx: Tx, workspaceId: string, clientId: string | null | undefined) {
  if (!clientId) return;
  const [c] = await tx.select({ id: clients.id }).from(clients).where(and(eq(clients.workspaceId, workspaceId), eq(clients.id, clientId)));
  if (!c) throw new AppError('validation_failed', 'clientId: no such client', 'clientId');
}

/** Client whose domain matches the email's domain, so new senders land on the right account. */
export async function clientForEmail(tx: Tx, workspaceId: string, email: string) {
  const domain = email.split('@')[1]?.toLowerCase();
  if (!domain) return null;
  const [c] = await tx.select({ id: clients.id }).from(clients).where(and(eq(clients.workspaceId, workspaceId), eq(clients.domain, domain)));
  return c?.id ?? null;
}

export async function createContact(deps: Deps, actor: Actor, input: z.output<typeof ContactInput>, tx?: Tx) {
  requireRole(actor, 'agent');
  const run = async (t: Tx) => {
    await assertClient(t, actor.workspaceId, input.clientId);
    if (await findContactByEmail(t, actor.workspaceId, input.email)) throw new AppError('conflict', 'A contact with this email already exists', 'email');
    const clientId = input.clientId === undefined ? await clientForEmail(t, actor.workspaceId, input.email) : input.clientId;
    const [c] = await t
      .insert(contacts)
      .values({ workspaceId: actor.workspaceId, clientId, name: input.name, email: input.email, phone: input.phone ?? null, title: input.title ?? null })
      .returning();
    await audit(t, actor, { action: 'contact.created', entity: 'contact', entityId: c!.id, after: toContact(c!) });
    return toContact(c!);
  };
  return tx ? run(tx) : deps.db.transaction(run);
}

export async function updateContact(deps: Deps, actor: Actor, id: string, patch: z.output<typeof ContactPatch>) {
  requireRole(actor, 'agent');
  return deps.db.transaction(async (tx) => {
    const before = await findContact(tx, actor.workspaceId, id);
    await assertClient(tx, actor.workspaceId, patch.clientId);
    if (patch.email && patch.email !== before.email && (await findContactByEmail(tx, actor.workspaceId, patch.email)))
      throw new AppError('conflict', 'A contact with this email already exists', 'email');
    const [c] = await tx
      .update(contacts)
      .set({ ...patch, updatedAt: deps.clock.now() })
      .where(and(eq(contacts.workspaceId, actor.workspaceId), eq(contacts.id, id)))
      .returning();
    await audit(tx, actor, { action: 'contact.updated', entity: 'contact', entityId: id, ...diff(toContact(before), toContact(c!)) });
    return toContact(c!);
  });
}
