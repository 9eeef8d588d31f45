/**
 * The labelled splits of eval/data, by name (the file is `messages.<name>.jsonl`). Adding a split
 * means adding its name to TUNING_SPLITS and, before anything is tuned on it, its rule labels to
 * data/unseen-rules/.
 */

/** Tuning data: the rules were tuned on some, the learned scorer trains on all (their scores are training scores). */
export const TUNING_SPLITS = ['dev', 'dev2', 'dev3', 'dev4', 'dev5', 'dev6', 'dev7', 'dev8', 'dev9', 'dev10', 'dev11', 'dev12', 'dev13', 'dev14', 'dev15', 'dev16', 'dev17', 'dev18', 'dev19', 'dev20', 'dev21', 'dev22', 'dev23', 'dev24', 'dev25', 'dev26', 'dev27', 'dev28', 'dev29', 'dev30', 'dev31', 'dev32', 'dev33', 'dev34', 'dev35', 'dev36', 'dev37', 'dev38', 'dev39', 'dev40', 'dev41', 'dev42', 'dev43', 'dev44', 'dev45', 'dev46', 'dev47', 'dev48', 'dev49', 'dev50', 'dev51', 'dev52', 'dev53', 'dev54'] as const;

/** Written alongside the first rules, so they have no labels from before the rules met them. */
const WRITTEN_WITH_THE_RULES = new Set(['dev', 'dev2']);
/**
 * Splits with the labels the rules gave before they were tuned on them (eval/data/unseen-rules/):
 * how the rules do on a new writer's wording, which is what the trust in the rules is fitted on.
 */
export const UNSEEN_RULE_SPLITS: readonly string[] = TUNING_SPLITS.filter((s) => !WRITTEN_WITH_THE_RULES.has(s));

/** Measured only: never tuned on, never loaded by the trainer. */
export const HELD_OUT_SPLITS = ['heldout', 'heldout2', 'heldout3'] as const;

export const splitFile = (name: string): string => `messages.${name}.jsonl`;
