import { z } from 'zod';
import { Id, Role, Timestamp } from './common.js';

/** A tier name on the escalation ladder (lowercase word, e.g. "senior"). */
export const TierName = z.string().trim().min(1).max(30).regex(/^[a-z][a-z0-9_-]*$/, 'lowercase letters, digits, - and _');

export const DEFAULT_TIERS = ['agent', 'senior', 'supervisor', 'owner'] as const;

/** The workspace's ladder, lowest tier first, and how long a transfer's receiver has to accept. */
export const EscalationPolicy = z.object({
  tiers: z.array(TierName).min(2).max(8).refine((t) => new Set(t).size === t.length, 'tier names must be unique'),
  acceptMinutes: z.number().int().min(1).max(7 * 24 * 60),
});
export type EscalationPolicy = z.infer<typeof EscalationPolicy>;
export const UpdateEscalationPolicyBody = EscalationPolicy.partial();

export const StaffTier = z.object({
  userId: Id,
  name: z.string(),
  role: Role,
  active: z.boolean(),
  /** Null for viewers: they cannot own requests. */
  tier: z.string().nullable(),
  /** Whether the tier was set explicitly (else it follows the role). */
  explicit: z.boolean(),
  openRequests: z.number().int(),
});
export type StaffTier = z.infer<typeof StaffTier>;
export const SetUserTierBody = z.object({ tier: TierName });
export const SetAccountOwnerBody = z.object({ userId: Id });
export const AccountOwner = z.object({ clientId: Id, userId: Id, userName: z.string() });

export const EscalationTrigger = z.enum(['manual', 'automation', 'ownership']);
export const TransferStatus = z.enum(['pending', 'accepted', 'declined', 'expired', 'cancelled']);
export type TransferStatus = z.infer<typeof TransferStatus>;

export const EscalateBody = z.object({
  reason: z.string().trim().min(1, 'say why').max(2000),
  /** Default: the tier above the current owner's. */
  toTier: TierName.optional(),
});
export type EscalateBody = z.infer<typeof EscalateBody>;

export const TransferBody = z
  .object({
    /** The handoff note the receiver reads before accepting. */
    note: z.string().trim().min(1, 'write a handoff note').max(5000),
    toUserId: Id.optional(),
    toTier: TierName.optional(),
  })
  .refine((b) => b.toUserId !== undefined || b.toTier !== undefined, { message: 'give toUserId or toTier', path: ['toUserId'] });
export type TransferBody = z.infer<typeof TransferBody>;

export const DecideTransferBody = z.object({ note: z.string().trim().max(2000).optional() });

export const Transfer = z.object({
  id: Id,
  requestId: Id,
  requestNumber: z.number().int().nullable(),
  requestSubject: z.string().nullable(),
  escalationId: Id.nullable(),
  fromUserId: Id.nullable(),
  fromUserName: z.string().nullable(),
  toUserId: Id,
  toUserName: z.string().nullable(),
  toTier: z.string(),
  note: z.string(),
  status: TransferStatus,
  expiresAt: Timestamp,
  createdAt: Timestamp,
  createdByLabel: z.string().nullable(),
  decidedAt: Timestamp.nullable(),
  decidedByUserId: Id.nullable(),
  decisionNote: z.string().nullable(),
});
export type Transfer = z.infer<typeof Transfer>;

export const Escalation = z.object({
  id: Id,
  requestId: Id,
  requestNumber: z.number().int().nullable(),
  requestSubject: z.string().nullable(),
  trigger: EscalationTrigger,
  reason: z.string(),
  fromUserId: Id.nullable(),
  fromTier: z.string().nullable(),
  toTier: z.string(),
  createdAt: Timestamp,
  createdByLabel: z.string().nullable(),
  acknowledgedAt: Timestamp.nullable(),
  acknowledgedByUserId: Id.nullable(),
});
export type Escalation = z.infer<typeof Escalation>;

/** What the request view shows: who owns it, on which tier, and the escalation history. */
export const RequestEscalation = z.object({
  ownerId: Id.nullable(),
  ownerName: z.string().nullable(),
  ownerTier: z.string().nullable(),
  pendingTransfer: Transfer.nullable(),
  transfers: z.array(Transfer),
  escalations: z.array(Escalation),
});
export type RequestEscalation = z.infer<typeof RequestEscalation>;

/** The supervisor's queue: unacknowledged escalations, pending transfers and transfers no one took. */
export const SupervisorQueue = z.object({
  escalations: z.array(Escalation),
  pendingTransfers: z.array(Transfer),
  stalledTransfers: z.array(Transfer),
});
export type SupervisorQueue = z.infer<typeof SupervisorQueue>;
