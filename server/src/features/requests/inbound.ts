import type { Tx } from '../../db/client.js';
import type { contacts, messages, requests } from '../../db/schema/index.js';

export interface InboundContext {
  tx: Tx;
  workspaceId: string;
  request: typeof requests.$inferSelect;
  message: typeof messages.$inferSelect;
  contact: typeof contacts.$inferSelect | null;
  /** Whether this message opened the request. */
  isNew: boolean;
}

/** A step run on every inbound client message, inside the transaction that stores it. */
export type InboundStep = (ctx: InboundContext) => Promise<void>;

/**
 * The seam where analysis (tone, boundaries, repeat contacts), SLA clocks and automations plug
 * in: every channel (API, email, portal, form) stores an inbound message through
 * `recordInbound`, which runs these steps in order before the transaction commits.
 */
export class InboundPipeline {
  private readonly steps: { name: string; run: InboundStep }[] = [];
  use(name: string, run: InboundStep): this {
    this.steps.push({ name, run });
    return this;
  }
  names(): string[] {
    return this.steps.map((s) => s.name);
  }
  async run(ctx: InboundContext): Promise<void> {
    for (const s of this.steps) await s.run(ctx);
  }
}
