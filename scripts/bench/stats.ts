// Percentiles and ratios of the bench's measurements.

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

export function median(values: readonly number[]): number {
  return percentile(values, 0.5);
}

/** "1.23 ms" / "—" for a missing value. */
export function ms(value: number | undefined): string {
  return value === undefined || Number.isNaN(value) ? "—" : `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;
}

export function ratio(value: number | undefined): string {
  return value === undefined || Number.isNaN(value) ? "—" : `${value.toFixed(2)}×`;
}
