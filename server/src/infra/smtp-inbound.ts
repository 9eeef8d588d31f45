import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAddress, type SMTPServerSession } from 'smtp-server';

/** An SMTP reply with a code, so the client sees e.g. "550 5.1.1 …" or "451 4.3.0 …". */
export class SmtpReply extends Error {
  constructor(
    readonly responseCode: number,
    message: string,
  ) {
    super(message);
  }
}

export interface InboundSmtpOptions<R> {
  host: string;
  port: number;
  maxBytes: number;
  /** Name announced in the greeting. */
  name?: string;
  /** Accepts a recipient (returns what to remember about it) or null for 550. May throw for 4xx. */
  acceptRecipient(address: string): Promise<R | null>;
  /** Stores the message; resolves only once it is committed. Any rejection answers 4xx. */
  deliver(raw: Buffer, envelope: { from: string | null; to: string[]; recipients: R[]; remoteAddress: string }): Promise<void>;
  onError?(err: unknown): void;
}

export interface InboundSmtpServer {
  port: number;
  close(): Promise<void>;
}

/**
 * A receive-only SMTP server (an MX, not a relay): no AUTH, every recipient must be one of ours,
 * the SIZE limit is announced and enforced, and the DATA reply waits for `deliver`, so 250 means
 * "committed" and any failure means "try again later".
 */
export async function startInboundSmtp<R>(opts: InboundSmtpOptions<R>): Promise<InboundSmtpServer> {
  const recipients = new WeakMap<SMTPServerSession, R[]>();
  const server = new SMTPServer({
    name: opts.name,
    banner: 'fitdesk ESMTP',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: opts.maxBytes,
    hideSize: false,
    logger: false,
    maxClients: 200,
    socketTimeout: 120_000,
    closeTimeout: 5_000,
    onRcptTo(address: SMTPServerAddress, session: SMTPServerSession, cb: (err?: Error | null) => void) {
      opts.acceptRecipient(address.address).then(
        (r) => {
          if (r === null) return cb(new SmtpReply(550, `5.1.1 <${address.address}>: no such mailbox here`));
          const list = recipients.get(session) ?? [];
          list.push(r);
          recipients.set(session, list);
          cb();
        },
        (err) => {
          opts.onError?.(err);
          cb(new SmtpReply(451, '4.3.0 Temporary failure looking up the recipient, try again later'));
        },
      );
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', (err) => {
        opts.onError?.(err);
      });
      stream.on('end', () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) return cb(new SmtpReply(552, `5.3.4 Message too big (limit ${opts.maxBytes} bytes)`));
        const raw = Buffer.concat(chunks);
        const envelope = session.envelope;
        const from = envelope.mailFrom === false ? null : envelope.mailFrom.address;
        opts
          .deliver(raw, { from, to: envelope.rcptTo.map((r) => r.address), recipients: recipients.get(session) ?? [], remoteAddress: session.remoteAddress })
          .then(
            () => cb(null),
            (err) => {
              opts.onError?.(err);
              cb(err instanceof SmtpReply ? err : new SmtpReply(451, '4.3.0 Could not store the message, try again later'));
            },
          );
      });
    },
    onMailFrom(_address, session, cb) {
      recipients.set(session, []);
      cb();
    },
  });
  server.on('error', (err) => opts.onError?.(err));
  await new Promise<void>((resolve, reject) => {
    const onErr = (e: Error) => reject(e);
    server.server.once('error', onErr);
    server.listen(opts.port, opts.host, () => {
      server.server.off('error', onErr);
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
