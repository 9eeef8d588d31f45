import type { Role } from '@fitdesk/contracts';

/** Mirror of contracts' ROLE_RANK, kept here so the bundle does not pull in zod. */
export const ROLE_RANK: Record<Role, number> = { owner: 3, supervisor: 2, agent: 1, viewer: 0 };
export const atLeast = (role: Role, min: Role): boolean => ROLE_RANK[role] >= ROLE_RANK[min];
