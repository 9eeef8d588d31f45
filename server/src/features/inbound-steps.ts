import type { Deps } from '../deps.js';

/**
 * Wires the steps every inbound message goes through, in order. Features add theirs here
 * (analysis first, then repeat-contact detection, SLA clocks, automations).
 */
export function registerInboundSteps(deps: Deps): void {
  void deps;
}
