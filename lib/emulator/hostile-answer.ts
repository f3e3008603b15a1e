import { ServerResponse } from "node:http";
import { FaultRule } from "./faults";

/**
 * Answers no well-behaved server gives, for the transport's limits: interim `102 Processing`
 * responses for as long as the client waits, a body trickled a byte at a time, an oversized
 * body, a redirect. Resolves when the answer is sent or the client has gone.
 */
export async function sendHostile(res: ServerResponse, fault: FaultRule, headers: Record<string, string>): Promise<void> {
  const gone = new Promise<void>((resolve) => res.once("close", () => resolve()));
  const closed = () => res.destroyed || res.writableEnded || !res.socket || res.socket.destroyed;
  const pause = (ms: number) => Promise.race([new Promise((resolve) => setTimeout(resolve, ms)), gone]);
  if (fault.interim_ms) {
    while (!closed()) {
      res.writeProcessing();
      await pause(fault.interim_ms);
    }
    return;
  }
  const status = fault.status ?? (fault.location ? 302 : 200);
  if (fault.location) {
    res.writeHead(status, { ...headers, location: fault.location, "content-length": "0" });
    res.end();
    return;
  }
  if (fault.body_bytes !== undefined) {
    res.writeHead(status, { ...headers, "content-type": "application/json" });
    const chunk = Buffer.alloc(64 * 1024, "x");
    for (let left = fault.body_bytes; left > 0 && !closed(); left -= chunk.length) {
      if (!res.write(left >= chunk.length ? chunk : chunk.subarray(0, left))) await Promise.race([new Promise((resolve) => res.once("drain", resolve)), gone]);
    }
    if (!closed()) res.end();
    return;
  }
  const body = Buffer.from(JSON.stringify(fault.json ?? { padding: "x".repeat(64) }));
  res.writeHead(status, { ...headers, "content-type": "application/json", "content-length": String(body.length) });
  for (let i = 0; i < body.length && !closed(); i++) {
    res.write(body.subarray(i, i + 1));
    await pause(fault.trickle_ms!);
  }
  if (!closed()) res.end();
}

export function hostileLabel(fault: FaultRule): string {
  if (fault.interim_ms) return "interim 102";
  if (fault.location) return `redirect ${fault.location}`;
  if (fault.body_bytes !== undefined) return `body ${fault.body_bytes} bytes`;
  return `trickle ${fault.trickle_ms} ms/byte`;
}
