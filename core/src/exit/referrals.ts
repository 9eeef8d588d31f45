import { matchPhrase, meaningBag } from '../fit/phrase.js';

export interface DirectoryProviderLike {
  id: string;
  name: string;
  specialties: string[];
}

export interface ReferralSuggestion {
  id: string;
  name: string;
  score: number;
  reasons: string[];
}

/** Overlap coefficient |A∩B| / min(|A|,|B|) of two texts' meaning bags (concepts + word stems). */
export function meaningOverlap(a: string, b: string): number {
  const A = meaningBag(a);
  const B = meaningBag(b);
  if (A.size === 0 || B.size === 0) return 0;
  let shared = 0;
  for (const x of A) if (B.has(x)) shared++;
  return shared / Math.min(A.size, B.size);
}

/** Similarity of a need and a specialty in [0,1]: the best of a meaning match either way and the meaning-bag overlap. */
export function specialtySimilarity(need: string, specialty: string): number {
  const a = matchPhrase(need, specialty)?.score ?? 0;
  const b = matchPhrase(specialty, need)?.score ?? 0;
  return Math.max(a, b, meaningOverlap(need, specialty));
}

/**
 * Ranks providers for a leaving client's needs: per need the best-matching specialty's
 * similarity, score = 100 × mean over needs (a free-text need is one need); ties by more
 * specialties matched, then name. Providers under `minScore` are left out.
 */
export function suggestReferrals(
  needs: string[] | string,
  directory: DirectoryProviderLike[],
  options: { limit?: number; minScore?: number } = {},
): ReferralSuggestion[] {
  const limit = options.limit ?? 5;
  const minScore = options.minScore ?? 30;
  const list = (typeof needs === 'string' ? [needs] : needs).map((n) => n.trim()).filter((n) => n !== '');
  if (list.length === 0) return [];
  const ranked = directory.map((p) => {
    const reasons: string[] = [];
    const matched = new Set<string>();
    let sum = 0;
    for (const need of list) {
      let best = 0;
      let bestSpec = '';
      for (const spec of p.specialties) {
        const s = specialtySimilarity(need, spec);
        if (s > best) {
          best = s;
          bestSpec = spec;
        }
      }
      if (best >= 0.3) {
        matched.add(bestSpec);
        reasons.push(`specialty “${bestSpec}” matches need “${need.length > 60 ? `${need.slice(0, 57)}…` : need}” (${best.toFixed(2)})`);
      } else best = 0;
      sum += best;
    }
    return { id: p.id, name: p.name, score: Math.round((100 * sum) / list.length), reasons, matched: matched.size };
  });
  return ranked
    .filter((r) => r.score >= minScore)
    .sort((a, b) => b.score - a.score || b.matched - a.matched || a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
    .slice(0, limit)
    .map(({ matched: _m, ...r }) => r);
}
