import { writeFileSync } from "node:fs";
import { IncomingMessage, Server, ServerResponse, createServer } from "node:http";
import { AddressInfo } from "node:net";
import { answerAdminRequest } from "./admin-api";
import { CallLog } from "./call-log";
import { CloudApiParts, handleCloudApiRequest } from "./cloud-api-handler";
import { EmulatorClock } from "./emulator-clock";
import { EmulatorService, ServiceContext } from "./emulator-service";
import { FaultBook } from "./faults";
import { EMULATOR_CREDENTIALS, defaultFixture } from "./fixture";
import { HttpReply, writeReply } from "./http-reply";
import { Authenticator, isAdminPath } from "./router";
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

/**
 * The local cloud: every emulated service on one loopback port, with signature checks,
 * the services' own error shapes, a movable clock, fault injection and a log of calls.
 *
 * The composition root: it creates the clock, call log, fault book, services and gateways,
 * loads the state and wires them together. A request goes to the admin API (`admin-api.ts`)
 * or, through the router (`router.ts`), to its service (`cloud-api-handler.ts`), where faults
 * apply (`fault-injection.ts`).
 */
export class Emulator {
  readonly clock = new EmulatorClock();
  readonly calls = new CallLog();
  readonly faults = new FaultBook();
  readonly services: readonly EmulatorService[];
  private readonly gateways: Record<string, Authenticator>;
  private readonly cloudApi: CloudApiParts;
  private readonly server: Server;
  private fixture: Record<string, unknown>;
  private pending = 0;

  constructor(private readonly options: EmulatorOptions = {}) {
    const ctx: ServiceContext = { clock: this.clock, changed: () => this.persist() };
    const kms = new HuaweiKmsService(ctx);
    const alikms = new AlibabaKmsService(ctx);
    const iam = new HuaweiIamService(ctx, (r) => this.gateways.huawei(r));
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
    this.gateways = {
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
    this.cloudApi = { services: this.services, gateways: this.gateways, faults: this.faults, calls: this.calls, clock: this.clock };
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
      const body = await readBody(req);
      const url = new URL(req.url ?? "/", "http://emulator");
      try {
        if (isAdminPath(url.pathname)) {
          const port = (this.server.address() as AddressInfo).port;
          writeReply(res, answerAdminRequest(this, { method: req.method ?? "GET", url, headers: req.headers, body }, port), this.clock.now());
          return;
        }
        await handleCloudApiRequest(this.cloudApi, req, res, url, body);
      } catch (error) {
        writeReply(res, error instanceof HttpReply ? error : new HttpReply(500, { error: String(error) }), this.clock.now());
      }
    } finally {
      this.pending--;
    }
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
