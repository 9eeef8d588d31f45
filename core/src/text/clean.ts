/** One part removed from a message before analysis. */
export interface StrippedPart {
  kind: 'quote' | 'signature' | 'disclaimer' | 'forward_header' | 'html';
  text: string;
}
/** Cleaned message text plus what was removed from it. */
export interface CleanedMessage {
  text: string;
  stripped: StrippedPart[];
  /**
   * Where a forwarded message begins in `text`, when the sender wrote something of their own above it
   * ("Forwarding the below from a client…"): what follows is someone else's words.
   */
  forwardedFrom?: number;
}

const HTML_HINT = /<\/?[a-z][^>]*>|&(?:[a-z]+|#\d+|#x[0-9a-f]+);/i;
const BLOCK_TAG = /<\s*(?:br|\/p|\/div|\/li|\/tr|\/h[1-6]|p|div|li|tr)\b[^>]*>/gi;
const DROP_BLOCK = /<(style|script|head)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const ANY_TAG = /<\/?[a-z!][^>]*>/gi;
const ENTITY = /&(?:([a-z]+)|#(\d+)|#x([0-9a-f]+));/gi;
const NAMED: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", rsquo: '’', lsquo: '‘', ldquo: '“', rdquo: '”', hellip: '…', mdash: '—', ndash: '–', copy: '©', reg: '®', trade: '™', euro: '€', pound: '£' };

const QUOTE_HEADER = /^\s*(?:On\b.{0,300}\bwrote:|Le\b.{0,300}a écrit ?:|Am\b.{0,300}schrieb.{0,80}:|El\b.{0,300}escribió:)\s*$/i;
const QUOTE_HEADER_START = /^\s*On\b.{0,300}$/i;
const WROTE_END = /^.{0,200}\bwrote:\s*$/i;
const ORIGINAL_MSG = /^\s*-{2,}\s*(?:Original Message|Reply message)\s*-{2,}\s*$/i;
const UNDERSCORE_RULE = /^\s*_{10,}\s*$/;
const HEADER_LINE = /^\s*\*?(?:From|Sent|Date|To|Cc|Subject|Reply-To)\s*:\*?\s*/i;
const FORWARD_MARK = /^\s*(?:-{2,}\s*Forwarded message\s*-{2,}|Begin forwarded message:|-{2,}\s*Forwarded by.*)\s*$/i;
const SIG_DASHES = /^--\s*$|^—\s*$|^_{2,}\s*$/;
const MOBILE_SIG = /^\s*(?:Sent from my \w[\w ]{0,30}|Sent from (?:Mail|Outlook|Yahoo Mail|Gmail)\b.*|Get Outlook for \w+.*|Sent via .{1,40}|Sent from mobile.*)\s*$/i;
const SIGN_OFF = /^\s*(?:thanks|thank you|thanks again|many thanks|thx|best|best regards|kind regards|warm regards|regards|cheers|sincerely|yours truly|yours|respectfully|all the best|talk soon|take care|br)[,.!]?\s*$/i;
const DISCLAIMER_START = /^\s*(?:\*+\s*)?(?:CONFIDENTIALITY NOTICE|CONFIDENTIAL(?:ITY)?\b|DISCLAIMER|LEGAL NOTICE|PRIVILEGED (?:AND|&) CONFIDENTIAL|NOTICE:|IMPORTANT NOTICE|This (?:e-?mail|message|communication)(?: and any (?:files|attachments)[^.]{0,40})?(?: \([^)]*\))? (?:is|are|may (?:contain|be)|contains?|and its attachments)\b.{0,60}(?:confidential|privileged|intended)|The information (?:contained )?in this (?:e-?mail|message|communication)|If you (?:are not|have received this) .{0,40}(?:intended recipient|in error)|Please consider the environment before printing)/i;
const STRONG_DISCLAIMER = /^\s*(?:\*+\s*)?(?:CONFIDENTIALITY NOTICE|DISCLAIMER|LEGAL NOTICE|PRIVILEGED (?:AND|&) CONFIDENTIAL|This (?:e-?mail|message)(?: and any (?:files|attachments))?.{0,40}(?:confidential|privileged))/i;
const CONTACTISH = /(?:\+?\d[\d\s().-]{6,}\d)|(?:[\w.+-]+@[\w-]+\.[\w.]+)|(?:https?:\/\/|www\.)\S+|\|/;

/** Decodes HTML to text: block tags become line breaks, other tags vanish, entities decode. */
export function stripHtml(raw: string): { text: string; removed: string } {
  if (!HTML_HINT.test(raw)) return { text: raw, removed: '' };
  const removed: string[] = [];
  let t = raw.replace(DROP_BLOCK, (m) => { removed.push(m); return ''; });
  t = t.replace(BLOCK_TAG, (m) => { removed.push(m); return '\n'; });
  t = t.replace(ANY_TAG, (m) => { removed.push(m); return ''; });
  t = t.replace(ENTITY, (m, name: string | undefined, dec: string | undefined, hex: string | undefined) => {
    removed.push(m);
    if (name) return NAMED[name.toLowerCase()] ?? m;
    const code = dec ? Number.parseInt(dec, 10) : Number.parseInt(hex ?? '', 16);
    return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : '';
  });
  return { text: t.replace(/\u00a0/g, ' '), removed: removed.join(' ') };
}

/** The kept lines as one text: trailing spaces dropped, wrapped lines joined, runs of blank lines shortened. */
function joinBody(ls: string[]): string {
  return unwrap(ls.map((l) => l.replace(/[ \t]+$/g, '')))
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function isQuoteStart(lines: string[], i: number): boolean {
  const line = lines[i] ?? '';
  if (QUOTE_HEADER.test(line) || ORIGINAL_MSG.test(line)) return true;
  if (QUOTE_HEADER_START.test(line) && /\d/.test(line) && WROTE_END.test(lines[i + 1] ?? '')) return true;
  if (/^\s*\*?From\s*:/i.test(line)) {
    let n = 0;
    for (let k = i + 1; k <= i + 5 && k < lines.length; k++) if (HEADER_LINE.test(lines[k] ?? '')) n++;
    if (n >= 2) return true;
  }
  if (UNDERSCORE_RULE.test(line) && /^\s*\*?From\s*:/i.test(lines[i + 1] ?? '')) return true;
  return false;
}

/** Strips quoted history, forwarded headers, signatures, disclaimers and HTML; keeps what was removed. */
export function cleanMessage(raw: string): CleanedMessage {
  const stripped: StrippedPart[] = [];
  const html = stripHtml(raw.replace(/\r\n?/g, '\n'));
  if (html.removed) stripped.push({ kind: 'html', text: html.removed });
  const lines = html.text.split('\n');
  const kept: string[] = [];
  const quoteLines: string[] = [];
  const fwdLines: string[] = [];
  /** The line of `kept` where a forwarded message starts below the sender's own words. */
  let forwardedLine = -1;
  let i = 0;
  for (; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (FORWARD_MARK.test(line)) {
      if (forwardedLine < 0 && kept.some((l) => l.trim() !== '')) forwardedLine = kept.length;
      fwdLines.push(line);
      let k = i + 1;
      while (k < lines.length && (HEADER_LINE.test(lines[k] ?? '') || (lines[k] ?? '').trim() === '')) {
        if ((lines[k] ?? '').trim()) fwdLines.push(lines[k] ?? '');
        k++;
        if (k - i > 12) break;
      }
      i = k - 1;
      continue;
    }
    if (isQuoteStart(lines, i)) {
      quoteLines.push(...lines.slice(i));
      i = lines.length;
      break;
    }
    if (/^\s*>/.test(line)) {
      quoteLines.push(line);
      continue;
    }
    kept.push(line);
  }
  // Nothing written above the quoted block: the message *is* the forwarded text. Keep its body, drop its header.
  if (quoteLines.length && kept.every((l) => l.trim() === '') && !quoteLines.some((l) => QUOTE_HEADER.test(l) || /^\s*>/.test(l))) {
    let k = 0;
    while (k < quoteLines.length && (HEADER_LINE.test(quoteLines[k] ?? '') || UNDERSCORE_RULE.test(quoteLines[k] ?? '') || ORIGINAL_MSG.test(quoteLines[k] ?? '') || (quoteLines[k] ?? '').trim() === '')) {
      if ((quoteLines[k] ?? '').trim()) fwdLines.push(quoteLines[k] ?? '');
      k++;
    }
    kept.length = 0;
    kept.push(...quoteLines.slice(k));
    quoteLines.length = 0;
  }
  if (fwdLines.length) stripped.push({ kind: 'forward_header', text: fwdLines.join('\n') });
  if (quoteLines.length) stripped.push({ kind: 'quote', text: quoteLines.join('\n').trim() });

  // Disclaimers: from the first disclaimer-looking paragraph to the end.
  let end = kept.length;
  for (let k = 0; k < kept.length; k++) {
    const l = kept[k] ?? '';
    const prevBlank = k === 0 || (kept[k - 1] ?? '').trim() === '' || SIG_DASHES.test(kept[k - 1] ?? '');
    if (k > 0 && DISCLAIMER_START.test(l) && (prevBlank || STRONG_DISCLAIMER.test(l))) {
      stripped.push({ kind: 'disclaimer', text: kept.slice(k).join('\n').trim() });
      end = k;
      break;
    }
  }
  let body = kept.slice(0, end);

  // Signatures: "-- " delimiter, mobile footers, or a sign-off followed by a short name/contact block.
  const sig: string[] = [];
  for (let k = 0; k < body.length; k++) {
    const l = body[k] ?? '';
    if (SIG_DASHES.test(l) && k > 0) {
      sig.push(...body.slice(k));
      body = body.slice(0, k);
      break;
    }
    if (MOBILE_SIG.test(l)) {
      sig.push(l);
      body.splice(k, 1);
      k--;
    }
  }
  for (let k = body.length - 1; k >= 1; k--) {
    if (!SIGN_OFF.test(body[k] ?? '')) continue;
    const tail = body.slice(k + 1).filter((x) => x.trim() !== '');
    const shortBlock = tail.length > 0 && tail.length <= 7 && tail.every((x) => x.trim().length <= 60 && !/[.?!]\s*$/.test(x.trim()) || CONTACTISH.test(x));
    if (shortBlock) {
      sig.unshift(...body.slice(k + 1));
      body = body.slice(0, k + 1);
    }
    break;
  }
  // A trailing block of contact lines (phone, email, url, "Title | Company") without a sign-off.
  let t = body.length;
  while (t > 0 && (body[t - 1] ?? '').trim() === '') t--;
  let s = t;
  while (s > 0 && (body[s - 1] ?? '').trim() !== '' && CONTACTISH.test(body[s - 1] ?? '') && (body[s - 1] ?? '').length <= 80) s--;
  if (s < t && s > 0 && t - s <= 6) {
    // include the name line right above a contact block
    let from = s;
    if (from > 0 && (body[from - 1] ?? '').trim().length > 0 && (body[from - 1] ?? '').trim().length <= 40 && !/[.?!:]\s*$/.test(body[from - 1] ?? '') && from - 1 > 0) from--;
    sig.unshift(...body.slice(from, t));
    body = body.slice(0, from);
  }
  if (sig.some((x) => x.trim())) stripped.push({ kind: 'signature', text: sig.join('\n').trim() });

  const text = joinBody(body);
  if (forwardedLine > 0 && forwardedLine < body.length) {
    const own = joinBody(body.slice(0, forwardedLine));
    if (own && text.startsWith(own) && text.length > own.length) return { text, stripped, forwardedFrom: own.length };
  }
  return { text, stripped };
}

/** A line long enough to have been wrapped by the sender's mail program, ending inside a sentence. */
const WRAPPED_LINE = /^.{49,}[\p{Ll}\p{N},;)'"%’”]$/u;
/** A line that goes on a wrapped sentence (not a list item, a quote or a sign-off). */
const CONTINUES = /^[\p{L}\p{N}("“'‘$€£]/u;

/**
 * Lines joined where the sender's mail program wrapped a sentence ("Can someone confirm within the" /
 * "hour?"): the break becomes a space, so the text keeps its length and every offset into it holds.
 * Short lines, lines ending a sentence, list items and a short closing line (a name) stay as they are.
 */
function unwrap(ls: string[]): string {
  let out = ls[0] ?? '';
  for (let k = 1; k < ls.length; k++) {
    const prev = ls[k - 1]!;
    const line = ls[k]!;
    const closing = line.trim().length < 25 && !(ls[k + 1] ?? '').trim() && /^\p{Lu}/u.test(line.trim());
    out += WRAPPED_LINE.test(prev) && CONTINUES.test(line) && !closing ? ' ' : '\n';
    out += line;
  }
  return out;
}

const cleanedHistory = new WeakMap<object, { raw: string; text: string }>();

/**
 * The cleaned text of an earlier message, cleaned once however many checks read it (the urgency and
 * cover of a chase, the restatement check, the learned repeat check) and, where the caller keeps its
 * history objects (the CLI), once for every later message too.
 */
export function cleanedTextOf(item: { text: string }): string {
  const hit = cleanedHistory.get(item);
  if (hit && hit.raw === item.text) return hit.text;
  const text = cleanMessage(item.text).text;
  cleanedHistory.set(item, { raw: item.text, text });
  return text;
}
