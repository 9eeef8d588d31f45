import { and, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import { analyzeMessage, aroundTheClockCategory, carryFromRepeated, DUPLICATE_THRESHOLD, REPEAT_WINDOW_MS, estimateSimilarity, fingerprint, MIN_SHINGLES, repeatEvidence, repeatOf, repeatText, type Fingerprint, type RepeatFound } from '@fitdesk/core';
import type { Agreement, MessageAnalysis, Priority } from '@fitdesk/contracts';
import type { Deps } from '../../deps.js';
import type { Tx } from '../../db/client.js';
import { messageFingerprints, messageSignatures, messages, requests } from '../../db/schema/index.js';
import type { InboundContext } from '../requests/inbound.js';
import { auditSystem } from '../audit/audit.service.js';

const HISTORY_DAYS = 14;
const PRIORITY_RANK: Record<Priority, number> = { low: 0, normal: 1, high: 2, urgent: 3 };

/** Whose repeats count: the same client (any of its contacts), else the same contact. */
export const senderKey = (clientId: string | null, contactId: string | null) => (clientId ? `client:${clientId}` : contactId ? `contact:${contactId}` : null);

/**
 * The earlier message this text repeats, if any: LSH band keys narrow the candidates through
 * the (workspace, sender, band) index, then the MinHash estimate decides. Never a scan.
 */
export async function findRepeat(tx: Tx, workspaceId: string, key: string, fp: Fingerprint, since: Date, excludeMessageId?: string) {
  if (fp.shingles < MIN_SHINGLES) return null;
  const candidates = await tx
    .selectDistinct({ messageId: messageFingerprints.messageId, createdAt: messageFingerprints.createdAt })
    .from(messageFingerprints)
    .where(
      and(
        eq(messageFingerprints.workspaceId, workspaceId),
        eq(messageFingerprints.senderKey, key),
        inArray(messageFingerprints.band, fp.bands),
        gte(messageFingerprints.createdAt, since),
      ),
    )
    .limit(200);
  const ids = candidates.map((c) => c.messageId).filter((id) => id !== excludeMessageId);
  if (!ids.length) return null; // the common case: no band in common, one indexed query
  const sigs = await tx
    .select()
    .from(messageSignatures)
    .where(and(eq(messageSignatures.workspaceId, workspaceId), inArray(messageSignatures.messageId, ids)));
  const created = new Map(candidates.map((c) => [c.messageId, c.createdAt]));
  let best: { messageId: string; similarity: number; createdAt: Date } | null = null;
  for (const c of sigs) {
    // Stored as int4: back to the unsigned hash values the signature is made of.
    const similarity = estimateSimilarity(fp.signature, c.signature.map((v) => v >>> 0));
    const createdAt = created.get(c.messageId)!;
    if (similarity >= DUPLICATE_THRESHOLD && (!best || similarity > best.similarity || (similarity === best.similarity && createdAt < best.createdAt)))
      best = { messageId: c.messageId, similarity, createdAt };
  }
  return best;
}

export async function storeFingerprint(tx: Tx, workspaceId: string, key: string, messageId: string, fp: Fingerprint, at: Date) {
  if (fp.shingles < MIN_SHINGLES) return;
  await tx.insert(messageSignatures).values({ workspaceId, messageId, signature: fp.signature.map((v) => v | 0) }).onConflictDoNothing();
  await tx
    .insert(messageFingerprints)
    .values([...new Set(fp.bands)].map((band) => ({ workspaceId, senderKey: key, band, messageId, createdAt: at })))
    .onConflictDoNothing();
}

/** The agreement a client's messages are judged against (none until the client has one). */
export type AgreementLookup = (tx: Tx, workspaceId: string, clientId: string | null) => Promise<Agreement | null>;

/**
 * The analysis step of the inbound pipeline: analyses the message against the client's
 * agreement and recent history, stores the result, links a repeat to its original, and lets
 * urgency and irate/abusive tone raise the request's priority (audited).
 */
export function analysisStep(deps: Deps, agreementFor: AgreementLookup) {
  return async (ctx: InboundContext): Promise<void> => {
    const { tx, workspaceId, request, message } = ctx;
    const agreement = await agreementFor(tx, workspaceId, request.clientId);
    const since = new Date(message.sentAt.getTime() - HISTORY_DAYS * 86400_000);
    const historyRows = await tx
      .select({ id: messages.id, sentAt: messages.sentAt, text: messages.bodyText, direction: messages.direction, channel: messages.channel, analysis: messages.analysis, duplicateOf: messages.duplicateOfMessageId, subject: requests.subject })
      .from(messages)
      .innerJoin(requests, and(eq(requests.workspaceId, messages.workspaceId), eq(requests.id, messages.requestId)))
      .where(
        and(
          eq(messages.workspaceId, workspaceId),
          request.clientId ? eq(requests.clientId, request.clientId) : eq(requests.contactId, request.contactId ?? sql`null`),
          gte(messages.sentAt, since),
          inArray(messages.direction, ['inbound', 'outbound']),
        ),
      )
      .orderBy(desc(messages.sentAt))
      .limit(30);
    const history = historyRows
      .filter((h) => h.id !== message.id && h.sentAt <= message.sentAt)
      .reverse()
      .map((h) => ({
        id: h.id,
        sentAt: h.sentAt.toISOString(),
        text: h.text.slice(0, 4000),
        direction: h.direction as 'inbound' | 'outbound',
        channel: h.channel,
        duplicateOf: h.duplicateOf,
        subject: h.subject,
        // What was decided for it, so a follow-up in a live emergency keeps its around-the-clock cover.
        ...(h.analysis ? { urgency: h.analysis.urgency, aroundTheClock: aroundTheClockCategory(h.analysis) } : {}),
      }));
    // The subject is the client's words only on the message that opened the request.
    const subject = ctx.isNew ? request.subject : undefined;
    let analysis = analyzeMessage({
      body: message.bodyText,
      subject,
      sentAt: message.sentAt.toISOString(),
      channel: message.channel,
      agreement: agreement ?? undefined,
      history,
    }) as MessageAnalysis;

    let found: RepeatFound | null = null;
    const key = senderKey(request.clientId, request.contactId);
    if (key) {
      const fp = fingerprint(repeatText(analysis.cleanedText, analysis.stripped));
      const hit = await findRepeat(tx, workspaceId, key, fp, new Date(message.sentAt.getTime() - REPEAT_WINDOW_MS), message.id);
      found = repeatOf(
        // A later message in the request's thread comes under its subject, as a reply does ("RE: August books").
        { cleanedText: analysis.cleanedText, stripped: analysis.stripped, channel: message.channel, sentAtMs: message.sentAt.getTime(), subject, threadSubject: ctx.isNew ? request.subject : `Re: ${request.subject}` },
        hit ? { id: hit.messageId, similarity: hit.similarity } : null,
        history,
      );
      await storeFingerprint(tx, workspaceId, key, message.id, fp, message.sentAt);
    }
    const duplicateOf = found?.id ?? null;
    if (found) {
      // A repeat asks for what its original asked for (an out-of-scope ask stays one, however reworded).
      // The original is usually among the history rows just read; an older one (repeats reach back further) is read on its own.
      const originalId = found.id;
      const row =
        historyRows.find((h) => h.id === originalId) ??
        (await tx.select({ analysis: messages.analysis, sentAt: messages.sentAt }).from(messages).where(and(eq(messages.workspaceId, workspaceId), eq(messages.id, originalId))))[0];
      // A copy of the same words sent soon after is as pressing as the original was: its time is needed too.
      if (row?.analysis) analysis = carryFromRepeated(analysis, { id: originalId, ...row.analysis, sentAtMs: row.sentAt.getTime() }, message.sentAt.getTime());
      // Why it was linked: the same text, a retelling the sender announced, or the learned check.
      analysis = { ...analysis, evidence: [...analysis.evidence, repeatEvidence(found)] };
    }
    await tx
      .update(messages)
      .set({ analysis, duplicateOfMessageId: duplicateOf })
      .where(and(eq(messages.workspaceId, workspaceId), eq(messages.id, message.id)));
    ctx.message.analysis = analysis;
    ctx.message.duplicateOfMessageId = duplicateOf;

    const raiseTo: Priority | null =
      analysis.tone === 'abusive' || analysis.tone === 'irate' || analysis.urgency === 'high' ? 'high' : null;
    const priority = raiseTo && PRIORITY_RANK[raiseTo] > PRIORITY_RANK[request.priority] ? raiseTo : request.priority;
    await tx
      .update(requests)
      .set({ tone: analysis.tone, urgency: analysis.urgency, priority })
      .where(and(eq(requests.workspaceId, workspaceId), eq(requests.id, request.id)));
    if (priority !== request.priority) {
      const why = analysis.urgency === 'high' ? 'high urgency' : `${analysis.tone} tone`;
      await auditSystem(tx, workspaceId, 'analysis', { action: 'request.priority_raised', entity: 'request', entityId: request.id, before: { priority: request.priority }, after: { priority, reason: why } });
    }
    ctx.request.tone = analysis.tone;
    ctx.request.urgency = analysis.urgency;
    ctx.request.priority = priority;
  };
}
