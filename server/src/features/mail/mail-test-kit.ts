import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { simpleParser, type ParsedMail } from 'mailparser';
import { startInboundSmtp, type InboundSmtpServer } from '../../infra/smtp-inbound.js';

/** Test helpers for the email channel: a client that speaks SMTP, and a sink that catches what we send. */
export function smtpClient(port: number) {
  const t = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, pool: false, connectionTimeout: 10_000 });
  return {
    send: (mail: SendMailOptions) => t.sendMail(mail),
    sendRaw: (from: string, to: string | string[], raw: string | Buffer) => t.sendMail({ envelope: { from, to: Array.isArray(to) ? to : [to] }, raw }),
    close: () => t.close(),
  };
}

export interface Sink {
  port: number;
  received: Array<{ from: string | null; to: string[]; raw: Buffer; parsed: ParsedMail }>;
  /** Answer 451 to every message while true (an SMTP server that is down for delivery). */
  failing: boolean;
  close(): Promise<void>;
}

export async function startSink(): Promise<Sink> {
  const sink: Sink = { port: 0, received: [], failing: false, close: async () => undefined };
  const server: InboundSmtpServer = await startInboundSmtp<string>({
    host: '127.0.0.1',
    port: 0,
    maxBytes: 10 * 1024 * 1024,
    acceptRecipient: async (a) => a,
    deliver: async (raw, env) => {
      if (sink.failing) throw new Error('sink is down');
      sink.received.push({ from: env.from, to: env.to, raw, parsed: await simpleParser(raw) });
    },
  });
  sink.port = server.port;
  sink.close = () => server.close();
  return sink;
}

export const tempDir = (prefix = 'fitdesk-mail-') => fs.mkdtempSync(path.join(os.tmpdir(), prefix));
