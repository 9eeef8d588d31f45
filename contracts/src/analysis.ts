import { z } from 'zod';

export const Tone = z.enum(['calm', 'concerned', 'frustrated', 'irate', 'abusive']);
export type Tone = z.infer<typeof Tone>;
export const Urgency = z.enum(['low', 'normal', 'high']);
export type Urgency = z.infer<typeof Urgency>;
export const Boundary = z.enum(['personal', 'out_of_scope', 'pressure', 'abuse', 'off_hours']);
export type Boundary = z.infer<typeof Boundary>;

/** Why a label was given: the rule that fired and the words (offsets into the cleaned text). */
export const Evidence = z.object({
  label: z.string(),
  rule: z.string(),
  text: z.string(),
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  weight: z.number().optional(),
});
export type Evidence = z.infer<typeof Evidence>;

export const StrippedPart = z.object({
  kind: z.enum(['quote', 'signature', 'disclaimer', 'forward_header', 'html']),
  text: z.string(),
});

/** What the analysis engine says about one inbound message. */
export const MessageAnalysis = z.object({
  version: z.number().int(),
  cleanedText: z.string(),
  stripped: z.array(StrippedPart),
  sentiment: z.number().min(-1).max(1),
  shouting: z.boolean(),
  urgency: Urgency,
  tone: Tone,
  boundaries: z.array(Boundary),
  evidence: z.array(Evidence),
});
export type MessageAnalysis = z.infer<typeof MessageAnalysis>;
