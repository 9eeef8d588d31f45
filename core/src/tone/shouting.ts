import { sentenceBounds } from '../text/sentences.js';
import { type CueHit, type QuoteSpan, insideSpans } from './cues.js';

/** Shouting verdict with the runs that decided it. */
export interface ShoutingResult {
  shouting: boolean;
  /** Caps runs and punctuation runs that count as raised volume. */
  hits: CueHit[];
  /** Candidate runs that were excused (joy, acronyms, alerts, quotes), for explanation. */
  excused: CueHit[];
  /** Shouted (non-acronym ALL-CAPS) words outside alerts, quotes and joy. */
  shoutyWords: number;
}

const ACRONYMS = new Set(
  'HIPAA IRS VAT LLC LLP INC LTD CEO CFO COO CTO CPA CPAS PDF PDFS USB VPN HR IT ID SSN EIN ITIN FEIN W2 W9 PO ETA EOD EOW COB FYI ASAP AKA TBD TBA NDA SOW SLA KPI ROI SEO SEM PPC CRM ERP API SMS URL URLS HTML CSS DNS IP MFA SSO PTO OOO MRI CT ER ICU GP ACH ATM PIN PTSD ADHD CBT HVAC AC USA US UK EU NYC LA CA NY TX FL AZ IL GMT UTC EST EDT PST PDT CST CDT MST AEST AEDT CET CEST BST AM PM QA IRA ESPP LLM IOS MAC PC TV OK GDPR PCI SOC ISO DBA BBB AWS GCP MS O365 M365 WIFI LAN WAN NAS RAID SSD HDD CPU RAM OS PDF ZIP CSV XLS XLSX DOCX JPG PNG QB QBO YTD MTD FY Q1 Q2 Q3 Q4 TIA BTW IMO IMHO LOL OMG RSVP PS NB AP AR GL P&L K1 LinkedIn DOB DMV FBI CIA FAQ TOS'.split(
    ' ',
  ),
);
const CAPS_WORD = /\b[A-Z][A-Z'’]*[A-Z]\b|\bI\b|\bA\b/g;
const STATEMENT_AMOUNT_BEFORE = /\$\d[\d,]*\.\d\d\s{1,2}$/;
const STATEMENT_DATE_AFTER = /^ \d{1,2}\/\d{1,2}\b/;
const PUNCT_RUN = /!{3,}|[!?]*(?:\?!|!\?)[!?]*|\?{2,}/g;
const QUOTED_SPAN = /["“][^"“”\n]{1,80}["”]/g;
const ALERT_LINE = /^\s*(?:\[[A-Z0-9 _:-]{2,}\]|(?:ALERT|WARNING|CRITICAL|ERROR)\s*\[[^\]\n]{1,40}\]|\*{0,2}(?:ALERT|WARNING|CRITICAL|ERROR|NOTICE|AUTOMATED|AUTO-GENERATED|SYSTEM|MONITOR\w*|STATUS|INCIDENT|FAILED|FAILURE|DO NOT REPLY|NO-?REPLY|REMINDER|RESOLVED|FIRING|DOWN|UP|OK)\b[^a-z]*[:\-—|])|^[^a-z]*\b(?:HOST|SERVER|SERVICE|DISK|CPU|MEMORY|BACKUP|JOB|CHECK|PING|HTTP|SSL|CERT(?:IFICATE)?)\b[^a-z]*\b(?:IS |HAS )?(?:DOWN|FAILED|CRITICAL|WARNING|EXPIRED|EXPIRING|UNREACHABLE|OFFLINE|ERROR|FAIL|OK)\b[^a-z]*$/;
const DISCLAIMER_CAPS = /\b(?:CONFIDENTIAL|PRIVILEGED|INTENDED RECIPIENT|DISCLAIMER|NOTICE|ATTORNEY[- ]CLIENT|DO NOT (?:FORWARD|DISTRIBUTE|REPLY)|UNSUBSCRIBE|TERMS AND CONDITIONS|ALL RIGHTS RESERVED|PRIVACY POLICY)\b/;

// "Severity: HIGH", "User: raj@…", "[Veeam → Brightwire]": lines a monitoring system writes.
const FIELD_LINE = /^\s*(?:[a-z_]+=\S|[A-Z][A-Za-z0-9]*(?:[ -][A-Za-z0-9]+){0,3}\s*:\s*\S|\[[^\]\n]{2,60}\]\s*$|\[[^\]\n]*(?:→|->)[^\]\n]*\])/;

// A person writes "I", "you", "my"; a monitoring system does not (call transcripts and forms have fields too).
const PERSON = /\b(?:i|i'm|i've|me|my|you|your|we|our|us)\b/i;

/** A message most of whose lines are fields or tags of an automated alert or job report, with nobody speaking in it. */
function machineFormatted(text: string, lines: string[]): boolean {
  const filled = lines.filter((l) => l.trim());
  const fields = filled.filter((l) => FIELD_LINE.test(l)).length;
  return fields >= 3 && fields * 2 >= filled.length && !PERSON.test(text);
}

function lineSpans(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let s = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text[i] === '\n') {
      out.push([s, i]);
      s = i + 1;
    }
  }
  return out;
}

function sentenceAround(text: string, pos: number): [number, number] {
  const [s, bound] = sentenceBounds(text, pos);
  let e = bound;
  while (e < text.length && /[.!?]/.test(text[e] ?? '')) e++;
  return [s, e];
}

/** Whether [a, b) lies in an excluded line or span (alerts, disclaimers, quotations) or in reported speech. */
function isExcluded(excludedLines: Array<[number, number]>, reported: QuoteSpan[], a: number, b: number): boolean {
  for (const [s, e] of excludedLines) if (a >= s && b <= e) return true;
  return insideSpans(reported, a, b);
}

/**
 * Raised volume: a run of 3+ shouted words (ALL-CAPS, acronyms and codes excluded), a
 * mostly-caps sentence, or "!!!"/"?!?!" runs — unless the context is joy (`joyAt`), an
 * automated alert or disclaimer, or quoted third-party speech.
 */
export function detectShouting(
  text: string,
  reported: QuoteSpan[],
  joyAt: (start: number, end: number) => boolean,
  _angerContext: boolean,
): ShoutingResult {
  const hits: CueHit[] = [];
  const excused: CueHit[] = [];
  const excludedLines: Array<[number, number]> = [];
  const spans = lineSpans(text);
  // An automated alert or job report: its capitals are the system's format, not anyone's voice.
  if (machineFormatted(text, spans.map(([s, e]) => text.slice(s, e)))) excludedLines.push([0, text.length]);
  for (const [s, e] of spans) {
    const line = text.slice(s, e);
    if (ALERT_LINE.test(line) || (DISCLAIMER_CAPS.test(line) && (/INTENDED RECIPIENT|CONFIDENTIAL/.test(line) || !/\b(?:YOU|YOUR|I)\b/.test(line)))) excludedLines.push([s, e]);
  }
  // Caps inside quotation marks are names and labels ("ADP WAGE PAY"), not the sender's volume.
  QUOTED_SPAN.lastIndex = 0;
  for (let q = QUOTED_SPAN.exec(text); q !== null; q = QUOTED_SPAN.exec(text)) excludedLines.push([q.index, q.index + q[0].length]);

  // Caps runs: consecutive shouty words (allowing short function words like "I", "A").
  CAPS_WORD.lastIndex = 0;
  const words: Array<{ w: string; s: number; e: number; shouty: boolean }> = [];
  let m: RegExpExecArray | null;
  while ((m = CAPS_WORD.exec(text)) !== null) {
    const w = m[0];
    const s = m.index;
    const e = s + w.length;
    const nextCh = text[e] ?? '';
    const prevCh = text[s - 1] ?? '';
    // A statement line ("$412.18 HENRY SCHEIN 11/6"): merchant names between amounts and dates are the bank's capitals.
    const code = /[-_#/\d]/.test(nextCh) || /[-_#/\d]/.test(prevCh) || STATEMENT_AMOUNT_BEFORE.test(text.slice(Math.max(0, s - 16), s)) || STATEMENT_DATE_AFTER.test(text.slice(e, e + 7));
    const shouty = w.length >= 2 && !ACRONYMS.has(w.replace(/['’]S$/, '')) && !code;
    words.push({ w, s, e, shouty });
  }
  let i = 0;
  while (i < words.length) {
    if (!words[i]!.shouty) {
      i++;
      continue;
    }
    let j = i;
    let count = 0;
    let letters = 0;
    while (j < words.length) {
      const cur = words[j]!;
      if (j > i) {
        const gap = text.slice(words[j - 1]!.e, cur.s);
        if (/[a-z]/.test(gap) || gap.length > 4 || gap.includes('\n')) break;
      }
      if (cur.shouty) {
        count++;
        letters += cur.w.length;
      }
      j++;
    }
    const s = words[i]!.s;
    const e = words[j - 1]!.e;
    if (count >= 3 || (count >= 2 && letters >= 10)) {
      const hit: CueHit = { rule: 'caps_run', text: text.slice(s, e), start: s, end: e, weight: count };
      if (isExcluded(excludedLines, reported, s, e) || joyAt(s, e)) excused.push({ ...hit, rule: isExcluded(excludedLines, reported, s, e) ? 'caps_excused_alert_or_quote' : 'caps_excused_joy' });
      else hits.push(hit);
    }
    i = j;
  }
  // Mostly-caps sentence with at least 2 shouty words (catches "WHY is this STILL BROKEN").
  if (hits.length === 0) {
    const seen = new Set<number>();
    for (const w of words) {
      if (!w.shouty) continue;
      const [s, e] = sentenceAround(text, w.s);
      if (seen.has(s)) continue;
      seen.add(s);
      // Quoted or alert text inside the sentence is someone else's volume: leave it out of the count.
      let sent = '';
      for (let k = s; k < e; k++) if (!isExcluded(excludedLines, reported, k, k + 1)) sent += text[k];
      const lettersAll = sent.replace(/[^A-Za-z]/g, '');
      const upper = sent.replace(/[^A-Z]/g, '').length;
      const shoutyWords = words.filter((x) => x.shouty && x.s >= s && x.e <= e && !isExcluded(excludedLines, reported, x.s, x.e)).length;
      if (lettersAll.length >= 12 && upper / lettersAll.length >= 0.6 && shoutyWords >= 2) {
        const whole = text.slice(s, e);
        const hit: CueHit = { rule: 'caps_sentence', text: whole.trim(), start: s + (whole.length - whole.trimStart().length), end: s + whole.trimEnd().length, weight: shoutyWords };
        if (isExcluded(excludedLines, reported, hit.start, hit.end) || joyAt(hit.start, hit.end)) excused.push({ ...hit, rule: 'caps_excused' });
        else hits.push(hit);
      }
    }
  }
  // Punctuation runs.
  PUNCT_RUN.lastIndex = 0;
  while ((m = PUNCT_RUN.exec(text)) !== null) {
    const s = m.index;
    const e = s + m[0].length;
    if (m[0].length < 2) continue;
    const mixed = /\?/.test(m[0]) && /!/.test(m[0]);
    // A single "?!" is a raised eyebrow; "?!?!" or "?!!" is volume.
    if (mixed && m[0].length < 3) continue;
    const questions = !mixed && m[0].startsWith('?');
    if (questions) {
      // "??" is volume only next to a shouted word ("NOTHING??") or in a message that shouts elsewhere.
      const before = words.find((w) => w.e === s);
      const shoutyTotal = words.filter((w) => w.shouty && w.w.length >= 4 && !isExcluded(excludedLines, reported, w.s, w.e)).length;
      if (!((before && before.shouty && before.w.length >= 4) || shoutyTotal >= 2)) continue;
    }
    const [ss, se] = sentenceAround(text, Math.max(0, s - 1));
    const hit: CueHit = { rule: mixed ? 'interrobang_run' : 'exclamation_run', text: m[0], start: s, end: e, weight: 1 };
    if (isExcluded(excludedLines, reported, s, e) || joyAt(ss, se)) excused.push({ ...hit, rule: 'punct_excused' });
    else hits.push(hit);
  }
  const shoutyWords = words.filter((w) => w.shouty && w.w.length >= 3 && !isExcluded(excludedLines, reported, w.s, w.e) && !joyAt(w.s, w.e)).length;
  return { shouting: hits.length > 0, hits, excused, shoutyWords };
}
