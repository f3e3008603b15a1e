import { AlibabaCredentials } from "../cloud/alibaba/alibaba-credentials";
import { ClientOptions } from "../cloud/client-options";
import { CredentialProvider } from "../cloud/credential-provider";
import { HuaweiCredentials } from "../cloud/huawei/huawei-credentials";
import { DeclaredIdentity, describeIdentity } from "../contract/declared-identity";
import { SpecMap } from "../contract/spec";
import { Action, ReconcileContext, Reconciler } from "../reconcile/reconciler";

/**
 * Everything the hook, review, drift, audit, doctor and synth checks need to know about one
 * kind of Spec. Those layers reach a kind only through this interface, from the registry in
 * `./index.ts`; docs/kinds.md describes each member.
 */
export interface KindDefinition<S = unknown, O = unknown, R = unknown> {
  /** The Spec's `kind` field: `taurusdb.backup-encryption`. */
  readonly kind: string;
  /** "TaurusDB backup encryption". */
  readonly title: string;
  /** Validates a Spec map into the kind's typed Spec; throws SpecError naming the field. */
  parse(map: SpecMap): S;
  reconciler(ctx: ReconcileContext): Reconciler<S, O>;
  /** The declared state in plain words, for review: "encrypted backup on with KMS key b82f…, removal policy RETAIN". */
  summarize(spec: S): string;
  /**
   * What the cloud reads when this Spec holds, so review can plan a change offline as
   * `plan(after, assumeObserved(before))` without calling the cloud.
   */
  assumeObserved(spec: S): O;
  /**
   * What review assumes the cloud reads before a newly declared hook first runs, when it
   * cannot look (no `--live`): the state from which applying the Spec has the most to do, so
   * a reviewer approves the worst case ("convert …, irreversible"). Without it, review
   * describes a create by `summarize` alone.
   */
  assumeUnmanaged?(spec: S): O;
  /** The cloud resource a Spec of this kind declares the state of: its service and the Spec fields naming it. */
  readonly resource: ResourceOfKind<R>;
  /**
   * What the hook observes when it runs after hooks of the same deploy that it depends on have
   * acted (`earlier`, in deploy order). Review plans the hook from this reading, so a change
   * two hooks would both make shows once, where the deploy makes it. Without it, the reading
   * is the cloud's as observed (or assumed).
   */
  afterEarlierSteps?(spec: S, observed: O, earlier: readonly EarlierStep[]): SequencedReading;
  /**
   * The observed state `plan` takes, built from audit's inventory read of the resource with no
   * further call (what the kind's service kept of its answers), so audit judges drift as `drift`
   * does; `now` (epoch ms) stands for the service's clock when it was not read. Undefined when
   * the read cannot say.
   */
  observedFromInventory(read: R, now: number): O | undefined;
  /** `plan` decides when the key is due for rotation: audit's `--max-key-age` then does not apply. @default false */
  readonly plansKeyRotation?: boolean;
}

/** The resource a kind declares the state of. */
export interface ResourceOfKind<R = unknown> {
  readonly service: CloudService<R>;
  /**
   * The Spec fields that name the one resource, scope first, the resource id last:
   * `["region", "project_id", "cluster_id"]`. Equal values: the same resource.
   */
  readonly keyFields: readonly string[];
}

/** The clouds, by the names their identities and Terraform providers use. */
export type CloudName = "huaweicloud" | "alibabacloud";

/**
 * One cloud service whose resources kinds declare: how `audit` lists them and reads their
 * encryption, and how `doctor` proves the environment may read it. Kinds acting on one
 * service (DWS cluster encryption and DWS key rotation) share one.
 */
export interface CloudService<R = unknown> {
  /** "dws", "taurusdb", "ack": the name audit and doctor reports use. */
  readonly id: string;
  readonly cloud: CloudName;
  /** "GaussDB(DWS)". */
  readonly title: string;
  /** The resource, in words: "GaussDB(DWS) cluster". */
  readonly noun: string;
  readonly probe: ServiceProbe;
  readonly inventory: ServiceInventory<R>;
}

/** The one harmless signed read `doctor` makes of a service. */
export interface ServiceProbe {
  /** The API operation, as the service names it: "ListClusters". */
  readonly operation: string;
  /** The base URL requests go to; throws on invalid endpoint settings. */
  baseUrl(region: string, env: NodeJS.ProcessEnv): URL;
  /** How many resources the identity sees in the region (and project). */
  count(location: ServiceLocation, options: ClientOptions, credentials: CloudCredentials): Promise<number>;
}

/** The credentials of one check or listing: a provider per cloud. */
export interface CloudCredentials {
  readonly huawei: CredentialProvider<HuaweiCredentials>;
  readonly alibaba: CredentialProvider<AlibabaCredentials>;
}

/** Where a service is read: one region, and on Huawei Cloud one project, as one identity. */
export interface ServiceLocation {
  readonly region: string;
  /** Huawei Cloud only. */
  readonly projectId?: string;
  /** The identity to act as. @default the environment's own */
  readonly identity?: DeclaredIdentity;
}

/** How `audit` lists a service's resources in one location and reads each one's encryption. */
export interface ServiceInventory<R = unknown> {
  /**
   * Lists every resource and reads its encryption, reporting each through `context.found`.
   * Throws when the service cannot be listed; a read of one resource that fails is that
   * resource's `unknown` encryption, not a failure of the listing.
   */
  list(location: ServiceLocation, context: InventoryContext<R>): Promise<void>;
}

export interface InventoryContext<R = unknown> {
  /** Client options shared by the audit's calls (environment, clock, log, timeout, attempts). */
  readonly client: ClientOptions;
  /** Runs one call within the audit's shared concurrency budget. */
  run<T>(call: () => Promise<T>): Promise<T>;
  /** `count` more resources were listed (for progress). */
  listed(count: number): void;
  /** One more resource's encryption was read (for progress). */
  read(): void;
  found(resource: InventoriedResource<R>): void;
  /** The listing may miss resources: why, in one line naming the service, operation and scope. */
  incomplete(message: string): void;
}

/** One resource as listed, with its encryption as read live. */
export interface InventoriedResource<R = unknown> {
  readonly id: string;
  readonly name?: string;
  /** The service's own status word: AVAILABLE, ACTIVE, running, … */
  readonly status?: string;
  readonly encryption: LiveEncryption;
  /** The service's answers the encryption was read from, for `observedFromInventory`; undefined when the read failed. */
  readonly read?: R;
}

/** What one encryption read tells a report, and the services' answer it came from. */
export interface EncryptionRead<R> {
  readonly encryption: LiveEncryption;
  readonly answer?: R;
}

export interface LiveEncryption {
  /** `unknown` when the read failed or the answer did not say. */
  readonly state: "on" | "off" | "unknown";
  readonly keyId?: string;
  readonly keyName?: string;
  /** `AES` or `SM4` where the service reports it (DWS). */
  readonly algorithm?: string;
  /** DWS `last_rotate_key_time`, as DWS writes it (UTC). */
  readonly lastRotation?: string;
  /** One line: why the state is unknown. */
  readonly error?: string;
}

/** A hook run that this deploy makes before a later one, as review planned it. */
export interface EarlierStep {
  readonly address: string;
  readonly kind: string;
  readonly spec: unknown;
  readonly actions: readonly Action[];
}

/** What a later hook reads once the earlier hooks of the same deploy have acted. */
export interface SequencedReading {
  readonly observed: unknown;
  /** The earlier hook whose actions the reading includes. */
  readonly after?: string;
}

/**
 * A kind's definition as the registry holds it: every kind's summary ends with the identity
 * the resource is managed as, when one is declared.
 */
export function defineKind<S extends { readonly identity?: DeclaredIdentity }, O, R>(definition: KindDefinition<S, O, R>): KindDefinition {
  const summarize = (spec: S) => (spec.identity ? `${definition.summarize(spec)}; managed as ${describeIdentity(spec.identity)}` : definition.summarize(spec));
  return { ...definition, summarize } as unknown as KindDefinition;
}

/** One line of an error: its first line, without the stack. */
export function firstLine(error: unknown): string {
  return error instanceof Error ? error.message.split("\n")[0] : String(error);
}
