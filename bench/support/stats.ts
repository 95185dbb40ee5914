/**
 * Figures a benchmark reports, and the statistics behind them.
 */

/** Percentiles of a sample, in the sample's unit; `n` samples. */
export interface Distribution {
  n: number;
  min: number;
  p50: number;
  p95: number;
  max: number;
}

/** One reported figure: a measured value, optionally against a baseline and a target. */
export interface Figure {
  name: string;
  /** Unit of `value`, e.g. "ms", "MB", "%", "chars/s", "×". */
  unit: string;
  /** Which statistic `value` is (p50, p95, mean, ratio…). */
  stat: string;
  value: number;
  distribution?: Distribution;
  /** A baseline measured in the same run. */
  baseline?: { name: string; value: number };
  /** The target `value` must meet, e.g. `{ op: '<=', value: 250 }`. */
  target?: { op: '<=' | '>=' | '<'; value: number };
}

/** Nearest-rank percentile `p` (0–100) of `sorted` (ascending); NaN when empty. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

/** min, p50, p95, max of `values` (rounded to 0.1). */
export function summary(values: number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  const r = (x: number): number => Math.round(x * 10) / 10;
  return {
    n: sorted.length,
    min: r(sorted[0] ?? Number.NaN),
    p50: r(percentile(sorted, 50)),
    p95: r(percentile(sorted, 95)),
    max: r(sorted.at(-1) ?? Number.NaN),
  };
}

/** Whether a figure meets its target (null when it has none). */
export function met(figure: Figure): boolean | null {
  const t = figure.target;
  if (!t) return null;
  if (t.op === '<=') return figure.value <= t.value;
  if (t.op === '<') return figure.value < t.value;
  return figure.value >= t.value;
}
