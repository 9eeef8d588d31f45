import type { FastifyInstance } from 'fastify';
import { ReferralReport } from '@fitdesk/contracts';
import type { Deps } from '../../deps.js';
import { errors, typed } from '../../infra/routes.js';
import { actorOf } from '../auth/auth.plugin.js';
import { referralReport } from './growth.service.js';

export function growthRoutes(app: FastifyInstance, deps: Deps): void {
  typed(app).get('/api/v1/reports/referrals', { schema: { tags: ['reports'], summary: 'Which clients bring referrals, and how those referrals fit', response: { 200: ReferralReport, ...errors } } }, async (req) =>
    referralReport(deps, actorOf(req)),
  );
}
