import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ClientCsvRow } from '@fitdesk/contracts';
import type { Deps } from '../../deps.js';
import { errors, typed } from '../../infra/routes.js';
import { actorOf } from '../auth/auth.plugin.js';
import { importClients } from '../clients/clients.import.js';
import { exportWorkspace } from './export.service.js';

export const ImportClientsBody = z.object({ rows: z.array(z.object({ line: z.number().int().min(1), row: ClientCsvRow })).min(1).max(50000) });
export const ImportClientsResult = z.object({
  created: z.number().int(),
  contactsCreated: z.number().int(),
  skipped: z.array(z.object({ line: z.number().int(), reason: z.string() })),
});

export function exportRoutes(app: FastifyInstance, deps: Deps): void {
  const r = typed(app);
  r.get('/api/v1/export', { schema: { tags: ['admin'], summary: 'Everything the workspace holds, as JSON (owner only)', response: { 200: z.record(z.string(), z.unknown()), ...errors } } }, async (req) =>
    exportWorkspace(deps, actorOf(req)),
  );
  r.post(
    '/api/v1/clients/import',
    { bodyLimit: 50 * 1024 * 1024, schema: { tags: ['clients'], summary: 'Import validated client rows in one transaction (used by `fitdesk import clients`)', body: ImportClientsBody, response: { 200: ImportClientsResult, ...errors } } },
    async (req) => importClients(deps, actorOf(req), req.body.rows),
  );
}
