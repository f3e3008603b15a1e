import { ACK_SECRET_ENCRYPTION } from "../kinds/ack-secret-encryption/spec";
import { DWS_CLUSTER_ENCRYPTION } from "../kinds/dws-cluster-encryption/spec";
import { DWS_KEY_ROTATION } from "../kinds/dws-key-rotation/spec";
import { SpecMap } from "./spec";
import { TAURUSDB_BACKUP_ENCRYPTION } from "../kinds/taurusdb-backup-encryption/spec";

/**
 * The Spec fields that name the one cloud resource a Spec of each kind declares the state of:
 * cloud, region, project (Huawei Cloud project ids are per account and region), resource id.
 * ACK cluster ids are unique across Alibaba Cloud, and the region may be left to the
 * environment, so the cluster id alone names the cluster.
 */
const IDENTITY: Record<string, { cloud: string; fields: readonly string[]; noun: string }> = {
  [TAURUSDB_BACKUP_ENCRYPTION]: { cloud: "huaweicloud", fields: ["region", "project_id", "instance_id"], noun: "TaurusDB instance" },
  [DWS_CLUSTER_ENCRYPTION]: { cloud: "huaweicloud", fields: ["region", "project_id", "cluster_id"], noun: "GaussDB(DWS) cluster" },
  [DWS_KEY_ROTATION]: { cloud: "huaweicloud", fields: ["region", "project_id", "cluster_id"], noun: "GaussDB(DWS) cluster" },
  [ACK_SECRET_ENCRYPTION]: { cloud: "alibabacloud", fields: ["cluster_id"], noun: "ACK cluster" },
};

/** The cloud whose resources a kind of Spec declares: "huaweicloud" or "alibabacloud". */
export function cloudOfKind(kind: string): "huaweicloud" | "alibabacloud" | undefined {
  return IDENTITY[kind]?.cloud as "huaweicloud" | "alibabacloud" | undefined;
}

/**
 * The resource a Spec declares, as a key (equal keys: the same resource, the same kind of
 * declaration) and words. Two kinds on one resource (an encryption and a key rotation of one
 * DWS cluster) have different keys: they declare different things.
 */
export function declaredResource(spec: SpecMap): { key: string; description: string } {
  const identity = IDENTITY[spec.kind];
  if (!identity) throw new Error(`no resource identity for Spec kind ${spec.kind}`);
  const ids = identity.fields.map((field) => spec[field] ?? "");
  const where = identity.fields.length > 1 ? ` in project ${spec.project_id} of ${spec.region}` : "";
  return {
    key: [spec.kind, identity.cloud, ...ids].join("|").toLowerCase(),
    description: `${spec.kind} of ${identity.noun} ${ids[ids.length - 1]}${where}`,
  };
}
