/** `4m05s`, `1h02m`, `12.3s`: elapsed times in progress lines. */
export function formatElapsed(ms: number): string {
  const seconds = ms / 1000;
  // Rounded before the unit is chosen: 59.96 s reads 1m00s, never "60.0s".
  if (Math.round(seconds * 10) < 600) return `${seconds.toFixed(1)}s`;
  const whole = Math.max(60, Math.floor(seconds));
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  return h > 0 ? `${h}h${String(m).padStart(2, "0")}m` : `${m}m${String(s).padStart(2, "0")}s`;
}
