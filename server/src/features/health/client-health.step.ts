import type { Deps } from '../../deps.js';
import type { InboundStep } from '../requests/inbound.js';
import { enqueueHealth } from './client-health.service.js';

/** After analysis and incidents: the client's tone and boundary inputs changed, so recompute its health once this commits. */
export const healthStep =
  (deps: Deps): InboundStep =>
  async (ctx) => {
    if (ctx.request.clientId) await enqueueHealth(deps, ctx.tx, ctx.workspaceId, ctx.request.clientId);
  };
