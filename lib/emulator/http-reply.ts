import { ServerResponse } from "node:http";

/** A response a route sends, or throws to answer with an error in its service's shape. */
export class HttpReply {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {}
}

/** Writes a reply as JSON (plain text when it says so), dated by the emulator's clock (`now`, ms). */
export function writeReply(res: ServerResponse, reply: HttpReply, now: number): void {
  const text = typeof reply.body === "string" && reply.headers["content-type"]?.startsWith("text/plain") ? reply.body : JSON.stringify(reply.body);
  res.writeHead(reply.status, { "content-type": "application/json", date: new Date(now).toUTCString(), ...reply.headers });
  res.end(text);
}
