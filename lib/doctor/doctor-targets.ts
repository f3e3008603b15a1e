import { alibabaRegionFromEnv } from "../cloud/alibaba/alibaba-credentials";
import type { StackHook } from "../stack/stack-hook";
import { AlibabaRoleIdentity, DeclaredIdentity, HuaweiAgencyIdentity, identityKey, identityOfSpec } from "../contract/declared-identity";
import { KINDS, servicesOf } from "../kinds/index";

/** The services `doctor` checks: the id of a kind's `resource.service` ("dws", "taurusdb", "ack"). */
export type DoctorService = string;

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
    const definition = KINDS.get(map.kind);
    if (!definition) {
      problems.push(`${hook.address}: kind ${map.kind} has no doctor check`);
      continue;
    }
    const service = definition.resource.service.id;
    const alibaba = definition.resource.service.cloud === "alibabacloud";
    const late = ["region", "project_id"].filter((field) => unknown.includes(field));
    if (late.length > 0) {
      problems.push(`${hook.address}: ${late.join(" and ")} known only at deploy (${late.map((f) => map[f]).join(", ")}): check with --${alibaba ? "alibaba-region" : "huawei-region R --project-id P"}`);
      continue;
    }
    const region = map.region || (alibaba ? alibabaRegionFromEnv(env) : undefined);
    if (!region) {
      problems.push(`${hook.address}: no region in the Spec and ALICLOUD_REGION / ALIBABA_CLOUD_REGION are not set`);
      continue;
    }
    const projectId = alibaba ? undefined : map.project_id;
    const identity = identityOfSpec(map);
    const key = `${service} ${region} ${projectId ?? ""} ${identityKey(identity)}`;
    const entry = byKey.get(key) ?? { target: { service, region, projectId, identity }, usedBy: [] };
    entry.usedBy.push(hook.address);
    byKey.set(key, entry);
  }
  return { targets: [...byKey.values()].map(({ target, usedBy }) => ({ ...target, usedBy })), problems };
}

/** Targets named on the command line: every Huawei Cloud service in a region and project, every Alibaba Cloud service in a region. */
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
    for (const service of servicesOf("huaweicloud")) targets.push({ service: service.id, region: flags.huaweiRegion, projectId: flags.projectId, identity: flags.huaweiAgency, usedBy: [] });
  }
  if (flags.alibabaRegion) {
    for (const service of servicesOf("alibabacloud")) targets.push({ service: service.id, region: flags.alibabaRegion, identity: flags.alibabaRole, usedBy: [] });
  }
  return targets;
}
