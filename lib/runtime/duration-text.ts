/**
 * A duration as people read it, in every message and progress line: `0.3 s`, `12 s`,
 * `2 min 5 s`, `24 h 0 min`. Tenths below 10 s; whole seconds after, rounded before the unit is
 * chosen (119.6 s reads `2 min 0 s`, never `1 min 60 s`).
 */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, ms) / 1000;
  if (Math.round(seconds * 10) < 100) return `${Number(seconds.toFixed(1))} s`;
  const whole = Math.round(seconds);
  if (whole < 120) return `${whole} s`;
  const minutes = Math.floor(whole / 60);
  if (minutes < 120) return `${minutes} min ${whole % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
