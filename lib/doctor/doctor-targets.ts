import { alibabaRegionFromEnv } from "../cloud/alibaba/alibaba-credentials";
import type { StackHook } from "../stack/stack-hook";
import { AlibabaRoleIdentity, DeclaredIdentity, HuaweiAgencyIdentity, identityKey, identityOfSpec } from "../contract/declared-identity";

/** The services `doctor` checks, by the first part of a Spec kind (`taurusdb.backup-encryption`). */
export type DoctorService = "dws" | "taurusdb" | "ack";

/** One service in one region (and project) that a stack uses or the flags name. */
export interface DoctorTarget {
  readonly service: DoctorService;
  readonly region: string;
  /** Huawei Cloud only. */
  readonly projectId?: string;
  /** The identity the resources are declared to be managed as (or the flags name); the check acts as it. */
  readonly identity?: DeclaredIdentity;
  /** Hook resources of the stack that use it; empty for targets given by flags. */
  readonly usedBy: readonly string[];
}

const SERVICE_OF_KIND_PREFIX: Record<string, DoctorService> = { dws: "dws", taurusdb: "taurusdb", ack: "ack" };

/**
 * The services, regions and projects a synthesized stack's hooks use, each once. A hook whose
 * region or project Terraform knows only at deploy, or an ACK hook with no region while
 * ALICLOUD_REGION/ALIBABA_CLOUD_REGION is unset, is reported as a problem.
 */
export function targetsFromStack(hooks: readonly StackHook[], env: NodeJS.ProcessEnv): { targets: DoctorTarget[]; problems: string[] } {
  const byKey = new Map<string, { target: Omit<DoctorTarget, "usedBy">; usedBy: string[] }>();
  const problems: string[] = [];
  for (const hook of hooks) {
    const { map, unknown } = hook.found;
    const service = SERVICE_OF_KIND_PREFIX[map.kind.split(".")[0]];
    if (!service) {
      problems.push(`${hook.address}: kind ${map.kind} has no doctor check`);
      continue;
    }
    const late = ["region", "project_id"].filter((field) => unknown.includes(field));
    if (late.length > 0) {
      problems.push(`${hook.address}: ${late.join(" and ")} known only at deploy (${late.map((f) => map[f]).join(", ")}): check with --${service === "ack" ? "alibaba-region" : "huawei-region R --project-id P"}`);
      continue;
    }
    const region = map.region || (service === "ack" ? alibabaRegionFromEnv(env) : undefined);
    if (!region) {
      problems.push(`${hook.address}: no region in the Spec and ALICLOUD_REGION / ALIBABA_CLOUD_REGION are not set`);
      continue;
    }
    const projectId = service === "ack" ? undefined : map.project_id;
    const identity = identityOfSpec(map);
    const key = `${service} ${region} ${projectId ?? ""} ${identityKey(identity)}`;
    const entry = byKey.get(key) ?? { target: { service, region, projectId, identity }, usedBy: [] };
    entry.usedBy.push(hook.address);
    byKey.set(key, entry);
  }
  return { targets: [...byKey.values()].map(({ target, usedBy }) => ({ ...target, usedBy })), problems };
}

/** Targets named on the command line: both Huawei services in a region and project, ACK in a region. */
export function targetsFromFlags(flags: {
  readonly huaweiRegion?: string;
  readonly projectId?: string;
  readonly alibabaRegion?: string;
  /** `--huawei-agency`: the Huawei checks act as this agency. */
  readonly huaweiAgency?: HuaweiAgencyIdentity;
  /** `--alibaba-role`: the ACK check acts as this role. */
  readonly alibabaRole?: AlibabaRoleIdentity;
}): DoctorTarget[] {
  const targets: DoctorTarget[] = [];
  if (flags.huaweiRegion && flags.projectId) {
    for (const service of ["dws", "taurusdb"] as const) targets.push({ service, region: flags.huaweiRegion, projectId: flags.projectId, identity: flags.huaweiAgency, usedBy: [] });
  }
  if (flags.alibabaRegion) targets.push({ service: "ack", region: flags.alibabaRegion, identity: flags.alibabaRole, usedBy: [] });
  return targets;
}
