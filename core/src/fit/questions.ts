import type { AnswerValue, IdealClientProfile, IntakeAnswers, IntakeFieldType } from './types.js';

/** One question of the public intake form, derived from the profile. */
export interface IntakeQuestion {
  key: string;
  prompt: string;
  type: IntakeFieldType;
  options?: string[];
  unit?: string;
  required: boolean;
  help?: string;
  /** Criteria that read this answer (the form can explain why it asks). */
  criteria: string[];
}

const TYPE_OF = { range: 'number', choice: 'choice', text: 'text' } as const;

function humanise(key: string): string {
  const s = key.replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Intake questions from a profile: declared fields first, then every field a criterion reads (type from the criterion); required when a must-have reads it. */
export function intakeQuestions(profile: IdealClientProfile): IntakeQuestion[] {
  const out = new Map<string, IntakeQuestion>();
  for (const f of profile.fields ?? []) {
    out.set(f.key, {
      key: f.key,
      prompt: f.prompt,
      type: f.type,
      ...(f.options ? { options: [...f.options] } : {}),
      ...(f.unit ? { unit: f.unit } : {}),
      ...(f.help ? { help: f.help } : {}),
      required: f.required ?? false,
      criteria: [],
    });
  }
  for (const c of profile.criteria) {
    if (c.field === '*') continue;
    let q = out.get(c.field);
    if (!q) {
      q = { key: c.field, prompt: humanise(c.field), type: TYPE_OF[c.type], required: false, criteria: [] };
      out.set(c.field, q);
    }
    q.criteria.push(c.id);
    if (c.kind === 'must_have') q.required = true;
    if (c.type === 'choice' && (q.type === 'choice' || q.type === 'multi_choice')) {
      const opts = new Set(q.options ?? []);
      // Declared options win; derived questions collect the options the criteria mention.
      if (!(profile.fields ?? []).some((f) => f.key === c.field && f.options)) {
        for (const o of [...c.accepted, ...Object.keys(c.partial ?? {})]) opts.add(o);
        q.options = [...opts];
      }
    }
  }
  return [...out.values()];
}

/** True when an answer is absent: undefined, null, blank string or empty list. */
export function isMissing(v: AnswerValue): boolean {
  if (v === undefined || v === null) return true;
  if (typeof v === 'string') return v.trim() === '';
  if (Array.isArray(v)) return v.filter((x) => x.trim() !== '').length === 0;
  return Number.isNaN(v);
}

/** Field-level problems of answers against the derived questions (required missing, wrong type, unknown option). */
export function validateIntakeAnswers(profile: IdealClientProfile, answers: IntakeAnswers): Array<{ field: string; message: string }> {
  const errors: Array<{ field: string; message: string }> = [];
  for (const q of intakeQuestions(profile)) {
    const v = answers[q.key];
    if (isMissing(v)) {
      if (q.required) errors.push({ field: q.key, message: 'required' });
      continue;
    }
    if (q.type === 'number' && (typeof v !== 'number' || !Number.isFinite(v))) errors.push({ field: q.key, message: 'must be a number' });
    if (q.type === 'text' && typeof v !== 'string') errors.push({ field: q.key, message: 'must be text' });
    if ((q.type === 'choice' || q.type === 'multi_choice') && q.options) {
      const vals = Array.isArray(v) ? v : [String(v)];
      if (q.type === 'choice' && Array.isArray(v) && v.length > 1) errors.push({ field: q.key, message: 'choose one option' });
      const bad = vals.filter((x) => !q.options!.some((o) => o.toLowerCase() === x.trim().toLowerCase()));
      if (bad.length) errors.push({ field: q.key, message: `unknown option: ${bad.join(', ')}` });
    }
  }
  return errors;
}
