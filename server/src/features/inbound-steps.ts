import type { Deps } from '../deps.js';
import { emitInboundEvents } from './events/events.inbound.js';
import { analysisStep, type AgreementLookup } from './analysis/analysis.service.js';
import { currentAgreementFor } from './agreements/agreements.service.js';
import { registerProcessSteps } from './processes.js';
import { healthStep } from './health/client-health.step.js';

/**
 * Wires the steps every inbound message goes through, in order: analysis first (tone,
 * urgency, boundaries, repeat contacts — later steps read `ctx.message.analysis`), then the
 * features that react to it (request typing, SLA clocks, incidents, events for automations).
 * Messages are judged against the current version of the client's agreement.
 */
export function registerInboundSteps(deps: Deps, agreementFor: AgreementLookup = currentAgreementFor): void {
  deps.inbound.use('analysis', analysisStep(deps, agreementFor));
  // Request typing, SLA clocks, boundary incidents.
  registerProcessSteps(deps);
  // Client health is recomputed after commit from the tone and incidents just stored.
  deps.inbound.use('health', healthStep(deps));
  // Processed after commit, so automations and webhooks see what every step stored.
  deps.inbound.use('events', emitInboundEvents(deps));
}
