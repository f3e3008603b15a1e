import { randomUUID } from "node:crypto";
import { IncomingMessage, ServerResponse } from "node:http";
import { CallLog } from "./call-log";
import { EmulatorClock } from "./emulator-clock";
import { Caller, EmulatorService } from "./emulator-service";
import { answerWithFault, delayFor } from "./fault-injection";
import { FaultBook, withListTotal } from "./faults";
import { HttpReply, writeReply } from "./http-reply";
import { regionFromHost } from "./request-region";
import { Authenticator, authenticatorOf, findRoute, unknownApiReply } from "./router";

/** What a cloud API request passes through: the services, their gateways, the faults, the log, the clock. */
export interface CloudApiParts {
  readonly services: readonly EmulatorService[];
  /** One authenticator per signing family (`huawei`, `alibaba`). */
  readonly gateways: Readonly<Record<string, Authenticator>>;
  readonly faults: FaultBook;
  readonly calls: CallLog;
  readonly clock: EmulatorClock;
}

/**
 * Answers one cloud API request as the cloud would: routed to its service, checked by its
 * gateway, hit by a matching fault (before or after the work), refused for a caller without
 * permission, carried out by the service's route, and logged.
 */
export async function handleCloudApiRequest(parts: CloudApiParts, req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer): Promise<void> {
  const { faults, calls, clock } = parts;
  const method = req.method ?? "GET";
  const match = findRoute(parts.services, {
    method,
    path: url.pathname,
    action: req.headers["x-acs-action"] ?? url.searchParams.get("Action") ?? undefined,
    host: req.headers.host,
  });
  // Alibaba's request ids are upper-case UUIDs (cloud-apis.md §3).
  const requestId = match?.service.signing === "alibaba" ? randomUUID().toUpperCase() : randomUUID();
  if (!match) {
    writeReply(res, unknownApiReply(), clock.now());
    return;
  }
  const { service, route, params } = match;
  let caller: Caller | undefined;
  const record = (status: number, extra: { performed?: boolean; fault?: string } = {}) =>
    calls.add({
      service: service.name,
      operation: route.operation,
      method,
      path: url.pathname,
      host: req.headers.host,
      status,
      mutating: route.mutating,
      performed: extra.performed ?? false,
      accessKey: caller?.accessKey,
      principal: caller?.principal,
      fault: extra.fault,
    });
  const headers = lowerHeaders(req);
  const raw = { method, path: url.pathname, query: url.searchParams, headers, body };
  const verdict = authenticatorOf(service, parts.gateways)(raw);
  caller = verdict.caller;
  if (!verdict.caller) {
    record(verdict.status ?? 401);
    writeReply(res, service.errorReply(verdict.status ?? 401, verdict.code ?? "Unauthorized", verdict.message ?? "unauthorized", requestId), clock.now());
    return;
  }
  const fault = faults.take(service.name, route.operation, method, url.pathname, clock.now(), service.signing);
  if (fault) await delayFor(fault, calls);
  if (fault && !fault.after && (await answerWithFault(res, service, fault, requestId, record, clock.now()))) return;

  let reply: HttpReply;
  let parsed: unknown;
  try {
    parsed = !body.length ? undefined : headers["content-type"]?.startsWith("application/x-www-form-urlencoded") ? Object.fromEntries(new URLSearchParams(body.toString("utf8"))) : JSON.parse(body.toString("utf8"));
  } catch {
    record(400);
    writeReply(res, service.errorReply(400, "APIGW.0201", "Request body is not valid JSON.", requestId), clock.now());
    return;
  }
  if ((route.mutating && verdict.caller.readOnly) || verdict.caller.noPermissions) {
    reply = service.deniedReply(route.operation, requestId);
  } else {
    try {
      reply = route.handle({ method, path: url.pathname, params, query: url.searchParams, headers, body: parsed, caller: verdict.caller, region: regionFromHost(headers.host) });
    } catch (error) {
      if (!(error instanceof HttpReply)) throw error;
      reply = error;
    }
  }
  if (fault?.list_total !== undefined) reply = new HttpReply(reply.status, withListTotal(reply.body, fault.list_total), reply.headers);
  // Some services (DWS) refuse inside an HTTP 200 with an error code in the body.
  const performed = route.mutating && reply.status < 300 && !(reply.body as { error_code?: unknown } | undefined)?.error_code;
  if (fault?.after && (await answerWithFault(res, service, fault, requestId, (status, extra) => record(status, { ...extra, performed }), clock.now()))) return;
  record(reply.status, { performed });
  writeReply(res, new HttpReply(reply.status, reply.body, { [service.requestIdHeader]: requestId, ...reply.headers }), clock.now());
}

function lowerHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(",") : value;
  }
  return out;
}
