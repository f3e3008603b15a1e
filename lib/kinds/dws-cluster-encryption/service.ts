import { describeCryptAlgorithm } from "../../cloud/huawei/dws-crypt-algorithm";
import { DwsClient, DwsClusterSummary, DwsEncryptInfoResult } from "../../cloud/huawei/dws-client";
import { huaweiBaseUrl } from "../../cloud/huawei/huawei-endpoints";
import { CloudService, EncryptionRead, LiveEncryption, ServiceLocation, firstLine } from "../kind-definition";


const agencyOf = (location: ServiceLocation) => (location.identity?.cloud === "huaweicloud" ? location.identity : undefined);

/**
 * GaussDB(DWS), the service of both DWS kinds (cluster encryption and key rotation): clusters
 * are listed by ListClusters (one answer, no paging) and each one's encryption read by its
 * encryption info.
 */
/** What the inventory keeps of a cluster: its ListClusters item and its encrypt-info answer. */
export interface DwsInventoryRead {
  readonly cluster: DwsClusterSummary;
  readonly encryptInfo: DwsEncryptInfoResult;
}

export const DWS_SERVICE: CloudService<DwsInventoryRead> = {
  id: "dws",
  cloud: "huaweicloud",
  title: "GaussDB(DWS)",
  noun: "GaussDB(DWS) cluster",
  probe: {
    operation: "ListClusters",
    baseUrl: (region, env) => huaweiBaseUrl("dws", region, env),
    count: async (location, options, credentials) =>
      (await new DwsClient({ ...options, region: location.region, projectId: location.projectId ?? "", credentials: credentials.huawei }).listClusters()).length,
  },
  inventory: {
    async list(location, context) {
      const dws = new DwsClient({ ...context.client, region: location.region, projectId: location.projectId ?? "", identity: agencyOf(location) });
      const clusters = await context.run(() => dws.listClusters());
      context.listed(clusters.length);
      await Promise.all(
        clusters.map(async (c) => {
          const { encryption, answer } = await context.run(() => dwsEncryption(dws, c));
          context.read();
          context.found({ id: c.id, name: c.name, status: c.status, encryption, read: answer });
        }),
      );
    },
  },
};

async function dwsEncryption(dws: DwsClient, cluster: DwsClusterSummary): Promise<EncryptionRead<DwsInventoryRead>> {
  try {
    const encryptInfo = await dws.getEncryptInfo(cluster.id);
    const answer: DwsInventoryRead = { cluster, encryptInfo };
    const { encryption } = encryptInfo;
    if (!encryption) return { encryption: { state: "off" }, answer };
    const live: LiveEncryption = {
      state: "on",
      keyId: encryption.masterKeyId,
      keyName: encryption.masterKeyName,
      algorithm: encryption.cryptAlgorithm ? describeCryptAlgorithm(encryption.cryptAlgorithm) : undefined,
      lastRotation: encryption.lastRotateKeyTime,
    };
    return { encryption: live, answer };
  } catch (error) {
    return { encryption: { state: "unknown", error: firstLine(error) } };
  }
}
