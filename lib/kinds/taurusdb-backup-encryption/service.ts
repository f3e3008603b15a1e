import { huaweiBaseUrl } from "../../cloud/huawei/huawei-endpoints";
import { BackupEncryptionStatus, TaurusDbClient } from "../../cloud/huawei/taurusdb-client";
import { pageByArrival } from "../../cloud/paged-listing";
import { CloudService, EncryptionRead, firstLine } from "../kind-definition";

const PAGE = 100;

/**
 * TaurusDB: instances are listed by ListGaussMySqlInstances, paged by arrival, and each page's
 * instances have their backup encryption read as soon as the page arrives, while the next page
 * is asked for.
 */
/** What the inventory keeps of an instance: its backup encryption answer. */
export interface TaurusDbInventoryRead {
  readonly backupEncryption: BackupEncryptionStatus;
}

export const TAURUSDB_SERVICE: CloudService<TaurusDbInventoryRead> = {
  id: "taurusdb",
  cloud: "huaweicloud",
  title: "TaurusDB",
  noun: "TaurusDB instance",
  probe: {
    operation: "ListGaussMySqlInstances",
    baseUrl: (region, env) => huaweiBaseUrl("taurusdb", region, env),
    count: async (location, options, credentials) =>
      (await new TaurusDbClient({ ...options, region: location.region, projectId: location.projectId ?? "", credentials: credentials.huawei }).listInstances(0, 1)).totalCount,
  },
  inventory: {
    async list(location, context) {
      const identity = location.identity?.cloud === "huaweicloud" ? location.identity : undefined;
      const taurus = new TaurusDbClient({ ...context.client, region: location.region, projectId: location.projectId ?? "", identity });
      const readPage = async (instances: readonly { id: string; name?: string; status?: string }[]) => {
        context.listed(instances.length);
        await Promise.all(
          instances.map(async (i) => {
            const { encryption, answer } = await context.run(() => taurusEncryption(taurus, i.id));
            context.read();
            context.found({ id: i.id, name: i.name, status: i.status, encryption, read: answer });
          }),
        );
      };
      const reads: Promise<void>[] = [];
      const listing = await pageByArrival(
        async (index) => {
          const page = await context.run(() => taurus.listInstances(index * PAGE, PAGE));
          return { items: page.instances, totalCount: page.totalCount };
        },
        { pageSize: PAGE, idOf: (i) => i.id, noun: "instances", onItems: (instances) => reads.push(readPage(instances)) },
      ).finally(() => Promise.all(reads));
      if (listing.incomplete) context.incomplete(`TaurusDB ListGaussMySqlInstances on project ${location.projectId}: ${listing.incomplete}`);
    },
  },
};

async function taurusEncryption(taurus: TaurusDbClient, instanceId: string): Promise<EncryptionRead<TaurusDbInventoryRead>> {
  try {
    // TaurusDB reports on/off only: the key id is not returned (cloud-apis.md §2).
    const backupEncryption = await taurus.getBackupEncryption(instanceId);
    return { encryption: { state: backupEncryption }, answer: { backupEncryption } };
  } catch (error) {
    return { encryption: { state: "unknown", error: firstLine(error) } };
  }
}
