import { and, eq, inArray } from 'drizzle-orm';
import type { ClientCsvRow } from '@fitdesk/contracts';
import type { Deps } from '../../deps.js';
import { clients, contacts } from '../../db/schema/index.js';
import { audit } from '../audit/audit.service.js';
import { requireRole, type Actor } from '../auth/actor.js';

export interface ImportResult {
  created: number;
  contactsCreated: number;
  skipped: Array<{ line: number; reason: string }>;
}

/**
 * Imports validated client rows (with an optional first contact each) in one transaction:
 * all good rows land or none do. Rows whose contact email already exists keep the client
 * but skip the contact, and say so.
 */
export async function importClients(
  deps: Deps,
  actor: Actor,
  rowsIn: Array<{ line: number; row: ClientCsvRow }>,
  onProgress?: (done: number, total: number) => void,
): Promise<ImportResult> {
  requireRole(actor, 'agent');
  const result: ImportResult = { created: 0, contactsCreated: 0, skipped: [] };
  await deps.db.transaction(async (tx) => {
    const emails = rowsIn.map((r) => r.row.contact_email).filter((e): e is string => !!e);
    const taken = new Set(
      emails.length
        ? (await tx.select({ email: contacts.email }).from(contacts).where(and(eq(contacts.workspaceId, actor.workspaceId), inArray(contacts.email, emails)))).map((c) => c.email)
        : [],
    );
    const CHUNK = 500;
    for (let i = 0; i < rowsIn.length; i += CHUNK) {
      const chunk = rowsIn.slice(i, i + CHUNK);
      const inserted = await tx
        .insert(clients)
        .values(
          chunk.map(({ row }) => ({
            workspaceId: actor.workspaceId,
            name: row.name,
            kind: row.kind,
            domain: row.domain,
            status: row.status,
            tier: row.tier,
            region: row.region,
            annualRevenue: row.annual_revenue,
            tags: row.tags,
            notes: row.notes,
          })),
        )
        .returning({ id: clients.id });
      result.created += inserted.length;
      const newContacts: (typeof contacts.$inferInsert)[] = [];
      chunk.forEach(({ line, row }, j) => {
        if (!row.contact_email) return;
        if (taken.has(row.contact_email)) {
          result.skipped.push({ line, reason: `contact ${row.contact_email} already exists; client imported without it` });
          return;
        }
        taken.add(row.contact_email);
        newContacts.push({ workspaceId: actor.workspaceId, clientId: inserted[j]!.id, email: row.contact_email, name: row.contact_name || row.contact_email.split('@')[0]! });
      });
      if (newContacts.length) await tx.insert(contacts).values(newContacts);
      result.contactsCreated += newContacts.length;
      onProgress?.(Math.min(i + CHUNK, rowsIn.length), rowsIn.length);
    }
    await audit(tx, actor, { action: 'clients.imported', entity: 'client', after: { created: result.created, contacts: result.contactsCreated } });
  });
  return result;
}
