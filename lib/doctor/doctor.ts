import { alibabaCredentialChain } from "../cloud/alibaba/credentials/alibaba-credential-chain";
import { CloudError } from "../cloud/cloud-error";
import { SourceTried } from "../cloud/credentials/source-tried";
import { huaweiCredentialProvider } from "../cloud/huawei/huawei-credentials";
import { describeRoute, routeFor } from "../cloud/network-route";
import { describeIdentity } from "../contract/declared-identity";
import { servicesOf } from "../kinds/index";
import { CloudCredentials, CloudService } from "../kinds/kind-definition";
import { DoctorService, DoctorTarget } from "./doctor-targets";
import { isAuthenticationRefusal } from "../cloud/authentication-refusal";

/**
 * ready: the read succeeded. no-credentials: no credential source answered (nothing sent).
 * unreachable: no answer from the endpoint (or the proxy). unauthenticated: the gateway refused
 * the signature or keys. unauthorised: the identity may not read this service.
 * error: anything else (bad endpoint setting, unexpected answer).
 */
export type Readiness = "ready" | "no-credentials" | "unreachable" | "unauthenticated" | "unauthorised" | "error";

/** The one signed read made per service, and what its answer proved. */
export interface DoctorRead {
  readonly operation: string;
  readonly sent: boolean;
  readonly reachable: boolean;
  readonly authenticated: boolean;
  readonly authorised: boolean;
  /** How many resources of the service the identity sees in the region (project). */
  readonly visible?: number;
  /** The exact refusal, one line. */
  readonly error?: string;
}

export interface DoctorCheck {
  readonly cloud: "Huawei Cloud" | "Alibaba Cloud";
  readonly service: DoctorService;
  /** "GaussDB(DWS)", "TaurusDB", "ACK". */
  readonly title: string;
  readonly region: string;
  readonly projectId?: string;
  /** The identity declared for the resources (or named by the flags) that the check acts as. */
  readonly identity?: string;
  /** The credential source and identity (`describe()`), or why there is none. */
  readonly credentials: { readonly source?: string; readonly error?: string };
  /**
   * The sources the cloud's chain tried, in its order (the Terraform provider's), and why each
   * before the used one was passed over; absent for a chain that does not tell.
   */
  readonly sourcesTried?: readonly SourceTried[];
  /** The base URL requests go to; undefined when the endpoint settings are invalid. */
  readonly endpoint?: string;
  /** How requests leave this machine: direct, through a proxy, or to a connect-to address. */
  readonly network?: {
    readonly route: string;
    readonly proxy?: string;
    readonly proxyVariable?: string;
    readonly connectTo?: string;
    /** NODE_EXTRA_CA_CERTS: a private CA trusted besides the system's (TLS-inspecting proxies, private endpoints). */
    readonly extraCaCerts?: string;
  };
  readonly read: DoctorRead;
  readonly status: Readiness;
  readonly usedBy: readonly string[];
}

export interface DoctorReport {
  readonly ready: boolean;
  readonly summary: string;
  readonly checks: readonly DoctorCheck[];
  /** Declarations that could not be checked (region known only at deploy, …): not ready. */
  readonly problems: readonly string[];
}

export interface DoctorOptions {
  readonly env: NodeJS.ProcessEnv;
  /** Per-attempt timeout of the read. */
  readonly timeoutMs: number;
}

/** The credentials of one check: the environment's chain, assuming the target's declared identity when it names one. */
function providersFor(target: DoctorTarget, env: NodeJS.ProcessEnv): CloudCredentials {
  const identity = target.identity;
  return {
    huawei: huaweiCredentialProvider(env, { agency: identity?.cloud === "huaweicloud" ? identity : undefined }),
    alibaba: alibabaCredentialChain(env, { identity: identity?.cloud === "alibabacloud" ? identity : undefined }),
  };
}

/** The service a target names, from the registry of kinds. */
function serviceOf(target: DoctorTarget): CloudService {
  const service = servicesOf().find((s) => s.id === target.service);
  if (!service) throw new Error(`no kind acts on service ${target.service}`);
  return service;
}

/**
 * Can this environment deploy these services? For each: the endpoint and route, the credential
 * source and identity, then one harmless signed read (a list call) whose answer says whether
 * the endpoint is reachable, the keys authenticated and the identity authorised to read.
 * Write permissions cannot be proved without writing: the services judge those at deploy.
 */
export async function runDoctor(targets: readonly DoctorTarget[], problems: readonly string[], options: DoctorOptions): Promise<DoctorReport> {
  const checks = await Promise.all(targets.map((target) => checkTarget(target, providersFor(target, options.env), options)));
  const ready = checks.filter((c) => c.status === "ready").length;
  const notReady = checks.length - ready + problems.length;
  return {
    ready: notReady === 0 && checks.length > 0,
    summary: `${checks.length} service check${checks.length === 1 ? "" : "s"}: ${ready} ready, ${checks.length - ready} not ready${problems.length ? `; ${problems.length} declaration${problems.length === 1 ? "" : "s"} not checked` : ""}`,
    checks,
    problems,
  };
}

async function checkTarget(target: DoctorTarget, providers: CloudCredentials, options: DoctorOptions): Promise<DoctorCheck> {
  const service = serviceOf(target);
  const probe = service.probe;
  const cloud: DoctorCheck["cloud"] = service.cloud === "huaweicloud" ? "Huawei Cloud" : "Alibaba Cloud";
  const identity = target.identity ? describeIdentity(target.identity) : undefined;
  const base = { cloud, service: target.service, title: service.title, region: target.region, projectId: target.projectId, identity, usedBy: target.usedBy };
  const unsent = { operation: probe.operation, sent: false, reachable: false, authenticated: false, authorised: false };

  let endpoint: URL;
  let network: DoctorCheck["network"];
  try {
    endpoint = probe.baseUrl(target.region, options.env);
    const route = routeFor(endpoint, options.env);
    network = {
      route: describeRoute(route),
      proxy: route.proxy?.url,
      proxyVariable: route.proxy?.variable,
      connectTo: route.connectTo?.text,
      extraCaCerts: options.env.NODE_EXTRA_CA_CERTS?.trim() || undefined,
    };
  } catch (error) {
    return { ...base, credentials: {}, read: { ...unsent, error: messageOf(error) }, status: "error" };
  }

  const provider = service.cloud === "huaweicloud" ? providers.huawei : providers.alibaba;
  const tried = () => (provider.sourcesTried ? { sourcesTried: provider.sourcesTried() } : {});
  try {
    await provider.get();
  } catch (error) {
    return { ...base, credentials: { error: messageOf(error) }, ...tried(), endpoint: endpoint.href, network, read: unsent, status: "no-credentials" };
  }
  const credentials = { source: provider.describe() };
  const present = { ...base, credentials, ...tried(), endpoint: endpoint.href, network };

  try {
    const visible = await probe.count(target, { env: options.env, timeoutMs: options.timeoutMs, maxAttempts: 2, backoffBaseMs: 200, busyRetryMs: 0 }, providers);
    return { ...present, read: { operation: probe.operation, sent: true, reachable: true, authenticated: true, authorised: true, visible }, status: "ready" };
  } catch (error) {
    return { ...present, ...classify(error, probe.operation) };
  }
}

function classify(error: unknown, operation: string): Pick<DoctorCheck, "read" | "status"> {
  const read = { operation, sent: true, error: messageOf(error) };
  if (!(error instanceof CloudError)) return { read: { ...read, reachable: false, authenticated: false, authorised: false }, status: "error" };
  if (error.status === undefined) return { read: { ...read, reachable: false, authenticated: false, authorised: false }, status: "unreachable" };
  if (isAuthenticationRefusal(error)) return { read: { ...read, reachable: true, authenticated: false, authorised: false }, status: "unauthenticated" };
  if (error.status === 403) return { read: { ...read, reachable: true, authenticated: true, authorised: false }, status: "unauthorised" };
  return { read: { ...read, reachable: true, authenticated: true, authorised: false }, status: "error" };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
