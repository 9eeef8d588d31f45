import { ROLE_RANK, type Role } from '@fitdesk/contracts';
import { forbidden } from '../../infra/errors.js';

/** Who is acting: a user (by session or API token) or the system (jobs, mail, demo). */
export interface Actor {
  workspaceId: string;
  userId: string | null;
  role: Role;
  label: string;
  via: 'session' | 'token' | 'system';
  csrfToken?: string;
}

export const systemActor = (workspaceId: string, label = 'system'): Actor => ({
  workspaceId,
  userId: null,
  role: 'owner',
  label,
  via: 'system',
});

/** Throws 403 unless the actor's role is at least `min`. */
export function requireRole(actor: Actor, min: Role): void {
  if (ROLE_RANK[actor.role] < ROLE_RANK[min]) throw forbidden(`This needs the ${min} role or higher`);
}
