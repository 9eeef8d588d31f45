import type { Deps } from '../deps.js';
import { emitInboundEvents } from './events/events.inbound.js';
import { analysisStep, type AgreementLookup } from './analysis/analysis.service.js';

/**
 * The client's agreement as the analysis engine sees it. Until agreements exist for a client
 * there is none, and out-of-scope and off-hours are simply not judged. The agreements feature
 * replaces this lookup with its own (current version of the client's agreement).
 */
const noAgreement: AgreementLookup = async () => null;

/**
 * Wires the steps every inbound message goes through, in order: analysis first (tone,
 * urgency, boundaries, repeat contacts — later steps read `ctx.message.analysis`), then the
 * features that react to it (request typing, SLA clocks, incidents, events for automations).
 */
export function registerInboundSteps(deps: Deps, agreementFor: AgreementLookup = noAgreement): void {
  deps.inbound.use('analysis', analysisStep(deps, agreementFor));
  // Processed after commit, so automations and webhooks see what every step stored.
  deps.inbound.use('events', emitInboundEvents(deps));
}
