import type { Deps } from '../../deps.js';
import { startInboundSmtp, type InboundSmtpServer } from '../../infra/smtp-inbound.js';
import { ingestForMailboxes } from './ingest.service.js';
import { pollDueMailboxes, type ImapConnector } from './imap.service.js';
import { routeRecipient, type MailboxRow } from './mailboxes.service.js';

const status: { port: number | null; error: string | null } = { port: null, error: null };

/** Whether this process runs the inbound SMTP server, and on which port. */
export const smtpStatus = () => ({ ...status });

export interface MailRole {
  /** Null when the port could not be bound (the error is in the mail health endpoint). */
  smtp: InboundSmtpServer | null;
  stop(): Promise<void>;
}

/**
 * The `mail` role: the inbound SMTP server (FITDESK_SMTP_HOST:FITDESK_SMTP_PORT, loopback unless
 * configured) and the IMAP poll loop.
 */
export async function startMailRole(deps: Deps, opts: { connectImap?: ImapConnector; imap?: boolean } = {}): Promise<MailRole> {
  let smtp: InboundSmtpServer | null = null;
  try {
    smtp = await startInboundSmtp<MailboxRow>({
      host: deps.config.smtpHost,
      port: deps.config.smtpPort,
      maxBytes: deps.config.mail.maxMessageBytes,
      acceptRecipient: (address) => routeRecipient(deps.db, address),
      deliver: async (raw, env) => {
        await ingestForMailboxes(deps, raw, env.recipients, { from: env.from, to: env.to, source: 'smtp' });
      },
      onError: (err) => deps.log.warn({ err }, 'inbound SMTP'),
    });
    status.port = smtp.port;
    status.error = null;
    deps.log.info({ host: deps.config.smtpHost, port: smtp.port }, 'inbound SMTP listening');
  } catch (err) {
    // The web app keeps running; the failure shows in /api/v1/mail/health and the settings page.
    status.error = `inbound SMTP could not listen on ${deps.config.smtpHost}:${deps.config.smtpPort}: ${(err as Error).message}`;
    deps.log.error({ err }, status.error);
  }

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    if (stopped) return;
    running = pollDueMailboxes(deps, opts.connectImap)
      .catch((err) => deps.log.error({ err }, 'IMAP poll loop'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, Math.min(deps.config.mail.imapPollMs, 5_000));
      });
  };
  if (opts.imap !== false) tick();

  return {
    smtp,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      await smtp?.close();
      status.port = null;
    },
  };
}
