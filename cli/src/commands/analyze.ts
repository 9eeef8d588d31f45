import fs from 'node:fs';
import readline from 'node:readline';
import { Agreement } from '@fitdesk/contracts';
import { type AgreementLike, DuplicateIndex, type FeatureSet, type HistoryItem, type RepeatedMessage, type ScorerModel, analyzeMessage, aroundTheClockCategory, carryFromRepeated, fingerprint, REPEAT_WINDOW_MS, repeatEvidence, repeatOf, repeatText, type RepeatFound, type RepeatPairModel } from '@fitdesk/core';

export interface AnalyzeIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

const CHANNELS = new Set(['email', 'portal', 'form', 'api', 'phone', 'sms']);
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/;
const HISTORY_PER_CLIENT = 30;
/** Messages whose asks a later repeat can carry (the duplicate index itself keeps every fingerprint). */
const MAX_REMEMBERED = 200_000;

interface LineError {
  id?: string;
  error: { code: string; message: string; field?: string };
}

class InputError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** Parses and validates an agreements file (JSON object key → Agreement) with the contracts schema. */
export function parseAgreements(json: string): Map<string, AgreementLike> {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (e) {
    throw new InputError('invalid_json', `agreements file is not valid JSON: ${(e as Error).message}`);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new InputError('invalid_agreements', 'agreements file must be a JSON object from key to agreement');
  const out = new Map<string, AgreementLike>();
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const parsed = Agreement.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = [key, ...(issue?.path ?? []).map(String)].join('.');
      throw new InputError('invalid_agreement', `agreement "${key}": ${issue?.message ?? 'invalid'} at ${field}`, field);
    }
    out.set(key, parsed.data);
  }
  return out;
}

/** Stateful analyser for a stream of JSON lines: per-client history and duplicate index, same as `fitdesk analyze`. */
export function createLineAnalyzer(
  agreements: Map<string, AgreementLike>,
  /**
   * scorer: the learned scorer (default: the shipped one; null: rules alone); onFeatures: each message's scorer features, for training;
   * repeatModel: the learned repeat check (default: the shipped one; null: fingerprint and restatement rules alone);
   * onRepeatCandidates: each message's earlier candidates with their pair features and what the rules linked, for training.
   */
  options: {
    scorer?: ScorerModel | null;
    onFeatures?: (id: string, features: FeatureSet) => void;
    repeatModel?: RepeatPairModel | null;
    onRepeatCandidates?: (id: string, candidates: Array<{ id: string; features: Map<string, number> }>, ruleLink: string | null) => void;
  } = {},
) {
  const history = new Map<string, HistoryItem[]>();
  const dupes = new DuplicateIndex({ expected: 10_000 });
  // What each analysed message asked for, so a repeat of it can carry that (oldest dropped first).
  const asked = new Map<string, RepeatedMessage>();

  return function analyzeLine(line: string): Record<string, unknown> | LineError {
    let rec: Record<string, unknown>;
    try {
      const v: unknown = JSON.parse(line);
      if (!v || typeof v !== 'object' || Array.isArray(v)) return { error: { code: 'invalid_line', message: 'each line must be a JSON object' } };
      rec = v as Record<string, unknown>;
    } catch (e) {
      return { error: { code: 'invalid_json', message: `not valid JSON: ${(e as Error).message}` } };
    }
    const id = typeof rec.id === 'string' || typeof rec.id === 'number' ? String(rec.id) : undefined;
    try {
      if (id === undefined) throw new InputError('missing_field', 'id is required (string)', 'id');
      const sentAt = rec.sent_at;
      if (typeof sentAt !== 'string' || !ISO_8601.test(sentAt) || Number.isNaN(Date.parse(sentAt))) throw new InputError('invalid_field', 'sent_at must be an ISO 8601 date-time with a timezone', 'sent_at');
      if (typeof rec.body !== 'string') throw new InputError('missing_field', 'body is required (string)', 'body');
      if (rec.body.length > 200_000) throw new InputError('invalid_field', 'body is longer than 200000 characters', 'body');
      if (typeof rec.channel !== 'string' || !CHANNELS.has(rec.channel)) throw new InputError('invalid_field', `channel must be one of ${[...CHANNELS].join(', ')}`, 'channel');
      if (rec.subject !== undefined && rec.subject !== null && typeof rec.subject !== 'string') throw new InputError('invalid_field', 'subject must be a string', 'subject');
      if (rec.client !== undefined && rec.client !== null && typeof rec.client !== 'string') throw new InputError('invalid_field', 'client must be a string', 'client');
      let agreement: AgreementLike | undefined;
      if (rec.agreement !== undefined && rec.agreement !== null) {
        if (typeof rec.agreement !== 'string') throw new InputError('invalid_field', 'agreement must be a key of the agreements file', 'agreement');
        agreement = agreements.get(rec.agreement);
        if (!agreement) throw new InputError('unknown_agreement', `no agreement "${rec.agreement}" in the agreements file`, 'agreement');
      }
      const client = typeof rec.client === 'string' ? rec.client : undefined;
      const subject = typeof rec.subject === 'string' ? rec.subject : undefined;
      const past = client ? (history.get(client) ?? []) : [];
      let result = analyzeMessage({
        body: rec.body,
        subject,
        sentAt,
        channel: rec.channel,
        agreement,
        history: past,
      }, {
        ...(options.scorer !== undefined ? { scorer: options.scorer } : {}),
        ...(options.onFeatures ? { onFeatures: (f: FeatureSet) => options.onFeatures!(id, f) } : {}),
      });
      let found: RepeatFound | null = null;
      if (client) {
        const sentAtMs = Date.parse(sentAt);
        const fp = fingerprint(repeatText(result.cleanedText, result.stripped));
        const hit = dupes.findDuplicate(client, fp, sentAtMs - REPEAT_WINDOW_MS);
        found = repeatOf({ cleanedText: result.cleanedText, stripped: result.stripped, channel: rec.channel, sentAtMs, subject }, hit, past, {
          ...(options.repeatModel !== undefined ? { model: options.repeatModel } : {}),
          ...(options.onRepeatCandidates ? { onCandidates: (candidates, ruleLink) => options.onRepeatCandidates!(id, candidates, ruleLink) } : {}),
        });
        const original = found ? asked.get(found.id) : undefined;
        if (original) result = carryFromRepeated(result, original, sentAtMs);
        dupes.add(id, client, fp, sentAtMs);
        asked.set(id, { id, boundaries: result.boundaries, evidence: result.evidence.filter((e) => e.label.startsWith('boundary:')), cleanedText: result.cleanedText, sentAtMs });
        if (asked.size > MAX_REMEMBERED) asked.delete(asked.keys().next().value!);
        past.push({ id, sentAt, text: rec.body, direction: 'inbound', channel: rec.channel, urgency: result.urgency, aroundTheClock: aroundTheClockCategory(result), duplicateOf: found?.id ?? null, ...(subject ? { subject } : {}) });
        if (past.length > HISTORY_PER_CLIENT) past.shift();
        history.set(client, past);
      }
      const evidence = [...result.evidence];
      if (found) evidence.push(repeatEvidence(found));
      return {
        id,
        tone: result.tone,
        shouting: result.shouting,
        urgency: result.urgency,
        boundaries: result.boundaries,
        sentiment: result.sentiment,
        duplicate_of: found?.id ?? null,
        evidence,
        version: result.version,
        cleaned_text: result.cleanedText,
        stripped: result.stripped,
      };
    } catch (e) {
      if (e instanceof InputError) return { ...(id !== undefined ? { id } : {}), error: { code: e.code, message: e.message, ...(e.field ? { field: e.field } : {}) } };
      return { ...(id !== undefined ? { id } : {}), error: { code: 'analysis_failed', message: (e as Error).message } };
    }
  };
}

function write(out: NodeJS.WritableStream, s: string): Promise<void> {
  return new Promise((resolve) => {
    if (out.write(s)) resolve();
    else out.once('drain', () => resolve());
  });
}

/**
 * `fitdesk analyze [--agreements FILE.json] [--rules-only] [FILE.jsonl]`: one JSON line out per line in
 * (stdin when no file). Exit 0 when every line was analysed, 1 when some lines were bad, 2 on usage or file errors.
 */
export async function analyzeCommand(argv: string[], io: AnalyzeIo): Promise<number> {
  let agreementsFile: string | undefined;
  let inputFile: string | undefined;
  let rulesOnly = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--rules-only') rulesOnly = true;
    else if (a === '--agreements') agreementsFile = argv[++i];
    else if (a.startsWith('--agreements=')) agreementsFile = a.slice('--agreements='.length);
    else if (a === '--help' || a === '-h') {
      io.stdout.write('Usage: fitdesk analyze [--agreements FILE.json] [--rules-only] [FILE.jsonl]\n');
      return 0;
    } else if (a.startsWith('--')) {
      io.stderr.write(`Unknown option ${a}\nUsage: fitdesk analyze [--agreements FILE.json] [--rules-only] [FILE.jsonl]\n`);
      return 2;
    } else if (inputFile === undefined) inputFile = a;
    else {
      io.stderr.write('Usage: fitdesk analyze [--agreements FILE.json] [--rules-only] [FILE.jsonl]\n');
      return 2;
    }
  }
  if (argv.includes('--agreements') && !agreementsFile) {
    io.stderr.write('--agreements needs a file\n');
    return 2;
  }
  let agreements = new Map<string, AgreementLike>();
  if (agreementsFile) {
    try {
      agreements = parseAgreements(fs.readFileSync(agreementsFile, 'utf8'));
    } catch (e) {
      io.stderr.write(`${agreementsFile}: ${(e as Error).message}\n`);
      return 2;
    }
  }
  let input: NodeJS.ReadableStream = io.stdin;
  if (inputFile) {
    if (!fs.existsSync(inputFile)) {
      io.stderr.write(`Cannot read ${inputFile}: no such file\n`);
      return 2;
    }
    input = fs.createReadStream(inputFile, 'utf8');
  }
  // --rules-only: the phrase rules' labels without the learned scorer (to see what it changed).
  const analyzeLine = createLineAnalyzer(agreements, rulesOnly ? { scorer: null } : {});
  const rl = readline.createInterface({ input, crlfDelay: Infinity });
  let bad = 0;
  for await (const line of rl) {
    if (!line.trim()) continue;
    const out = analyzeLine(line);
    if ('error' in out) bad++;
    await write(io.stdout, `${JSON.stringify(out)}\n`);
  }
  return bad > 0 ? 1 : 0;
}
