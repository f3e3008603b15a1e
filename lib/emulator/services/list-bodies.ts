import { TaurusDbInstanceState } from "./taurusdb-instance-state";

// List items carry every field of the official models (dws/v2 ClusterInfo, gaussdb/v3
// MysqlInstanceListInfo) with plausible values; the fields that matter to this library come from
// the emulated state. (An ACK DescribeClustersV1 item is the cluster's detail: see AckService.)

/** The fields of the SDK's `ClusterInfo` (ListClusters), all of which `ClusterDetail` carries too. */
const CLUSTER_INFO_FIELDS = [
  "id", "name", "status", "version", "updated", "created", "port", "endpoints", "nodes", "tags", "user_name", "number_of_node",
  "recent_event", "availability_zone", "enterprise_project_id", "node_type", "vpc_id", "subnet_id", "public_ip", "public_endpoints",
  "action_progress", "sub_status", "task_status", "security_group_id", "failed_reasons",
] as const;

/** A ListClusters item: the cluster's detail, cut to `ClusterInfo`. */
export function clusterInfo(detail: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(CLUSTER_INFO_FIELDS.map((field) => [field, detail[field]]));
}

export function taurusDbInstanceListInfo(i: TaurusDbInstanceState, status: string): Record<string, unknown> {
  return {
    id: i.instance_id,
    name: i.name,
    status,
    private_ips: ["192.168.0.142"],
    proxy_ips: [],
    readonly_private_ips: [],
    public_ips: [],
    port: "3306",
    type: "Cluster",
    region: i.region,
    datastore: { type: "gaussdb-mysql", version: "8.0", kernel_version: "2.0.57.240900" },
    created: "2024-03-01T08:00:00+0000",
    updated: "2024-03-01T08:00:00+0000",
    db_user_name: "root",
    vpc_id: "85b20d7e-9eb7-4b2a-98f3-3c8843ea3574",
    subnet_id: "4a5d14d9-5a4d-4bb3-a0ee-5a5cbf5ba2a1",
    security_group_id: "d3b8b4e6-1a9f-4b1e-9a5b-2c1d0f4e8a7b",
    flavor_ref: "gaussdb.mysql.xlarge.x86.4",
    flavor_info: { vcpus: "4", ram: "16" },
    volume: { type: "POOLED", size: "40" },
    backup_strategy: { start_time: "19:00-20:00", keep_days: "7" },
    enterprise_project_id: "0",
    time_zone: "UTC+08:00",
    charge_info: { charge_mode: "postPaid" },
    dedicated_resource_id: "",
    tags: [],
  };
}
