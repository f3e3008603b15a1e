import { AckClient, AckClusterDetail } from "../../cloud/alibaba/ack-client";
import { alibabaBaseUrl } from "../../cloud/alibaba/alibaba-endpoints";
import { pageByArrival } from "../../cloud/paged-listing";
import { CloudService } from "../kind-definition";

const PAGE = 100;

/**
 * ACK (Container Service for Kubernetes): clusters are listed by DescribeClustersV1, paged by
 * arrival; each listed cluster's `meta_data` carries its Secret encryption, so no further read.
 */
/** What the inventory keeps of a cluster: its DescribeClustersV1 item, which carries its encryption. */
export interface AckInventoryRead {
  readonly cluster: AckClusterDetail;
}

export const ACK_SERVICE: CloudService<AckInventoryRead> = {
  id: "ack",
  cloud: "alibabacloud",
  title: "ACK",
  noun: "ACK cluster",
  probe: {
    operation: "DescribeClustersV1",
    baseUrl: (region, env) => alibabaBaseUrl("cs", region, env),
    count: async (location, options, credentials) =>
      (await new AckClient({ ...options, region: location.region, credentials: credentials.alibaba }).describeClustersV1(location.region, 1, 1)).totalCount,
  },
  inventory: {
    async list(location, context) {
      const identity = location.identity?.cloud === "alibabacloud" ? location.identity : undefined;
      const ack = new AckClient({ ...context.client, region: location.region, identity });
      const clusters: AckClusterDetail[] = [];
      const listing = await pageByArrival(
        async (index) => {
          const page = await context.run(() => ack.describeClustersV1(location.region, index + 1, PAGE));
          return { items: page.clusters, totalCount: page.totalCount };
        },
        { pageSize: PAGE, idOf: (c) => c.clusterId, noun: "clusters", onItems: (page) => clusters.push(...page) },
      );
      if (listing.incomplete) context.incomplete(`ACK DescribeClustersV1 on region ${location.region}: ${listing.incomplete}`);
      context.listed(clusters.length);
      for (const c of clusters) {
        context.found({
          id: c.clusterId,
          name: c.name,
          status: c.state,
          encryption: c.encryption.unreadable ? { state: "unknown", error: "meta_data is not JSON" } : { state: c.encryption.enabled ? "on" : "off", keyId: c.encryption.kmsKeyId },
          read: { cluster: c },
        });
      }
    },
  },
};
