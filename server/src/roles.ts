import type { Deps } from './deps.js';
import { registerJobs } from './features/jobs.js';
import { startMailRole } from './features/mail/mail.role.js';

/**
 * Starts the non-HTTP roles this process runs: `worker` runs background jobs, `mail` the
 * inbound SMTP server and IMAP pollers. Returns a function that stops them.
 */
export async function startRoles(deps: Deps): Promise<() => Promise<void>> {
  const stops: Array<() => Promise<void>> = [];
  if (deps.config.roles.has('worker')) {
    await deps.jobs.start();
    await registerJobs(deps);
    stops.push(() => deps.jobs.stop());
  }
  if (deps.config.roles.has('mail')) {
    const mail = await startMailRole(deps);
    stops.push(() => mail.stop());
  }
  return async () => {
    for (const s of stops.reverse()) await s();
  };
}
