import { AlibabaKmsKey } from "../cloud/alibaba/kms-client";
import { HuaweiKmsKey } from "../cloud/huawei/kms-client";

/** What the KMS key behind a declaration is, judged for use by the service that encrypts with it. */
export interface KeyVerdict {
  readonly keyId: string;
  /** The key's state in words: "enabled", "disabled", "not found in cn-north-4, project 0a1b…". */
  readonly state: string;
  /** Why the service cannot use the key; undefined when it can or when the key could not be read. */
  readonly problem?: string;
  /** Set when the caller may not read the key: nothing can be judged, the service will judge. */
  readonly denied?: string;
}

const HUAWEI_STATE_WORDS: Record<HuaweiKmsKey["state"], string> = {
  "pending-activation": "pending activation",
  enabled: "enabled",
  disabled: "disabled",
  "pending-deletion": "pending deletion",
  "pending-import": "pending import (no key material)",
  unknown: "in an unknown state",
};

/**
 * A Huawei KMS key for DWS or TaurusDB: usable only when enabled. A key of another project or
 * region is not visible to describe-key there (a Huawei project belongs to one region), so it
 * reads as not found. An unknown `key_state` is not refused: the service still checks.
 */
export function huaweiKeyVerdict(
  keyId: string,
  key: HuaweiKmsKey | undefined,
  where: { region: string; projectId: string },
  /** Key specs the service accepts, when it documents them (TaurusDB: AES_256 or SM4). @default any */
  allowedSpecs?: readonly string[],
): KeyVerdict {
  if (!key) {
    return {
      keyId,
      state: `not found in ${where.region}, project ${where.projectId}`,
      problem: `was not found in region ${where.region}, project ${where.projectId} (a key of another region or project, or a deleted key, is not visible there)`,
    };
  }
  const words = HUAWEI_STATE_WORDS[key.state];
  const state = key.state === "unknown" ? `key_state ${JSON.stringify(key.rawState ?? null)}` : words;
  if (allowedSpecs && key.keySpec && !allowedSpecs.includes(key.keySpec)) {
    return { keyId, state, problem: `has spec ${key.keySpec}: only ${allowedSpecs.join(" or ")} keys can be used` };
  }
  if (key.state === "enabled" || key.state === "unknown") return { keyId, state };
  const when = key.state === "pending-deletion" && key.scheduledDeletionDate ? ` (deletion scheduled for ${epochText(key.scheduledDeletionDate)})` : "";
  return { keyId, state, problem: `is ${words}${when}: only an enabled key can be used` };
}

/** TaurusDB encrypts backups only with these key specs (cloud-apis.md §2, TaurusDB's backup encryption page). */
export const TAURUSDB_KEY_SPECS = ["AES_256", "SM4"] as const;

/** ACK's rules for a Secret encryption key (cloud-apis.md §3, Alibaba's "use KMS to encrypt Secrets" pages). */
export const ACK_KEY_SPEC = "Aliyun_AES_256";
export const ACK_KEY_USAGE = "ENCRYPT/DECRYPT";

/**
 * An Alibaba Cloud KMS key for ACK Secret encryption: in the cluster's region, of spec
 * Aliyun_AES_256 and usage ENCRYPT/DECRYPT, not a service key, Enabled. A field the answer
 * leaves out is not held against the key: ACK still checks.
 */
export function alibabaKeyVerdict(keyId: string, key: AlibabaKmsKey | undefined, region: string): KeyVerdict {
  if (!key) {
    return { keyId, state: `not found in ${region}`, problem: `was not found in region ${region} (a key of another region is not visible there)` };
  }
  const state = key.keyState ?? "state not reported";
  const problems: string[] = [];
  if (key.region && key.region !== region) problems.push(`is in region ${key.region}, not the cluster's region ${region}`);
  if (key.keySpec && key.keySpec !== ACK_KEY_SPEC) problems.push(`has spec ${key.keySpec}, not ${ACK_KEY_SPEC}`);
  if (key.keyUsage && key.keyUsage !== ACK_KEY_USAGE) problems.push(`has usage ${key.keyUsage}, not ${ACK_KEY_USAGE}`);
  if (isServiceKey(key)) problems.push(`is a service key (Creator ${key.creator}), which only its cloud service may use`);
  if (key.keyState && key.keyState !== "Enabled") problems.push(`is ${key.keyState}, not Enabled`);
  return { keyId, state, problem: problems.length ? problems.join("; ") : undefined };
}

/**
 * *Unverified*: the official DescribeKey model has no field that says "service key"; its
 * `Creator` is documented as "the Alibaba Cloud account that is used to create the CMK" (a
 * numeric account id, possibly masked with `*`). A key whose Creator is something else (a
 * cloud service's name) is taken as a service key. A missing Creator proves nothing.
 */
export function isServiceKey(key: AlibabaKmsKey): boolean {
  return key.creator !== undefined && !/^[0-9*]+$/.test(key.creator);
}

export function deniedVerdict(keyId: string, detail: string): KeyVerdict {
  return { keyId, state: "not readable with these credentials", denied: detail };
}

/** "KMS key b82f… enabled", "KMS key k… Disabled (cannot be used: …)", for review and drift. */
export function describeKeyVerdict(verdict: KeyVerdict): string {
  if (verdict.denied) return `KMS key ${verdict.keyId} not readable with these credentials`;
  return `KMS key ${verdict.keyId} ${verdict.state}${verdict.problem ? ` (cannot be used: it ${verdict.problem})` : ""}`;
}

function epochText(seconds: string): string {
  const n = Number(seconds);
  // Huawei documents seconds since the epoch; tolerate milliseconds.
  const ms = n > 1e11 ? n : n * 1000;
  return Number.isFinite(n) && n > 0 ? new Date(ms).toISOString() : seconds;
}
