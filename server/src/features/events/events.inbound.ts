import type { InboundContext } from '../requests/inbound.js';
import type { Deps } from '../../deps.js';
import { emitEvent } from './events.service.js';

/**
 * Inbound pipeline step: request.created for a message that opened a request, and
 * message.received for every inbound message. Runs last so the event reflects the analysis
 * (tone, urgency, boundaries) the earlier steps stored; automations read the rows anyway.
 */
export function emitInboundEvents(deps: Deps) {
  return async (ctx: InboundContext): Promise<void> => {
    const base = { workspaceId: ctx.workspaceId, requestId: ctx.request.id, clientId: ctx.request.clientId };
    if (ctx.isNew)
      await emitEvent(ctx.tx, deps, {
        ...base,
        type: 'request.created',
        data: { number: ctx.request.number, subject: ctx.request.subject, channel: ctx.request.channel, assigneeId: ctx.request.assigneeId },
      });
    await emitEvent(ctx.tx, deps, {
      ...base,
      type: 'message.received',
      data: { messageId: ctx.message.id, channel: ctx.message.channel, contactId: ctx.contact?.id ?? null, isNew: ctx.isNew },
    });
  };
}
