/** Precision, recall and F1 with the counts behind them. */
export interface Prf {
  precision: number;
  recall: number;
  f1: number;
  tp: number;
  fp: number;
  fn: number;
  support: number;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** P/R/F1 from counts; an empty class (no gold, no predictions) scores 1. */
export function prf(tp: number, fp: number, fn: number): Prf {
  const precision = tp + fp === 0 ? (fn === 0 ? 1 : 0) : tp / (tp + fp);
  const recall = tp + fn === 0 ? (fp === 0 ? 1 : 0) : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision: round(precision), recall: round(recall), f1: round(f1), tp, fp, fn, support: tp + fn };
}

/** Binary P/R/F1 of predicted vs gold booleans. */
export function binaryPrf(gold: boolean[], pred: boolean[]): Prf {
  let tp = 0, fp = 0, fn = 0;
  gold.forEach((g, i) => {
    const p = pred[i] ?? false;
    if (g && p) tp++;
    else if (!g && p) fp++;
    else if (g && !p) fn++;
  });
  return prf(tp, fp, fn);
}

/** Per-class P/R/F1 and macro-F1 of a single-label classification. */
export function multiclassPrf<C extends string>(classes: readonly C[], gold: C[], pred: C[]): { perClass: Record<C, Prf>; macroF1: number; accuracy: number } {
  const perClass = {} as Record<C, Prf>;
  for (const c of classes) perClass[c] = binaryPrf(gold.map((g) => g === c), pred.map((p) => p === c));
  const macroF1 = round(classes.reduce((a, c) => a + perClass[c].f1, 0) / Math.max(1, classes.length));
  const accuracy = round(gold.filter((g, i) => g === pred[i]).length / Math.max(1, gold.length));
  return { perClass, macroF1, accuracy };
}

/** Per-label P/R/F1 and macro-F1 of a multi-label classification (sets of labels per item). */
export function multilabelPrf<C extends string>(labels: readonly C[], gold: C[][], pred: C[][]): { perLabel: Record<C, Prf>; macroF1: number } {
  const perLabel = {} as Record<C, Prf>;
  for (const l of labels) perLabel[l] = binaryPrf(gold.map((g) => g.includes(l)), pred.map((p) => p.includes(l)));
  return { perLabel, macroF1: round(labels.reduce((a, l) => a + perLabel[l].f1, 0) / Math.max(1, labels.length)) };
}

/** Confusion matrix: rows gold, columns predicted. */
export function confusionMatrix<C extends string>(classes: readonly C[], gold: C[], pred: C[]): Record<C, Record<C, number>> {
  const m = {} as Record<C, Record<C, number>>;
  for (const g of classes) {
    m[g] = {} as Record<C, number>;
    for (const p of classes) m[g][p] = 0;
  }
  gold.forEach((g, i) => {
    const p = pred[i];
    if (p !== undefined && m[g] && m[g][p] !== undefined) m[g][p]++;
  });
  return m;
}

/** Pairwise P/R/F1 of links (e.g. duplicate_of): a pair counts when both sides name the same earlier item. */
export function pairPrf(gold: Array<[string, string]>, pred: Array<[string, string]>): Prf {
  const key = ([a, b]: [string, string]) => (a < b ? `${a}|${b}` : `${b}|${a}`);
  const g = new Set(gold.map(key));
  const p = new Set(pred.map(key));
  let tp = 0;
  for (const k of p) if (g.has(k)) tp++;
  return prf(tp, p.size - tp, g.size - tp);
}

/** Renders a confusion matrix as aligned text. */
export function formatConfusion<C extends string>(classes: readonly C[], m: Record<C, Record<C, number>>): string {
  const w = Math.max(10, ...classes.map((c) => c.length + 1));
  const head = 'gold\\pred'.padEnd(w) + classes.map((c) => c.padStart(w)).join('');
  const rows = classes.map((g) => g.padEnd(w) + classes.map((p) => String(m[g][p]).padStart(w)).join(''));
  return [head, ...rows].join('\n');
}
