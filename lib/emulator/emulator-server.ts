import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { IncomingMessage, Server, ServerResponse, createServer } from "node:http";
import { AddressInfo } from "node:net";
import { refuseAdminRequest } from "./admin-guard";
import { CallLog } from "./call-log";
import { EmulatorClock } from "./emulator-clock";
import { Caller, EmulatorService, Route, ServiceContext } from "./emulator-service";
import { FaultBook, FaultRule, withListTotal } from "./faults";
import { hostileLabel, sendHostile } from "./hostile-answer";
import { EMULATOR_CREDENTIALS, defaultFixture } from "./fixture";
import { HttpReply } from "./http-reply";
import { hostServes, regionFromHost } from "./request-region";
import { StateFileError, readStateFile } from "./state-file";
import { verifyHuaweiRequest } from "./huawei-gateway";
import { AlibabaGateway } from "./alibaba-gateway";
import { AckService } from "./services/ack";
import { AlibabaIdentities } from "./alibaba-identities";
import { AlibabaMetadataService } from "./services/alibaba-metadata";
import { AlibabaStsService } from "./services/alibaba-sts";
import { CredentialsUriService } from "./services/credentials-uri";
import { AlibabaKmsService } from "./services/alibaba-kms";
import { HuaweiKmsService } from "./services/huawei-kms";
import { DwsService } from "./services/dws";
import { TaurusDbService } from "./services/taurusdb";
import { HuaweiIamService } from "./services/huawei-iam";
import { EcsMetadataService } from "./services/ecs-metadata";

export interface EmulatorOptions {
  /** 0 picks a free port. @default 0 */
  readonly port?: number;
  /** Keep the state in this JSON file: loaded on start when present, written after each change. */
  readonly stateFile?: string;
  /** Start from this world instead of the default fixture. */
  readonly fixture?: Record<string, unknown>;
  /** Credentials accepted besides the emulator's own, e.g. canaries for a secret-leak test. */
  readonly extraCredentials?: {
    readonly huawei?: readonly { accessKey: string; secretKey: string }[];
    readonly huaweiTokens?: readonly string[];
    readonly alibaba?: readonly { accessKeyId: string; accessKeySecret: string; securityToken?: string }[];
  };
}

type Verifier = (request: { method: string; path: string; query: URLSearchParams; headers: Record<string, string>; body: Buffer }) => {
  caller?: Caller;
  /** HTTP status of the refusal. @default 401 */
  status?: number;
  code?: string;
  message?: string;
};

/**
 * The local cloud: every emulated service on one loopback port, with signature checks,
 * the services' own error shapes, a movable clock, fault injection and a log of calls.
 */
export class Emulator {
  readonly clock = new EmulatorClock();
  readonly calls = new CallLog();
  readonly faults = new FaultBook();
  readonly services: readonly EmulatorService[];
  private readonly verifiers: Record<string, Verifier>;
  private readonly server: Server;
  private fixture: Record<string, unknown>;
  private pending = 0;

  constructor(private readonly options: EmulatorOptions = {}) {
    const ctx: ServiceContext = { clock: this.clock, changed: () => this.persist() };
    const kms = new HuaweiKmsService(ctx);
    const alikms = new AlibabaKmsService(ctx);
    const iam = new HuaweiIamService(ctx, (r) => this.verifiers.huawei(r));
    this.services = [kms, new TaurusDbService(ctx, kms), new DwsService(ctx, kms), alikms, new AckService(ctx, alikms), iam, new EcsMetadataService(iam)];
    const hw = EMULATOR_CREDENTIALS.huawei;
    const ali = EMULATOR_CREDENTIALS.alibaba;
    // Alibaba's identity services: STS, instance metadata and a credentials URI, sharing the
    // identities and the temporary keys the gateway accepts until they expire.
    const identities = new AlibabaIdentities(this.clock);
    const sts = new AlibabaStsService(ctx, identities, (id) => alibabaGateway.account(id));
    this.services = [...this.services, sts, new AlibabaMetadataService(ctx, identities), new CredentialsUriService(identities)];
    const alibabaGateway = new AlibabaGateway([
      { accessKeyId: ali.accessKeyId, accessKeySecret: ali.accessKeySecret },
      { accessKeyId: ali.readOnlyAccessKeyId, accessKeySecret: ali.readOnlyAccessKeySecret, readOnly: true },
      { accessKeyId: ali.noPermissionAccessKeyId, accessKeySecret: ali.noPermissionAccessKeySecret, readOnly: true, noPermissions: true },
      { accessKeyId: ali.stsAccessKeyId, accessKeySecret: ali.stsAccessKeySecret, securityToken: ali.securityToken },
      ...(options.extraCredentials?.alibaba ?? []),
    ], identities);
    this.verifiers = {
      alibaba: (r) => alibabaGateway.verify(r),
      huawei: (r) =>
        verifyHuaweiRequest(
          r,
          iam.accounts([
            { accessKey: hw.accessKey, secretKey: hw.secretKey },
            { accessKey: hw.readOnlyAccessKey, secretKey: hw.readOnlySecretKey, readOnly: true },
            { accessKey: hw.noPermissionAccessKey, secretKey: hw.noPermissionSecretKey, readOnly: true, noPermissions: true },
            ...(options.extraCredentials?.huawei ?? []),
          ]),
          iam.gatewayTokens([hw.authToken, ...(options.extraCredentials?.huaweiTokens ?? [])]),
          this.clock.now(),
        ),
    };
    this.fixture = options.fixture ?? defaultFixture();
    const saved = options.stateFile ? readStateFile(options.stateFile, this.services.map((s) => s.name)) : undefined;
    try {
      this.load(saved ?? this.fixture);
    } catch (error) {
      if (!saved || !options.stateFile) throw error;
      throw new StateFileError(options.stateFile, `does not hold a state this emulator can load (${(error as Error).message})`);
    }
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 5_000;
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(this.options.port ?? 0, "127.0.0.1", () => resolve());
    });
    return this.url;
  }

  /** Requests received and not yet answered (a fault with `latency_ms` holds one open). */
  get inFlight(): number {
    return this.pending;
  }

  get url(): string {
    const address = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${address.port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /**
   * The variables a user exports to point the hook at this emulator. Connections go to the
   * emulator while requests keep the services' public host names, so the emulator learns the
   * region from the Host header as the cloud does (CDKTF_ENCRYPTION_ENDPOINT instead would be
   * region-blind: every host reads 127.0.0.1).
   */
  environment(): Record<string, string> {
    const hw = EMULATOR_CREDENTIALS.huawei;
    return {
      CDKTF_ENCRYPTION_CONNECT_TO: this.url,
      CDKTF_ENCRYPTION_HUAWEI_METADATA_URL: this.url,
      HW_ACCESS_KEY: hw.accessKey,
      HW_SECRET_KEY: hw.secretKey,
      HW_REGION_NAME: hw.region,
      HW_PROJECT_ID: hw.projectId,
      ALIBABA_CLOUD_ACCESS_KEY_ID: EMULATOR_CREDENTIALS.alibaba.accessKeyId,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: EMULATOR_CREDENTIALS.alibaba.accessKeySecret,
      ALIBABA_CLOUD_REGION: EMULATOR_CREDENTIALS.alibaba.region,
      CDKTF_ENCRYPTION_ALIBABA_METADATA_URL: this.url,
    };
  }

  snapshot(): Record<string, unknown> {
    const state: Record<string, unknown> = {};
    for (const service of this.services) state[service.name] = service.snapshot();
    return state;
  }

  reset(fixture?: Record<string, unknown>): void {
    if (fixture) this.fixture = fixture;
    this.calls.clear();
    this.faults.clear();
    this.clock.set(Date.now());
    this.clock.setRate(1);
    this.load(this.fixture);
    this.persist();
  }

  service<T extends EmulatorService>(name: string): T {
    const service = this.services.find((s) => s.name === name);
    if (!service) throw new Error(`no emulated service ${name}`);
    return service as T;
  }

  private load(world: Record<string, unknown>): void {
    for (const service of this.services) service.load(world[service.name]);
  }

  private persist(): void {
    if (this.options.stateFile) writeFileSync(this.options.stateFile, `${JSON.stringify(this.snapshot(), null, 2)}\n`);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.pending++;
    try {
      await this.handleRequest(req, res);
    } finally {
      this.pending--;
    }
  }

  private async handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const url = new URL(req.url ?? "/", "http://emulator");
    try {
      if (url.pathname.startsWith("/_emulator/")) {
        const refusal = refuseAdminRequest(req.headers, (this.server.address() as AddressInfo).port);
        this.send(res, refusal ? new HttpReply(403, { error: refusal }) : this.admin(req.method ?? "GET", url, body));
        return;
      }
      await this.api(req, res, url, body);
    } catch (error) {
      if (error instanceof HttpReply) this.send(res, error);
      else this.send(res, new HttpReply(500, { error: String(error) }));
    }
  }

  private async api(req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer): Promise<void> {
    const method = req.method ?? "GET";
    const match = this.route(method, url.pathname, req.headers["x-acs-action"] ?? url.searchParams.get("Action") ?? undefined, req.headers.host);
    // Alibaba's request ids are upper-case UUIDs (cloud-apis.md §3).
    const requestId = match?.service.signing === "alibaba" ? randomUUID().toUpperCase() : randomUUID();
    if (!match) {
      this.send(res, new HttpReply(404, { error_code: "APIGW.0101", error_msg: "The API does not exist or has not been published in the environment." }));
      return;
    }
    const { service, route, params } = match;
    let caller: Caller | undefined;
    const record = (status: number, extra: { performed?: boolean; fault?: string } = {}) =>
      this.calls.add({
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
    const verdict = service.authenticate ? service.authenticate(raw) : this.verifiers[service.signing](raw);
    caller = verdict.caller;
    if (!verdict.caller) {
      record(verdict.status ?? 401);
      this.send(res, service.errorReply(verdict.status ?? 401, verdict.code ?? "Unauthorized", verdict.message ?? "unauthorized", requestId));
      return;
    }
    const fault = this.faults.take(service.name, route.operation, method, url.pathname, this.clock.now(), service.signing);
    if (fault?.hold_until) await this.holdUntil(fault.hold_until, fault.latency_ms ?? 60_000);
    else if (fault?.latency_ms) await new Promise((r) => setTimeout(r, fault.latency_ms));
    if (fault && !fault.after && (await this.injectFault(res, service, fault, requestId, record))) return;

    let reply: HttpReply;
    let parsed: unknown;
    try {
      parsed = !body.length ? undefined : headers["content-type"]?.startsWith("application/x-www-form-urlencoded") ? Object.fromEntries(new URLSearchParams(body.toString("utf8"))) : JSON.parse(body.toString("utf8"));
    } catch {
      record(400);
      this.send(res, service.errorReply(400, "APIGW.0201", "Request body is not valid JSON.", requestId));
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
    if (fault?.after && (await this.injectFault(res, service, fault, requestId, (status, extra) => record(status, { ...extra, performed })))) return;
    record(reply.status, { performed });
    this.send(res, new HttpReply(reply.status, reply.body, { [service.requestIdHeader]: requestId, ...reply.headers }));
  }

  /** Resolves once the call log holds `barrier.calls` calls of `barrier.operation`, or after `limitMs`. */
  private async holdUntil(barrier: { operation: string; calls: number }, limitMs: number): Promise<void> {
    const started = Date.now();
    const reached = () => this.calls.list().filter((c) => c.operation === barrier.operation).length >= barrier.calls;
    while (!reached() && Date.now() - started < limitMs) await new Promise((r) => setTimeout(r, 5));
  }

  /** Sends the fault's answer; false when the fault only delays. */
  private async injectFault(
    res: ServerResponse,
    service: EmulatorService,
    fault: FaultRule,
    requestId: string,
    record: (status: number, extra: { fault: string }) => void,
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
      this.send(res, new HttpReply(status, fault.json, { [service.requestIdHeader]: requestId }));
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
      this.send(res, new HttpReply(fault.status, reply.body, headers));
      return true;
    }
    return false;
  }

  private route(
    method: string,
    path: string,
    action: string | string[] | undefined,
    host: string | undefined,
  ): { service: EmulatorService; route: Route; params: Record<string, string> } | undefined {
    for (const service of this.services) {
      if (!hostServes(host, service.name)) continue;
      for (const route of service.routes) {
        if (route.method !== method || (route.action !== undefined && route.action !== action)) continue;
        const m = route.pattern.exec(path);
        if (m) {
          const params: Record<string, string> = {};
          for (const [k, v] of Object.entries(m.groups ?? {})) params[k] = decodeURIComponent(v);
          return { service, route, params };
        }
      }
    }
    return undefined;
  }

  private admin(method: string, url: URL, body: Buffer): HttpReply {
    const input = body.length ? (JSON.parse(body.toString("utf8")) as Record<string, unknown>) : {};
    const route = `${method} ${url.pathname}`;
    switch (route) {
      case "GET /_emulator/state":
        return new HttpReply(200, { clock: this.clock.describe(), ...this.snapshot() });
      case "GET /_emulator/calls":
        return new HttpReply(200, { calls: this.calls.list(Number(url.searchParams.get("since") ?? 0)) });
      case "DELETE /_emulator/calls":
        this.calls.clear();
        return new HttpReply(200, { ok: true });
      case "GET /_emulator/faults":
        return new HttpReply(200, { faults: this.faults.list() });
      case "POST /_emulator/faults":
        this.faults.add((input.faults as FaultRule[] | undefined) ?? (input as FaultRule));
        return new HttpReply(200, { faults: this.faults.list() });
      case "DELETE /_emulator/faults":
        this.faults.clear();
        return new HttpReply(200, { faults: [] });
      case "GET /_emulator/clock":
        return new HttpReply(200, this.clock.describe());
      case "POST /_emulator/clock":
        if (typeof input.advance_seconds === "number") this.clock.advance(input.advance_seconds);
        if (typeof input.set === "string") this.clock.set(Date.parse(input.set));
        if (typeof input.rate === "number") this.clock.setRate(input.rate);
        return new HttpReply(200, this.clock.describe());
      case "POST /_emulator/reset":
        this.reset(input.fixture as Record<string, unknown> | undefined);
        return new HttpReply(200, { clock: this.clock.describe(), ...this.snapshot() });
      case "POST /_emulator/resources": {
        const { service, id, ...fields } = input as { service: string; id: string } & Record<string, unknown>;
        this.service(service).patch(id, fields);
        return new HttpReply(200, { ok: true });
      }
      default:
        return new HttpReply(404, {
          error: `unknown admin route ${route}`,
          routes: [
            "GET /_emulator/state",
            "GET|DELETE /_emulator/calls",
            "GET|POST|DELETE /_emulator/faults",
            "GET|POST /_emulator/clock",
            "POST /_emulator/reset",
            "POST /_emulator/resources",
          ],
        });
    }
  }

  private send(res: ServerResponse, reply: HttpReply): void {
    const text = typeof reply.body === "string" && reply.headers["content-type"]?.startsWith("text/plain") ? reply.body : JSON.stringify(reply.body);
    res.writeHead(reply.status, { "content-type": "application/json", date: new Date(this.clock.now()).toUTCString(), ...reply.headers });
    res.end(text);
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function lowerHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(",") : value;
  }
  return out;
}
