export interface TaurusDbInstanceState {
  instance_id: string;
  name: string;
  region: string;
  project_id: string;
  /** ACTIVE, BACKING UP, MODIFYING, FROZEN, … */
  status: string;
  /** While set and in the emulated future, `status` holds; afterwards the instance is ACTIVE. */
  busy_until?: string | null;
  backup_encryption: "on" | "off";
  kms_key_id: string | null;
  cross_region_backup: boolean;
}
