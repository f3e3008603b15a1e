import { refuseAdminRequest } from "./admin-guard";
import { CallLog } from "./call-log";
import { EmulatorClock } from "./emulator-clock";
import { EmulatorService } from "./emulator-service";
import { FaultBook, FaultRule } from "./faults";
import { HttpReply } from "./http-reply";

/** What the admin API controls: the emulator's clock, call log, faults and state. */
export interface AdminTarget {
  readonly clock: EmulatorClock;
  readonly calls: CallLog;
  readonly faults: FaultBook;
  snapshot(): Record<string, unknown>;
  reset(fixture?: Record<string, unknown>): void;
  service(name: string): EmulatorService;
}

/** An admin request, body unparsed. */
export interface AdminRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: { host?: string; origin?: string };
  readonly body: Buffer;
}

/** The admin routes, as listed to a caller who asks for another. */
const ADMIN_ROUTES = [
  "GET /_emulator/state",
  "GET|DELETE /_emulator/calls",
  "GET|POST|DELETE /_emulator/faults",
  "GET|POST /_emulator/clock",
  "POST /_emulator/reset",
  "POST /_emulator/resources",
];

/**
 * The emulator's control endpoints (`/_emulator/*`): its state, call log, faults, clock, a reset
 * and changes behind the client's back. Served only to local tools (`admin-guard.ts`); `port` is
 * the emulator's own.
 */
export function answerAdminRequest(target: AdminTarget, request: AdminRequest, port: number): HttpReply {
  const refusal = refuseAdminRequest(request.headers, port);
  if (refusal) return new HttpReply(403, { error: refusal });
  const { method, url, body } = request;
  const { clock, calls, faults } = target;
  const input = body.length ? (JSON.parse(body.toString("utf8")) as Record<string, unknown>) : {};
  const route = `${method} ${url.pathname}`;
  switch (route) {
    case "GET /_emulator/state":
      return new HttpReply(200, { clock: clock.describe(), ...target.snapshot() });
    case "GET /_emulator/calls":
      return new HttpReply(200, { calls: calls.list(Number(url.searchParams.get("since") ?? 0)) });
    case "DELETE /_emulator/calls":
      calls.clear();
      return new HttpReply(200, { ok: true });
    case "GET /_emulator/faults":
      return new HttpReply(200, { faults: faults.list() });
    case "POST /_emulator/faults":
      faults.add((input.faults as FaultRule[] | undefined) ?? (input as FaultRule));
      return new HttpReply(200, { faults: faults.list() });
    case "DELETE /_emulator/faults":
      faults.clear();
      return new HttpReply(200, { faults: [] });
    case "GET /_emulator/clock":
      return new HttpReply(200, clock.describe());
    case "POST /_emulator/clock":
      if (typeof input.advance_seconds === "number") clock.advance(input.advance_seconds);
      if (typeof input.set === "string") clock.set(Date.parse(input.set));
      if (typeof input.rate === "number") clock.setRate(input.rate);
      return new HttpReply(200, clock.describe());
    case "POST /_emulator/reset":
      target.reset(input.fixture as Record<string, unknown> | undefined);
      return new HttpReply(200, { clock: clock.describe(), ...target.snapshot() });
    case "POST /_emulator/resources": {
      const { service, id, ...fields } = input as { service: string; id: string } & Record<string, unknown>;
      target.service(service).patch(id, fields);
      return new HttpReply(200, { ok: true });
    }
    default:
      return new HttpReply(404, { error: `unknown admin route ${route}`, routes: ADMIN_ROUTES });
  }
}
