import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.js';
import { intakeRoutes } from './intake.routes.js';
import { referralsRoutes } from '../referrals/referrals.routes.js';
import { timeRoutes } from '../time/time.routes.js';
import { clientHealthRoutes } from '../health/client-health.routes.js';
import { reviewRoutes } from '../review/review.routes.js';
import { repairRoutes } from '../repair/repair.routes.js';
import { exitRoutes } from '../exit/exit.routes.js';
import { growthRoutes } from '../growth/growth.routes.js';

/** Every client-lifecycle route (F1, F7, F8, F9): intake, referrals, time, health, review, repair, exit, growth. */
export function lifecycleRoutes(app: FastifyInstance, deps: Deps): void {
  intakeRoutes(app, deps);
  referralsRoutes(app, deps);
  timeRoutes(app, deps);
  clientHealthRoutes(app, deps);
  reviewRoutes(app, deps);
  repairRoutes(app, deps);
  exitRoutes(app, deps);
  growthRoutes(app, deps);
}
