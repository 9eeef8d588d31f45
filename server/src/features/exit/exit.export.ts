import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import {
  agreementVersions,
  agreements,
  attachments,
  auditLog,
  blobs,
  clientLifecycle,
  clients,
  contacts,
  exits,
  healthSnapshots,
  incidents,
  messages,
  refundLedger,
  repairs,
  requests,
  reviewItems,
  timeEntries,
} from '../../db/schema/index.js';
import { toCsv, zipStore } from './zip.js';

/** Everything the workspace holds on one client, table by table (search vectors left out). */
export async function clientRecords(tx: Tx, workspaceId: string, clientId: string): Promise<Record<string, Array<Record<string, unknown>>>> {
  const byClient = <T extends { workspaceId: unknown; clientId: unknown }>(t: T) => and(eq(t.workspaceId as never, workspaceId), eq(t.clientId as never, clientId));
  const client = await tx.select().from(clients).where(and(eq(clients.workspaceId, workspaceId), eq(clients.id, clientId)));
  const reqs = (await tx.select().from(requests).where(byClient(requests)).orderBy(asc(requests.number))).map(({ search: _s, ...r }) => r);
  const requestIds = reqs.map((r) => r.id);
  const msgs = requestIds.length
    ? (await tx.select().from(messages).where(and(eq(messages.workspaceId, workspaceId), inArray(messages.requestId, requestIds))).orderBy(asc(messages.sentAt))).map(({ search: _s, ...m }) => m)
    : [];
  const agr = await tx.select().from(agreements).where(byClient(agreements));
  const versions = agr.length ? await tx.select().from(agreementVersions).where(and(eq(agreementVersions.workspaceId, workspaceId), inArray(agreementVersions.agreementId, agr.map((a) => a.id)))) : [];
  return {
    client,
    lifecycle: await tx.select().from(clientLifecycle).where(byClient(clientLifecycle)),
    contacts: await tx.select().from(contacts).where(byClient(contacts)),
    agreements: agr,
    agreement_versions: versions,
    requests: reqs,
    messages: msgs,
    time_entries: await tx.select().from(timeEntries).where(byClient(timeEntries)),
    incidents: await tx.select().from(incidents).where(byClient(incidents)),
    health_history: await tx.select().from(healthSnapshots).where(byClient(healthSnapshots)).orderBy(asc(healthSnapshots.computedAt)),
    review_decisions: await tx.select().from(reviewItems).where(byClient(reviewItems)),
    repairs: await tx.select().from(repairs).where(byClient(repairs)),
    refunds: await tx.select().from(refundLedger).where(byClient(refundLedger)),
    audit_log: await tx.select().from(auditLog).where(and(eq(auditLog.workspaceId, workspaceId), eq(auditLog.entity, 'client'), eq(auditLog.entityId, clientId))).orderBy(asc(auditLog.createdAt)),
  };
}

/** The export archive: one JSON with every table, and one CSV per table. */
export function exportZip(clientName: string, records: Record<string, Array<Record<string, unknown>>>, now: Date): { zip: Buffer; files: string[] } {
  const base = clientName.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'client';
  const entries = [
    { name: `${base}/${base}.json`, data: JSON.stringify({ format: 'fitdesk-client-export', version: 1, exportedAt: now.toISOString(), ...records }, null, 2) },
    ...Object.entries(records).map(([table, rows]) => ({ name: `${base}/csv/${table}.csv`, data: toCsv(rows) })),
  ];
  return { zip: zipStore(entries, now), files: entries.map((e) => e.name) };
}

/** Attaches the export to the farewell letter's message (stored as a blob like any other attachment). */
export async function attachExport(tx: Tx, workspaceId: string, exitId: string, requestId: string, messageId: string, filename: string) {
  const [e] = await tx.select({ zip: exits.exportZip }).from(exits).where(and(eq(exits.workspaceId, workspaceId), eq(exits.id, exitId)));
  if (!e?.zip) return false;
  const key = `exit-export/${exitId}/${Date.now()}`;
  await tx.insert(blobs).values({ workspaceId, key, data: e.zip });
  await tx.insert(attachments).values({ workspaceId, requestId, messageId, filename, contentType: 'application/zip', size: e.zip.length, storageKey: key });
  return true;
}
