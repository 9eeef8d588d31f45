import type { Deps } from '../../deps.js';
import type { Tx } from '../../db/client.js';

/** Called in the transaction of a staff change to a request (fields, status, reply). */
export type RequestChangedHook = (tx: Tx, deps: Deps, workspaceId: string, requestId: string) => Promise<void>;

const hooks = new Map<string, RequestChangedHook>();

/**
 * Lets features keep derived state in step with a request (SLA clocks pause while waiting,
 * stop on the first reply…) without requests depending on them. Registering a name twice
 * replaces the hook, so building several apps in one process is harmless.
 */
export function onRequestChanged(name: string, hook: RequestChangedHook): void {
  hooks.set(name, hook);
}

export async function requestChanged(tx: Tx, deps: Deps, workspaceId: string, requestId: string): Promise<void> {
  for (const h of hooks.values()) await h(tx, deps, workspaceId, requestId);
}
