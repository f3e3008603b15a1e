/**
 * Whether an admin request (`/_emulator/*`) may be served: only from a client on this machine
 * that is not a web page of another origin. A page the user visits can send requests to
 * 127.0.0.1 (a form post needs no CORS preflight) or resolve its own host name to 127.0.0.1
 * (DNS rebinding); both would let it reset the emulator or inject faults. Browsers always send
 * `Origin` on cross-origin POSTs and the page's own host name in `Host`.
 *
 * @returns the reason for refusing, or undefined when the request may be served
 */
export function refuseAdminRequest(headers: { host?: string; origin?: string }, port: number): string | undefined {
  const own = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
  if (headers.host === undefined || !own.has(headers.host.toLowerCase())) {
    return `Host ${JSON.stringify(headers.host ?? "")} is not this emulator (expected 127.0.0.1:${port} or localhost:${port})`;
  }
  if (headers.origin !== undefined) {
    const origin = headers.origin.toLowerCase();
    if (!own.has(origin.replace(/^http:\/\//, "")) || !origin.startsWith("http://")) {
      return `cross-origin request from ${JSON.stringify(headers.origin)} refused: the admin API serves only local tools`;
    }
  }
  return undefined;
}
