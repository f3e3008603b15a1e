import type { DwsClusterState } from "./dws";
import type { TaurusDbInstanceState } from "./taurusdb";

// The items of the list calls `doctor` makes, with every field of the official models
// (reference data/huawei-sdk-models.json: dws/v2/ClusterInfo, gaussdb/v3/MysqlInstanceListInfo).
// Values the emulator does not model are plausible constants.

const CREATED = "2024-03-01T08:00:00";

/** One `ClusterInfo` of DWS ListClusters. */
export function dwsClusterInfo(c: DwsClusterState): Record<string, unknown> {
  const host = `${c.name}.dws.${c.region}.myhuaweicloud.com`;
  return {
    id: c.cluster_id,
    name: c.name,
    status: c.status,
    version: c.version,
    updated: CREATED,
    created: CREATED,
    port: 8000,
    endpoints: [{ connect_info: `${host}:8000`, jdbc_url: `jdbc:postgresql://${host}:8000/<YOUR_DATABASE_NAME>` }],
    nodes: [{ id: `${c.cluster_id.slice(0, 8)}-dn-1`, status: "200" }],
    tags: [],
    user_name: "dbadmin",
    number_of_node: 3,
    recent_event: 0,
    availability_zone: `${c.region}a`,
    enterprise_project_id: "0",
    node_type: "dws.m3.xlarge",
    vpc_id: "85b20d7e-9eb7-4b2a-98f3-3c8843ea3574",
    subnet_id: "4ff2fb2e-1d1f-4b8e-9a8f-2d1c0e6b9a71",
    public_ip: { public_bind_type: "not_use", eip_id: "" },
    public_endpoints: [],
    action_progress: c.action_progress,
    sub_status: c.sub_status ?? "NORMAL",
    task_status: c.task_status,
    security_group_id: "dc3ec145-9029-4b39-b5a3-ace5a01f772b",
    failed_reasons: null,
  };
}

/** One `MysqlInstanceListInfo` of TaurusDB ListGaussMySqlInstances. */
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
    datastore: { type: "gaussdb-mysql", version: "8.0", kernel_version: "2.0.51.240300" },
    created: "2024-03-01T08:00:00+0000",
    updated: "2024-03-01T08:00:00+0000",
    db_user_name: "root",
    vpc_id: "85b20d7e-9eb7-4b2a-98f3-3c8843ea3574",
    subnet_id: "4ff2fb2e-1d1f-4b8e-9a8f-2d1c0e6b9a71",
    security_group_id: "dc3ec145-9029-4b39-b5a3-ace5a01f772b",
    flavor_ref: "gaussdb.mysql.xlarge.x86.4",
    flavor_info: { vcpus: "4", ram: "16" },
    volume: { type: "POOL", size: "40" },
    backup_strategy: { start_time: "08:00-09:00", keep_days: "7" },
    enterprise_project_id: "0",
    time_zone: "UTC",
    charge_info: { charge_mode: "postPaid" },
    dedicated_resource_id: "",
    tags: [],
  };
}
