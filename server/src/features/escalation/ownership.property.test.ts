import fc from 'fast-check';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@fitdesk/contracts';
import { transfers, users, userTiers, workspaces } from '../../db/schema/index.js';
import { rows } from '../../db/client.js';
import { AppError } from '../../infra/errors.js';
import { makeTestApp, ManualClock, type TestApp } from '../../test/factories.js';
import type { Actor } from '../auth/actor.js';
import { addMessage, createRequest, updateRequest } from '../requests/requests.service.js';
import { updateUser } from '../users/users.service.js';
import { acceptTransfer, declineTransfer, escalateRequest, expireTransfer, startTransfer } from './transfers.service.js';

/*
 * The ownership invariant under random sequences of everything that can move ownership:
 * assign, unassign, transfer, escalate, accept, decline, timeout, deactivate/reactivate,
 * demote to viewer and back, resolve and reopen. After every step, whether it succeeded or was
 * refused with a 4xx: every open request has an active, non-viewer owner; no request has two
 * pending transfers; every pending transfer waits on someone who can own requests.
 */

let t: TestApp;
const clock = new ManualClock(new Date('2026-03-02T10:00:00Z'));
beforeAll(async () => {
  t = await makeTestApp({ clock });
});
afterAll(() => t?.close());

const STAFF: { role: Role; tier?: string }[] = [
  { role: 'owner' },
  { role: 'owner' },
  { role: 'supervisor' },
  { role: 'agent', tier: 'senior' },
  { role: 'agent', tier: 'senior' },
  { role: 'agent' },
  { role: 'agent' },
  { role: 'agent' },
  { role: 'viewer' },
];

interface World {
  workspaceId: string;
  userIds: string[];
  requestIds: string[];
}

let wsSeq = 0;
async function makeWorld(): Promise<World> {
  const db = t.deps.db;
  const [w] = await db.insert(workspaces).values({ name: 'Prop', slug: `prop-${Date.now()}-${++wsSeq}` }).returning();
  const userIds: string[] = [];
  for (const [i, s] of STAFF.entries()) {
    const [u] = await db.insert(users).values({ workspaceId: w!.id, email: `u${i}@prop.example`, name: `U${i} ${s.role}`, role: s.role }).returning();
    if (s.tier) await db.insert(userTiers).values({ workspaceId: w!.id, userId: u!.id, tier: s.tier });
    userIds.push(u!.id);
  }
  return { workspaceId: w!.id, userIds, requestIds: [] };
}

async function actorFor(w: World, userId: string): Promise<Actor> {
  const [u] = await t.deps.db.select().from(users).where(and(eq(users.workspaceId, w.workspaceId), eq(users.id, userId)));
  return { workspaceId: w.workspaceId, userId, role: u!.role, label: u!.name, via: 'session' };
}
const boss = (w: World) => actorFor(w, w.userIds[0]!);

async function pendingTransfers(w: World) {
  return t.deps.db.select().from(transfers).where(and(eq(transfers.workspaceId, w.workspaceId), eq(transfers.status, 'pending')));
}

type Op =
  | { k: 'create'; assignee: number | null }
  | { k: 'assign'; r: number; u: number }
  | { k: 'unassign'; r: number }
  | { k: 'transfer'; r: number; u: number; byTier: boolean }
  | { k: 'escalate'; r: number }
  | { k: 'accept'; p: number; asSupervisor: boolean }
  | { k: 'decline'; p: number }
  | { k: 'timeout'; p: number }
  | { k: 'active'; u: number; active: boolean }
  | { k: 'role'; u: number; role: Role }
  | { k: 'status'; r: number; status: 'open' | 'waiting' | 'resolved' | 'closed' }
  | { k: 'clientWrites'; r: number };

const idx = fc.nat({ max: 20 });
const user = fc.nat({ max: STAFF.length - 1 });
const op: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ k: fc.constant('create' as const), assignee: fc.option(user, { nil: null }) }), weight: 3 },
  fc.record({ k: fc.constant('assign' as const), r: idx, u: user }),
  fc.record({ k: fc.constant('unassign' as const), r: idx }),
  { arbitrary: fc.record({ k: fc.constant('transfer' as const), r: idx, u: user, byTier: fc.boolean() }), weight: 3 },
  { arbitrary: fc.record({ k: fc.constant('escalate' as const), r: idx }), weight: 2 },
  { arbitrary: fc.record({ k: fc.constant('accept' as const), p: idx, asSupervisor: fc.boolean() }), weight: 2 },
  { arbitrary: fc.record({ k: fc.constant('decline' as const), p: idx }), weight: 2 },
  { arbitrary: fc.record({ k: fc.constant('timeout' as const), p: idx }), weight: 2 },
  { arbitrary: fc.record({ k: fc.constant('active' as const), u: user, active: fc.boolean() }), weight: 3 },
  fc.record({ k: fc.constant('role' as const), u: user, role: fc.constantFrom<Role>('viewer', 'agent', 'supervisor') }),
  fc.record({ k: fc.constant('status' as const), r: idx, status: fc.constantFrom('open' as const, 'waiting' as const, 'resolved' as const, 'closed' as const) }),
  fc.record({ k: fc.constant('clientWrites' as const), r: idx }),
);

const TIERS = ['agent', 'senior', 'supervisor', 'owner'];

async function apply(w: World, o: Op): Promise<void> {
  const d = t.deps;
  const pick = <T>(xs: T[], i: number): T | undefined => (xs.length ? xs[i % xs.length] : undefined);
  const rid = 'r' in o ? pick(w.requestIds, o.r) : undefined;
  switch (o.k) {
    case 'create': {
      const res = await createRequest(d, await boss(w), {
        subject: 'Prop',
        body: 'x',
        channel: 'api',
        priority: 'normal',
        tags: [],
        contactEmail: `c${w.requestIds.length}@client.example`,
        assigneeId: o.assignee === null ? undefined : w.userIds[o.assignee],
      });
      w.requestIds.push(res.id);
      return;
    }
    case 'assign':
      if (rid) await updateRequest(d, await boss(w), rid, { assigneeId: w.userIds[o.u]! });
      return;
    case 'unassign':
      if (rid) await updateRequest(d, await boss(w), rid, { assigneeId: null });
      return;
    case 'transfer':
      if (rid) await startTransfer(d, await boss(w), rid, o.byTier ? { note: 'over to you', toTier: TIERS[o.u % TIERS.length]! } : { note: 'over to you', toUserId: w.userIds[o.u]! });
      return;
    case 'escalate':
      if (rid) await escalateRequest(d, await boss(w), rid, { reason: 'irate' }, o.r % 2 ? 'automation' : 'manual');
      return;
    case 'accept':
    case 'decline':
    case 'timeout': {
      const p = pick(await pendingTransfers(w), o.p);
      if (!p) return;
      if (o.k === 'timeout') {
        clock.set(new Date(p.expiresAt.getTime() + 1000));
        await expireTransfer(d, { workspaceId: w.workspaceId, userId: null, role: 'owner', label: 'timer', via: 'system' }, p.id);
        return;
      }
      const who = o.k === 'accept' && o.asSupervisor ? w.userIds[2]! : p.toUserId;
      const actor = await actorFor(w, who);
      if (o.k === 'accept') await acceptTransfer(d, actor, p.id);
      else await declineTransfer(d, actor, p.id, 'busy');
      return;
    }
    case 'active':
      if (o.u !== 0) await updateUser(d, await boss(w), w.userIds[o.u]!, { active: o.active });
      return;
    case 'role':
      if (o.u !== 0) await updateUser(d, await boss(w), w.userIds[o.u]!, { role: o.role });
      return;
    case 'status':
      if (rid) await updateRequest(d, await boss(w), rid, { status: o.status });
      return;
    case 'clientWrites':
      if (rid) await addMessage(d, await boss(w), rid, { direction: 'inbound', body: 'any news?' });
      return;
  }
}

async function assertInvariant(w: World, history: Op[]): Promise<void> {
  const orphans = await rows<{ id: string; assignee_id: string | null }>(
    t.deps.db,
    sql`SELECT r.id, r.assignee_id FROM requests r
        LEFT JOIN users u ON u.workspace_id = r.workspace_id AND u.id = r.assignee_id
        WHERE r.workspace_id = ${w.workspaceId} AND r.status IN ('new','open','waiting')
          AND (u.id IS NULL OR NOT u.active OR u.role = 'viewer')`,
  );
  expect(orphans, `open request without a valid owner after ${JSON.stringify(history)}`).toEqual([]);
  const pend = await pendingTransfers(w);
  const perRequest = new Set(pend.map((p) => p.requestId));
  expect(perRequest.size, `two pending transfers on one request after ${JSON.stringify(history)}`).toBe(pend.length);
  if (pend.length) {
    const receivers = await t.deps.db
      .select()
      .from(users)
      .where(and(eq(users.workspaceId, w.workspaceId), inArray(users.id, pend.map((p) => p.toUserId))));
    for (const r of receivers) expect(r.active && r.role !== 'viewer', `pending transfer to ${r.name} who cannot own requests`).toBe(true);
  }
}

const stats: Record<string, number> = {};
afterAll(() => {
  if (process.env.FITDESK_PROPERTY_DEBUG) console.log(stats);
});

describe('ownership invariant (property)', () => {
  it('keeps an active, non-viewer owner on every open request after any sequence of ownership changes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 10, maxLength: 40 }), async (ops) => {
        const w = await makeWorld();
        const history: Op[] = [];
        for (let i = 0; i < 4; i++) await apply(w, { k: 'create', assignee: null });
        for (const o of ops) {
          history.push(o);
          try {
            await apply(w, o);
            if (process.env.FITDESK_PROPERTY_DEBUG) stats[o.k] = (stats[o.k] ?? 0) + 1;
          } catch (err) {
            if (process.env.FITDESK_PROPERTY_DEBUG) stats[`${o.k}!${(err as Error).message.slice(0, 50)}`] = (stats[`${o.k}!${(err as Error).message.slice(0, 50)}`] ?? 0) + 1;
            // Refusals are fine (that is how the invariant is kept); a 5xx or a crash is not.
            if (!(err instanceof AppError) || err.status >= 500) throw err;
          }
          await assertInvariant(w, history);
        }
      }),
      { numRuns: Number(process.env.FITDESK_PROPERTY_RUNS ?? 40) },
    );
  }, 600_000);
});
