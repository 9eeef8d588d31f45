import crypto from 'node:crypto';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { classifyMail, readBounce, type BounceReport, type MailKind } from './classify.js';

export interface ParsedAttachment {
  /** Pre-assigned so HTML can point cid: images at the stored file. */
  id: string;
  filename: string;
  contentType: string;
  content: Buffer;
  size: number;
  contentId: string | null;
  inline: boolean;
}

export interface ParsedEmail {
  messageIdHeader: string | null;
  /** Message-ID, or a hash of the bytes when the sender left it out: what re-delivery is matched on. */
  dedupeKey: string;
  fromAddress: string | null;
  fromName: string | null;
  to: string[];
  subject: string;
  date: Date | null;
  inReplyTo: string | null;
  references: string[];
  text: string;
  html: string | null;
  attachments: ParsedAttachment[];
  kind: MailKind;
  bounce: BounceReport | null;
  /** The headers worth keeping on the message (bounded: the API caps header values). */
  headers: Record<string, string>;
}

const KEEP_HEADERS = ['from', 'to', 'cc', 'reply-to', 'subject', 'date', 'message-id', 'in-reply-to', 'references', 'auto-submitted', 'precedence', 'list-id', 'x-mailer', 'user-agent'];
const MAX_HEADER = 3900;

const ids = (v: string | string[] | undefined): string[] =>
  (Array.isArray(v) ? v : v ? [v] : [])
    .flatMap((s) => s.match(/<[^<>\s]+>/g) ?? (s.trim() ? [`<${s.trim().replace(/^<|>$/g, '')}>`] : []))
    .filter((s) => s.length <= 998);

const firstAddress = (a: AddressObject | AddressObject[] | undefined) => {
  const v = (Array.isArray(a) ? a : a ? [a] : []).flatMap((x) => x.value)[0];
  return { address: v?.address?.trim().toLowerCase() || null, name: v?.name?.trim() || null };
};
const allAddresses = (a: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(a) ? a : a ? [a] : []).flatMap((x) => x.value).map((v) => v.address?.toLowerCase()).filter((s): s is string => !!s);

/** A file name that is safe to show and to send back in Content-Disposition. */
export function cleanFilename(name: string | undefined, index: number, contentType: string): string {
  let n = (name ?? '')
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/[\\/]/g, '_')
    .replace(/^\.+/, '')
    .trim();
  if (n.length > 200) {
    const dot = n.lastIndexOf('.');
    const ext = dot > 0 && n.length - dot <= 10 ? n.slice(dot) : '';
    n = n.slice(0, 200 - ext.length) + ext;
  }
  if (!n) n = `attachment-${index + 1}${contentType === 'message/rfc822' ? '.eml' : ''}`;
  return n;
}

const headerText = (v: unknown): string => {
  if (v == null) return '';
  if (typeof v === 'string') return v;
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(headerText).join(', ');
  if (typeof v === 'object' && 'text' in (v as object)) return String((v as { text: unknown }).text);
  if (typeof v === 'object' && 'value' in (v as object)) return String((v as { value: unknown }).value);
  return String(v);
};

/** Parses a raw RFC 5322 message into what the desk stores. Never throws on malformed input. */
export async function parseEmail(raw: Buffer, envelopeFrom: string | null = null): Promise<ParsedEmail> {
  let p: ParsedMail;
  try {
    p = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true, maxHtmlLengthToParse: 5 * 1024 * 1024 });
  } catch {
    // Beyond repair: keep the bytes readable as text so a person can still act on it.
    p = { headers: new Map(), headerLines: [], attachments: [], text: raw.toString('latin1').slice(0, 200000), html: false } as unknown as ParsedMail;
  }
  const headers = new Map<string, string>();
  for (const [k, v] of p.headers) if (!headers.has(k)) headers.set(k.toLowerCase(), headerText(v));
  const from = firstAddress(p.from);
  const messageIdHeader = ids(p.messageId)[0] ?? null;
  const partTypes = p.attachments.map((a) => a.contentType);
  const contentType = headerText((p.headers.get('content-type') as { value?: string } | undefined)?.value ?? p.headers.get('content-type'));
  const subject = (p.subject ?? '').replace(/\s+/g, ' ').trim();
  const kind = classifyMail({ headers, subject, fromAddress: from.address, envelopeFrom, contentType, partTypes });
  const text = (p.text ?? '').replace(/\r\n/g, '\n');
  let bounce: BounceReport | null = null;
  if (kind === 'bounce') {
    const part = (t: string) => p.attachments.filter((a) => a.contentType.toLowerCase() === t).map((a) => a.content.toString('utf8')).join('\n');
    // mailparser inlines message/delivery-status into the text body; older MTAs put it there anyway.
    bounce = readBounce(part('message/delivery-status') || text, part('text/rfc822-headers') + '\n' + part('message/rfc822'), text);
  }
  const kept: Record<string, string> = {};
  for (const line of p.headerLines) {
    const key = line.key.toLowerCase();
    if (!KEEP_HEADERS.includes(key) || key in kept) continue;
    const value = line.line.slice(line.line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
    kept[key] = value.length > MAX_HEADER ? value.slice(0, MAX_HEADER) + '…' : value;
  }
  const date = p.date && !Number.isNaN(p.date.getTime()) ? p.date : null;
  return {
    messageIdHeader,
    dedupeKey: messageIdHeader ?? 'sha256:' + crypto.createHash('sha256').update(raw).digest('hex'),
    fromAddress: from.address,
    fromName: from.name,
    to: [...allAddresses(p.to), ...allAddresses(p.cc)],
    subject,
    date,
    inReplyTo: ids(p.inReplyTo)[0] ?? null,
    references: ids(p.references),
    text,
    html: typeof p.html === 'string' && p.html.trim() ? p.html : null,
    attachments: p.attachments.map((a, i) => ({
      id: crypto.randomUUID(),
      filename: cleanFilename(a.filename, i, a.contentType),
      contentType: a.contentType.toLowerCase().slice(0, 200) || 'application/octet-stream',
      content: a.content,
      size: a.size ?? a.content.length,
      contentId: a.cid ? a.cid.replace(/^<|>$/g, '') : null,
      inline: a.contentDisposition === 'inline' || (!!a.cid && a.related === true),
    })),
    kind,
    bounce,
    headers: kept,
  };
}
