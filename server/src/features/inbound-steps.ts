import type { Deps } from '../deps.js';
import { emitInboundEvents } from './events/events.inbound.js';

/**
 * Wires the steps every inbound message goes through, in order. Features add theirs here
 * (analysis first, then repeat-contact detection, SLA clocks, automations).
 */
export function registerInboundSteps(deps: Deps): void {
  // Processed after commit, so automations and webhooks see what every step stored.
  deps.inbound.use('events', emitInboundEvents(deps));
}
