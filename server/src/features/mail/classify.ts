/**
 * Recognises mail that must never be answered automatically: auto-replies (RFC 3834
 * Auto-Submitted, vendor X- headers, Precedence, out-of-office subjects) and bounces (RFC 3464
 * delivery status notifications, and the older MAILER-DAEMON forms).
 */
export type MailKind = 'normal' | 'bulk' | 'auto_reply' | 'bounce';

export interface ClassifyInput {
  /** Lower-cased header name → value (first occurrence). */
  headers: Map<string, string>;
  subject: string;
  fromAddress: string | null;
  envelopeFrom: string | null;
  contentType: string;
  /** Content types of the parts (multipart/report bodies land here as attachments). */
  partTypes: string[];
}

const OOO_SUBJECT =
  /^\s*(auto(matic|matische?)?[\s_-]*(reply|response|antwort|réponse|respuesta)|autoreply|auto:|out of (the )?office|ooo\b|abwesenheit(snotiz)?|absence|r[ée]ponse automatique|respuesta autom[áa]tica|risposta automatica|automatisch antwoord|on (vacation|holiday|leave)|vacation (reply|message)|away from (the )?office|i am (currently )?(out of|away))/i;
const BOUNCE_SUBJECT =
  /^\s*(undeliver(ed|able)|delivery (status notification|has failed|failure)|mail delivery (failed|failure|subsystem)|returned mail|failure notice|message not delivered|unzustellbar|non remis|nicht zustellbar)/i;
const DAEMON = /^(mailer-daemon|postmaster|mail-daemon|mailerdaemon)@/i;

export function classifyMail(m: ClassifyInput): MailKind {
  const h = (n: string) => m.headers.get(n)?.trim().toLowerCase() ?? '';
  const ct = m.contentType.toLowerCase();
  if (ct.startsWith('multipart/report') && ct.includes('delivery-status')) return 'bounce';
  if (m.partTypes.some((t) => t.toLowerCase() === 'message/delivery-status')) return 'bounce';
  const nullSender = m.envelopeFrom === '' || m.envelopeFrom === '<>';
  if ((nullSender || DAEMON.test(m.fromAddress ?? '')) && BOUNCE_SUBJECT.test(m.subject)) return 'bounce';

  const autoSubmitted = h('auto-submitted');
  if (autoSubmitted && autoSubmitted !== 'no') return 'auto_reply';
  if (m.headers.has('x-autoreply') || m.headers.has('x-autorespond') || m.headers.has('x-autoresponder')) return 'auto_reply';
  if (/\b(oof|autoreply)\b/.test(h('x-auto-response-suppress')) && OOO_SUBJECT.test(m.subject)) return 'auto_reply';
  if (h('x-ms-exchange-inbox-rules-loop') || h('x-fitdesk-loop')) return 'auto_reply';
  if (OOO_SUBJECT.test(m.subject)) return 'auto_reply';
  if (DAEMON.test(m.fromAddress ?? '')) return 'auto_reply';
  const precedence = h('precedence');
  if (precedence === 'auto_reply') return 'auto_reply';
  if (precedence === 'bulk' || precedence === 'junk' || precedence === 'list' || m.headers.has('list-id') || m.headers.has('list-unsubscribe')) return 'bulk';
  return 'normal';
}

/** Whether the desk may send an automatic answer (acknowledgement, agreement quote) to this mail. */
export const mayAutoReply = (kind: MailKind) => kind === 'normal';

export interface BounceReport {
  failedRecipients: string[];
  /** Message-ID of the message that bounced, when the report quotes it. */
  originalMessageId: string | null;
  diagnostic: string | null;
}

/** Reads the delivery-status part (and the returned headers) of a DSN. */
export function readBounce(deliveryStatus: string, returnedHeaders: string, bodyText: string): BounceReport {
  const failed = new Set<string>();
  for (const m of deliveryStatus.matchAll(/^(?:final|original)-recipient:\s*(?:rfc822;)?\s*<?([^\s>]+@[^\s>]+)>?/gim)) failed.add(m[1]!.toLowerCase());
  if (!failed.size) for (const m of bodyText.matchAll(/<([^\s<>@]+@[^\s<>]+)>:/g)) failed.add(m[1]!.toLowerCase());
  const orig = /^message-id:\s*(<[^>\s]+>)/im.exec(returnedHeaders) ?? /^message-id:\s*(<[^>\s]+>)/im.exec(bodyText);
  const diag = /^diagnostic-code:\s*(.+(?:\n[ \t].+)*)/im.exec(deliveryStatus) ?? /^status:\s*(\S+)/im.exec(deliveryStatus);
  return { failedRecipients: [...failed], originalMessageId: orig?.[1] ?? null, diagnostic: diag?.[1]?.replace(/\s+/g, ' ').trim().slice(0, 500) ?? null };
}
