import { and, desc, eq, isNotNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { ReferralReport } from '@fitdesk/contracts';
import type { Deps } from '../../deps.js';
import { clientLifecycle, clients, healthSnapshots, prospects } from '../../db/schema/index.js';
import type { Actor } from '../auth/actor.js';

type Item = z.output<typeof ReferralReport>['items'][number];

/** Which clients bring referrals and how well those referrals fit: referred clients and still-open or declined prospects per referrer, best referrers first. */
export async function referralReport(deps: Deps, actor: Actor): Promise<z.output<typeof ReferralReport>> {
  const ws = actor.workspaceId;
  const referredClients = await deps.db
    .select({ by: clientLifecycle.referredByClientId, id: clients.id, name: clients.name, fitScore: clientLifecycle.fitScore, status: clients.status })
    .from(clientLifecycle)
    .innerJoin(clients, and(eq(clients.workspaceId, clientLifecycle.workspaceId), eq(clients.id, clientLifecycle.clientId)))
    .where(and(eq(clientLifecycle.workspaceId, ws), isNotNull(clientLifecycle.referredByClientId)));
  // Accepted prospects already appear as clients.
  const referredProspects = await deps.db
    .select({ by: prospects.referredByClientId, id: prospects.id, name: prospects.name, fitScore: prospects.fitScore, status: prospects.status })
    .from(prospects)
    .where(and(eq(prospects.workspaceId, ws), isNotNull(prospects.referredByClientId)));
  const byReferrer = new Map<string, Item['referred']>();
  for (const c of referredClients) byReferrer.set(c.by!, [...(byReferrer.get(c.by!) ?? []), { id: c.id, name: c.name, kind: 'client', fitScore: c.fitScore, status: c.status }]);
  for (const p of referredProspects.filter((x) => x.status !== 'accepted'))
    byReferrer.set(p.by!, [...(byReferrer.get(p.by!) ?? []), { id: p.id, name: p.name, kind: 'prospect', fitScore: p.fitScore, status: `prospect ${p.status}` }]);
  if (!byReferrer.size) return { items: [] };
  const items: Item[] = [];
  for (const [clientId, referred] of byReferrer) {
    const [c] = await deps.db.select({ name: clients.name }).from(clients).where(and(eq(clients.workspaceId, ws), eq(clients.id, clientId)));
    if (!c) continue;
    const [h] = await deps.db
      .select({ score: healthSnapshots.score })
      .from(healthSnapshots)
      .where(and(eq(healthSnapshots.workspaceId, ws), eq(healthSnapshots.clientId, clientId)))
      .orderBy(desc(healthSnapshots.computedAt))
      .limit(1);
    const fits = referred.map((r) => r.fitScore).filter((x): x is number => x !== null);
    items.push({ clientId, name: c.name, healthScore: h?.score ?? null, referred, referredCount: referred.length, meanReferredFit: fits.length ? Math.round(fits.reduce((a, b) => a + b, 0) / fits.length) : null });
  }
  items.sort((a, b) => b.referredCount - a.referredCount || (b.meanReferredFit ?? 0) - (a.meanReferredFit ?? 0) || a.name.localeCompare(b.name));
  return { items };
}
