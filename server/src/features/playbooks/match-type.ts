/** What a request is typed from. */
export interface TypingInput {
  subject: string;
  body: string;
  channel: string;
  clientTier: string | null;
  clientId: string | null;
}
export interface TypeRules {
  keywords: string[];
  channels: string[];
  clientTiers: string[];
  clientIds: string[];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Whether a type's rules match: every rule that is set must hold (any keyword or phrase as
 * whole words in subject or body; channel; client tier; client). A type without any rule never
 * matches on its own. Returns the reasons, for the audit log.
 */
export function matchRules(rules: TypeRules, input: TypingInput): string[] | null {
  const reasons: string[] = [];
  if (!rules.keywords.length && !rules.channels.length && !rules.clientTiers.length && !rules.clientIds.length) return null;
  if (rules.keywords.length) {
    const text = `${input.subject}\n${input.body}`;
    const hit = rules.keywords.find((k) => new RegExp(`(^|[^\\p{L}\\p{N}])${escape(k.trim()).replace(/\s+/g, '\\s+')}($|[^\\p{L}\\p{N}])`, 'iu').test(text));
    if (!hit) return null;
    reasons.push(`keyword "${hit}"`);
  }
  if (rules.channels.length) {
    if (!rules.channels.includes(input.channel)) return null;
    reasons.push(`channel ${input.channel}`);
  }
  if (rules.clientTiers.length) {
    if (!input.clientTier || !rules.clientTiers.includes(input.clientTier)) return null;
    reasons.push(`client tier ${input.clientTier}`);
  }
  if (rules.clientIds.length) {
    if (!input.clientId || !rules.clientIds.includes(input.clientId)) return null;
    reasons.push('client');
  }
  return reasons;
}

/** The first type (in the order given: position, then name) whose rules match. */
export function matchRequestType<T extends { rules: TypeRules }>(types: T[], input: TypingInput): { type: T; reasons: string[] } | null {
  for (const type of types) {
    const reasons = matchRules(type.rules, input);
    if (reasons) return { type, reasons };
  }
  return null;
}
