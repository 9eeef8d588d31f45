import { z } from 'zod';
import { Id, PageQuery, Tags, Timestamp } from './common.js';
import { Email } from './auth.js';

export const ClientStatus = z.enum(['prospect', 'active', 'former']);
export const ClientKind = z.enum(['organisation', 'individual']);
export const ClientTier = z.enum(['standard', 'premium', 'enterprise']);
export const Domain = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^(?!-)[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'must be a domain like example.com');

export const ClientInput = z.object({
  name: z.string().trim().min(1).max(160),
  kind: ClientKind.default('organisation'),
  domain: Domain.nullable().optional(),
  status: ClientStatus.default('active'),
  tier: ClientTier.default('standard'),
  region: z.string().trim().max(80).nullable().optional(),
  annualRevenue: z.number().nonnegative().max(1e12).nullable().optional(),
  tags: Tags.default([]),
  notes: z.string().max(20000).default(''),
});
export type ClientInput = z.input<typeof ClientInput>;
export const ClientPatch = ClientInput.partial().extend({ formerReason: z.string().max(2000).nullable().optional() });

export const Client = z.object({
  id: Id,
  name: z.string(),
  kind: ClientKind,
  domain: z.string().nullable(),
  status: ClientStatus,
  tier: ClientTier,
  region: z.string().nullable(),
  annualRevenue: z.number().nullable(),
  tags: z.array(z.string()),
  notes: z.string(),
  formerReason: z.string().nullable(),
  openRequests: z.number().int(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Client = z.infer<typeof Client>;

export const ClientSort = z.enum(['name', '-name', 'createdAt', '-createdAt']);
export const ClientListQuery = PageQuery.extend({
  status: ClientStatus.optional(),
  tier: ClientTier.optional(),
  tag: z.string().max(40).optional(),
  q: z.string().max(200).optional(),
  sort: ClientSort.default('name'),
});

export const ContactInput = z.object({
  clientId: Id.nullable().optional(),
  name: z.string().trim().min(1).max(160),
  email: Email,
  phone: z.string().trim().max(40).nullable().optional(),
  title: z.string().trim().max(120).nullable().optional(),
});
export const ContactPatch = ContactInput.partial();
export const Contact = z.object({
  id: Id,
  clientId: Id.nullable(),
  name: z.string(),
  email: z.string(),
  phone: z.string().nullable(),
  title: z.string().nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Contact = z.infer<typeof Contact>;
export const ContactListQuery = PageQuery.extend({ clientId: Id.optional(), q: z.string().max(200).optional() });

/** One CSV row of `fitdesk import clients`: column names as in the header. */
export const ClientCsvRow = z.object({
  name: z.string().trim().min(1, 'name is required').max(160),
  kind: ClientKind.default('organisation'),
  domain: z.preprocess((v) => (v === '' ? null : v), Domain.nullable()).default(null),
  status: z.preprocess((v) => (v === '' ? undefined : v), ClientStatus.default('active')),
  tier: z.preprocess((v) => (v === '' ? undefined : v), ClientTier.default('standard')),
  region: z.preprocess((v) => (v === '' ? null : v), z.string().max(80).nullable()).default(null),
  annual_revenue: z.preprocess(
    (v) => (v === '' || v === undefined || v === null ? null : typeof v === 'number' ? v : Number(String(v).replace(/[,_\s]/g, ''))),
    z.number({ error: 'must be a number' }).nonnegative().nullable(),
  ).default(null),
  tags: z.preprocess((v) => (typeof v === 'string' ? v.split(/[;|]/).map((t) => t.trim()).filter(Boolean) : v), Tags).default([]),
  notes: z.string().max(20000).default(''),
  contact_name: z.string().max(160).default(''),
  contact_email: z.preprocess((v) => (v === '' ? undefined : v), Email.optional()),
});
export type ClientCsvRow = z.infer<typeof ClientCsvRow>;
