import fs from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';

export interface OutgoingMail {
  from: { name: string; address: string };
  to: string[];
  subject: string;
  text: string;
  html?: string | null;
  messageId: string;
  inReplyTo?: string | null;
  references?: string[];
  headers?: Record<string, string>;
  date?: Date;
}

export interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  user?: string | null;
  pass?: string;
}

/** Renders the message to RFC 5322 bytes once, so what is sent is exactly what the outbox shows. */
export async function composeMail(m: OutgoingMail): Promise<Buffer> {
  const composer = new MailComposer({
    from: m.from.name ? { name: m.from.name, address: m.from.address } : m.from.address,
    to: m.to,
    subject: m.subject,
    text: m.text,
    html: m.html ?? undefined,
    messageId: m.messageId,
    inReplyTo: m.inReplyTo ?? undefined,
    references: m.references?.length ? m.references : undefined,
    headers: m.headers,
    date: m.date,
  });
  return new Promise((resolve, reject) => composer.compile().build((err, buf) => (err ? reject(err) : resolve(buf))));
}

/** Hands the message to an SMTP server; resolves with its reply once it accepted the message. */
export async function sendViaSmtp(settings: SmtpSettings, envelope: { from: string; to: string[] }, raw: Buffer): Promise<string> {
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    auth: settings.user ? { user: settings.user, pass: settings.pass ?? '' } : undefined,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
    // Loopback relays and test sinks rarely have certificates; STARTTLS is still used when offered.
    tls: { rejectUnauthorized: !['127.0.0.1', 'localhost', '::1'].includes(settings.host) },
  });
  try {
    const info = await transport.sendMail({ envelope, raw });
    return String(info.response ?? 'accepted');
  } finally {
    transport.close();
  }
}

/** Development default: the message lands as a .eml file in the outbox folder (written atomically). */
export function writeToOutboxFolder(dir: string, name: string, raw: Buffer): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name.replace(/[^A-Za-z0-9._-]/g, '_') + '.eml');
  const tmp = file + '.tmp';
  fs.writeFileSync(tmp, raw);
  fs.renameSync(tmp, file);
  return file;
}
