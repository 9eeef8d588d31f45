import type { ScorerModel } from './model.js';
import { SCORER_MODEL_JSON } from './scorer-model.js';

export * from './features.js';
export * from './model.js';

let loaded: ScorerModel | null | undefined;

/** The scorer shipped with this version (trained by `npm run train` in eval/), or null when none is shipped. */
export function defaultScorer(): ScorerModel | null {
  if (loaded === undefined) loaded = SCORER_MODEL_JSON ? (JSON.parse(SCORER_MODEL_JSON) as ScorerModel) : null;
  return loaded;
}
