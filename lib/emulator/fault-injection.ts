import { ServerResponse } from "node:http";
import { CallLog } from "./call-log";
import { EmulatorService } from "./emulator-service";
import { FaultRule } from "./faults";
import { hostileLabel, sendHostile } from "./hostile-answer";
import { HttpReply, writeReply } from "./http-reply";

/** Records the faulted call in the call log: its status (0 when the connection was cut) and the fault's label. */
export type FaultRecorder = (status: number, extra: { fault: string }) => void;

/**
 * Holds a request as its fault says before it is answered: until the call log reaches the fault's
 * barrier (`hold_until`, at most `latency_ms`, default 60 s), or for `latency_ms`.
 */
export async function delayFor(fault: FaultRule, calls: CallLog): Promise<void> {
  if (fault.hold_until) await holdUntil(calls, fault.hold_until, fault.latency_ms ?? 60_000);
  else if (fault.latency_ms) await new Promise((r) => setTimeout(r, fault.latency_ms));
}

/** Resolves once the call log holds `barrier.calls` calls of `barrier.operation`, or after `limitMs`. */
async function holdUntil(calls: CallLog, barrier: { operation: string; calls: number }, limitMs: number): Promise<void> {
  const started = Date.now();
  const reached = () => calls.list().filter((c) => c.operation === barrier.operation).length >= barrier.calls;
  while (!reached() && Date.now() - started < limitMs) await new Promise((r) => setTimeout(r, 5));
}

/**
 * Answers the request as the fault says instead of the service: a cut connection, a hostile
 * answer, foreign JSON, a body that is not JSON, or an error in the service's own shape.
 * @returns false when the fault only delays (the service answers)
 */
export async function answerWithFault(
  res: ServerResponse,
  service: EmulatorService,
  fault: FaultRule,
  requestId: string,
  record: FaultRecorder,
  now: number,
): Promise<boolean> {
  if (fault.reset) {
    record(0, { fault: "reset" });
    res.socket?.destroy();
    return true;
  }
  if (fault.interim_ms || fault.trickle_ms || fault.body_bytes !== undefined || fault.location) {
    record(fault.status ?? (fault.location ? 302 : 200), { fault: hostileLabel(fault) });
    await sendHostile(res, fault, { [service.requestIdHeader]: requestId });
    return true;
  }
  if (fault.json !== undefined) {
    const status = fault.status ?? 200;
    record(status, { fault: "json" });
    writeReply(res, new HttpReply(status, fault.json, { [service.requestIdHeader]: requestId }), now);
    return true;
  }
  if (fault.body) {
    const status = fault.status ?? 502;
    record(status, { fault: `body:${fault.body}` });
    const text =
      fault.body === "html"
        ? "<html><head><title>502 Bad Gateway</title></head><body>Bad Gateway</body></html>"
        : fault.body === "truncated"
          ? '{"encryption_status":"o'
          : fault.body === "not-json"
            ? "upstream connect error or disconnect/reset before headers"
            : "";
    res.writeHead(status, { "content-type": fault.body === "html" ? "text/html" : "text/plain", [service.requestIdHeader]: requestId });
    res.end(text);
    return true;
  }
  if (fault.status) {
    const reply = service.errorReply(fault.status, fault.code ?? `HTTP${fault.status}`, fault.message ?? "injected fault", requestId);
    const headers: Record<string, string> = { [service.requestIdHeader]: requestId, ...reply.headers };
    if (fault.retry_after !== undefined) {
      headers["retry-after"] = String(fault.retry_after);
      headers["x-acs-retry-after"] = String(fault.retry_after * 1000);
    }
    record(fault.status, { fault: `${fault.status} ${fault.code ?? ""}`.trim() });
    writeReply(res, new HttpReply(fault.status, reply.body, headers), now);
    return true;
  }
  return false;
}
