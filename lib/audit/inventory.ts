import { AckClient, AckClusterDetail } from "../cloud/alibaba/ack-client";
import { CloudError } from "../cloud/cloud-error";
import { Clock, systemClock } from "../runtime/clock";
import { DwsClient } from "../cloud/huawei/dws-client";
import { TaurusDbClient } from "../cloud/huawei/taurusdb-client";
import { Log, silentLog } from "../runtime/log";
import { AuditScope, scopeName } from "./audit-scope";
import { AuditedService } from "./declarations";
import { ConcurrencyLimit } from "../runtime/concurrency-limit";
import { pageByArrival } from "./paged-listing";

/** One resource an account holds, with its encryption as read live. */
export interface LiveResource {
  readonly cloud: "huawei" | "alibaba";
  readonly service: AuditedService;
  readonly region: string;
  readonly projectId?: string;
  readonly id: string;
  readonly name?: string;
  /** The service's own status word: AVAILABLE, ACTIVE, running, … */
  readonly status?: string;
  readonly encryption: LiveEncryption;
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

/** What one scope holds, or why it could not be listed. */
export interface ScopeInventory {
  readonly scope: AuditScope;
  readonly resources: LiveResource[];
  /** One line per service that could not be listed (unreachable, denied, …). */
  readonly errors: string[];
  /** When the reads of this scope started and ended (ISO 8601). */
  readonly readFrom: string;
  readonly readUntil: string;
}

export interface InventoryOptions {
  readonly env: NodeJS.ProcessEnv;
  readonly concurrency: number;
  readonly timeoutMs: number;
  readonly clock?: Clock;
  readonly log?: Log;
}

const TAURUSDB_PAGE = 100;
const ACK_PAGE = 100;
const ALGORITHMS: Record<string, string> = { generalCipher: "AES", SMcompatible: "SM4" };

/**
 * Lists every DWS cluster, TaurusDB instance and ACK cluster of the scopes and reads each one's
 * encryption. All calls share one concurrency budget; paging follows what arrives (pageByArrival),
 * and a listing that may miss resources is named in the scope's errors.
 */
export async function takeInventory(scopes: readonly AuditScope[], options: InventoryOptions): Promise<ScopeInventory[]> {
  const limiter = new ConcurrencyLimit(options.concurrency);
  const log = options.log ?? silentLog;
  const clock = options.clock ?? systemClock;
  const client = { env: options.env, clock, log, timeoutMs: options.timeoutMs, maxAttempts: 3 };
  let listed = 0;
  let read = 0;
  const progress = () => log.progress(`audit: ${listed} resources listed, encryption read for ${read}`);

  return Promise.all(
    scopes.map(async (scope): Promise<ScopeInventory> => {
      const readFrom = new Date(clock.now()).toISOString();
      const resources: LiveResource[] = [];
      const errors: string[] = [];
      const guard = async (service: string, work: () => Promise<void>) => {
        try {
          await work();
        } catch (error) {
          // A cloud error names its service and operation already.
          errors.push(error instanceof CloudError ? oneLine(error) : `${service}: ${oneLine(error)}`);
        }
      };
      if (scope.cloud === "huawei") {
        const base = { cloud: "huawei" as const, region: scope.region, projectId: scope.projectId };
        const dws = new DwsClient({ ...client, region: scope.region, projectId: scope.projectId, identity: scope.identity });
        const taurus = new TaurusDbClient({ ...client, region: scope.region, projectId: scope.projectId, identity: scope.identity });
        await Promise.all([
          guard("GaussDB(DWS)", async () => {
            const clusters = await limiter.run(() => dws.listClusters());
            listed += clusters.length;
            await Promise.all(
              clusters.map(async (c) => {
                const encryption = await limiter.run(() => dwsEncryption(dws, c.id));
                read++;
                if (read % 200 === 0) progress();
                resources.push({ ...base, service: "dws", id: c.id, name: c.name, status: c.status, encryption });
              }),
            );
          }),
          guard("TaurusDB", async () => {
            // Each page's instances are read as soon as the page arrives, while the next page is asked for.
            const readPage = async (page: { instances: readonly { id: string; name?: string; status?: string }[] }) => {
              listed += page.instances.length;
              await Promise.all(
                page.instances.map(async (i) => {
                  const encryption = await limiter.run(() => taurusEncryption(taurus, i.id));
                  read++;
                  if (read % 200 === 0) progress();
                  resources.push({ ...base, service: "taurusdb", id: i.id, name: i.name, status: i.status, encryption });
                }),
              );
            };
            const reads: Promise<void>[] = [];
            const listing = await pageByArrival(
              async (index) => {
                const page = await limiter.run(() => taurus.listInstances(index * TAURUSDB_PAGE, TAURUSDB_PAGE));
                return { items: page.instances, totalCount: page.totalCount };
              },
              { pageSize: TAURUSDB_PAGE, idOf: (i) => i.id, noun: "instances", onItems: (instances) => reads.push(readPage({ instances })) },
            ).finally(() => Promise.all(reads));
            if (listing.incomplete) errors.push(`TaurusDB ListGaussMySqlInstances on project ${scope.projectId}: ${listing.incomplete}`);
          }),
        ]);
      } else {
        const ack = new AckClient({ ...client, region: scope.region, identity: scope.identity });
        await guard("ACK", async () => {
          const clusters: AckClusterDetail[] = [];
          const listing = await pageByArrival(
            async (index) => {
              const page = await limiter.run(() => ack.describeClustersV1(scope.region, index + 1, ACK_PAGE));
              return { items: page.clusters, totalCount: page.totalCount };
            },
            { pageSize: ACK_PAGE, idOf: (c) => c.clusterId, noun: "clusters", onItems: (page) => clusters.push(...page) },
          );
          if (listing.incomplete) errors.push(`ACK DescribeClustersV1 on region ${scope.region}: ${listing.incomplete}`);
          listed += clusters.length;
          for (const c of clusters) {
            resources.push({
              cloud: "alibaba",
              service: "ack",
              region: scope.region,
              id: c.clusterId,
              name: c.name,
              status: c.state,
              encryption: c.encryption.unreadable
                ? { state: "unknown", error: "meta_data is not JSON" }
                : { state: c.encryption.enabled ? "on" : "off", keyId: c.encryption.kmsKeyId },
            });
          }
        });
      }
      log.progress(`audit: ${scopeName(scope)}: ${resources.length} resources${errors.length ? `, ${errors.length} service(s) not listed` : ""}`);
      resources.sort((a, b) => `${a.service}/${a.id}`.localeCompare(`${b.service}/${b.id}`));
      errors.sort();
      return { scope, resources, errors, readFrom, readUntil: new Date(clock.now()).toISOString() };
    }),
  );
}

async function dwsEncryption(dws: DwsClient, clusterId: string): Promise<LiveEncryption> {
  try {
    const { encryption } = await dws.getEncryptInfo(clusterId);
    if (!encryption) return { state: "off" };
    return {
      state: "on",
      keyId: encryption.masterKeyId,
      keyName: encryption.masterKeyName,
      algorithm: encryption.cryptAlgorithm ? (ALGORITHMS[encryption.cryptAlgorithm] ?? encryption.cryptAlgorithm) : undefined,
      lastRotation: encryption.lastRotateKeyTime,
    };
  } catch (error) {
    return { state: "unknown", error: oneLine(error) };
  }
}

async function taurusEncryption(taurus: TaurusDbClient, instanceId: string): Promise<LiveEncryption> {
  try {
    // TaurusDB reports on/off only: the key id is not returned (cloud-apis.md §2).
    return { state: await taurus.getBackupEncryption(instanceId) };
  } catch (error) {
    return { state: "unknown", error: oneLine(error) };
  }
}

function oneLine(error: unknown): string {
  return error instanceof CloudError || error instanceof Error ? error.message.split("\n")[0] : String(error);
}
