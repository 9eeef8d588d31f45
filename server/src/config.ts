import path from 'node:path';
import { z } from 'zod';

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4319),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  FITDESK_DATA_DIR: z.string().default('./data'),
  FITDESK_PUBLIC_URL: z.string().url().optional(),
  FITDESK_ROLES: z.string().default('web,worker,mail'),
  FITDESK_DEMO: z.enum(['auto', 'off']).default('auto'),
  FITDESK_SMTP_PORT: z.coerce.number().int().min(0).max(65535).default(2525),
  FITDESK_SMTP_HOST: z.string().default('127.0.0.1'),
  FITDESK_SECRET_KEY: z.string().min(16).optional(),
  FITDESK_SMTP_MAX_BYTES: z.coerce.number().int().min(1024).default(25 * 1024 * 1024),
  FITDESK_MAIL_ATTACHMENT_MAX_BYTES: z.coerce.number().int().min(0).default(10 * 1024 * 1024),
  FITDESK_MAIL_SENDER_LIMIT: z.coerce.number().int().min(1).default(60),
  FITDESK_IMAP_POLL_SECONDS: z.coerce.number().min(0.05).default(60),
  FITDESK_COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  FITDESK_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.string().default('development'),
});

export type Role = 'web' | 'worker' | 'mail';

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  publicUrl: string;
  roles: Set<Role>;
  demo: boolean;
  smtpPort: number;
  smtpHost: string;
  secretKey: string | undefined;
  mail: {
    /** Largest inbound message the SMTP server accepts (SIZE). */
    maxMessageBytes: number;
    /** Attachments above this are listed but not stored separately (they stay in the raw message). */
    maxAttachmentBytes: number;
    /** Messages per sender per 10 minutes before further mail is kept raw only (mail storms, loops). */
    senderLimitPer10Min: number;
    imapPollMs: number;
  };
  cookieSecure: boolean;
  logLevel: string;
}

/** Parses the environment once; an invalid variable stops start-up with its name. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid environment variable ${String(issue?.path[0])}: ${issue?.message}`);
  }
  const e = parsed.data;
  const roles = new Set(
    e.FITDESK_ROLES.split(',')
      .map((r) => r.trim())
      .filter(Boolean) as Role[],
  );
  for (const r of roles) if (!['web', 'worker', 'mail'].includes(r)) throw new Error(`Invalid role in FITDESK_ROLES: ${r}`);
  const publicUrl = e.FITDESK_PUBLIC_URL ?? `http://localhost:${e.PORT}`;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.FITDESK_DATA_DIR),
    publicUrl,
    roles,
    demo: e.FITDESK_DEMO === 'auto',
    smtpPort: e.FITDESK_SMTP_PORT,
    smtpHost: e.FITDESK_SMTP_HOST,
    secretKey: e.FITDESK_SECRET_KEY,
    mail: {
      maxMessageBytes: e.FITDESK_SMTP_MAX_BYTES,
      maxAttachmentBytes: e.FITDESK_MAIL_ATTACHMENT_MAX_BYTES,
      senderLimitPer10Min: e.FITDESK_MAIL_SENDER_LIMIT,
      imapPollMs: Math.round(e.FITDESK_IMAP_POLL_SECONDS * 1000),
    },
    cookieSecure: e.FITDESK_COOKIE_SECURE === 'auto' ? publicUrl.startsWith('https:') : e.FITDESK_COOKIE_SECURE === 'true',
    logLevel: e.FITDESK_LOG_LEVEL,
  };
}
