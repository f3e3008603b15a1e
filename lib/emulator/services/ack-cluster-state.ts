/** A change ACK has accepted and is carrying out. */
export interface AckPendingUpdate {
  kms_key_id: string | null;
  disable_encryption: boolean;
  /** Until then the cluster still reads `running`. */
  updating_at: string;
  /** Then the cluster is `running` again with the new setting. */
  done_at: string;
}

export interface AckClusterState {
  cluster_id: string;
  name: string;
  region_id: string;
  /** ManagedKubernetes, Kubernetes, ExternalKubernetes. */
  cluster_type: string;
  /** ack.pro.small, ack.standard, … */
  cluster_spec: string;
  /** Default, Serverless, Edge. */
  profile: string;
  /** running, updating, failed, … (while an update is pending, derived from it). */
  state: string;
  /** The Secret encryption key recorded in meta_data, kept when encryption is disabled. */
  encryption_kms_key_id: string | null;
  disable_encryption: boolean;
  /** How meta_data is served: normally, absent, or as an empty string. @default "normal" */
  meta_data_mode?: "normal" | "missing" | "empty";
  /** Emulated seconds the cluster still reads running after accepting a change. @default 2 */
  update_lag_seconds?: number;
  /** Emulated seconds the cluster stays updating. @default 4 */
  update_seconds?: number;
  update?: AckPendingUpdate | null;
  /** Another change is refused with HTTP 409 until then (five minutes after the last one ended). */
  cool_down_until?: string | null;
}
