/** 1234 → "1.2 s", 95_000 → "1 min 35 s", 900_000 → "15 min", 90_000_000 → "25 h": durations people read. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const two = (big: number, bigUnit: string, small: number, smallUnit: string): string =>
    small ? `${big} ${bigUnit} ${small} ${smallUnit}` : `${big} ${bigUnit}`;
  if (ms < 3_600_000) return two(Math.floor(ms / 60_000), 'min', Math.round((ms % 60_000) / 1000), 's');
  if (ms < 3 * 86_400_000)
    return two(Math.floor(ms / 3_600_000), 'h', Math.round((ms % 3_600_000) / 60_000), 'min');
  return `${(ms / 86_400_000).toFixed(1)} days`;
}
