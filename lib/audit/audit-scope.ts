import { alibabaRegionFromEnv } from "../cloud/alibaba/alibaba-credentials";
import { ALIBABA_REGION_PATTERN } from "../cloud/alibaba/alibaba-endpoints";
import { HUAWEI_REGION_PATTERN } from "../cloud/huawei/huawei-endpoints";
import { ReviewError } from "../review/review-error";
import { RULES } from "../spec/rules";
import { Declaration } from "./declarations";

/** One place an audit lists: a Huawei Cloud region and project, or an Alibaba Cloud region. */
export type AuditScope =
  | { readonly cloud: "huawei"; readonly region: string; readonly projectId: string }
  | { readonly cloud: "alibaba"; readonly region: string };

export function scopeName(scope: AuditScope): string {
  return scope.cloud === "huawei" ? `Huawei Cloud ${scope.region} project ${scope.projectId}` : `Alibaba Cloud ${scope.region}`;
}

function scopeKey(scope: AuditScope): string {
  return scope.cloud === "huawei" ? `huawei/${scope.region}/${scope.projectId}` : `alibaba/${scope.region}`;
}

/** `--huawei cn-north-4:PROJECT_ID`. */
export function parseHuaweiScope(text: string): AuditScope {
  const [region, projectId, ...rest] = text.split(":");
  if (rest.length > 0 || !HUAWEI_REGION_PATTERN.test(region ?? "") || !RULES.huaweiProjectId.pattern.test(projectId ?? "")) {
    throw new ReviewError(`--huawei ${JSON.stringify(text)} is invalid: expected REGION:PROJECT_ID such as cn-north-4:0a1b2c3d4e5f60718293a4b5c6d7e8f9`);
  }
  return { cloud: "huawei", region, projectId };
}

/** `--alibaba cn-hangzhou`. */
export function parseAlibabaScope(text: string): AuditScope {
  if (!ALIBABA_REGION_PATTERN.test(text)) throw new ReviewError(`--alibaba ${JSON.stringify(text)} is invalid: expected a region id such as cn-hangzhou`);
  return { cloud: "alibaba", region: text };
}

/**
 * The scopes to list: those given by flags; with none, those the environment names as the
 * providers read them (`HW_REGION_NAME` + `HW_PROJECT_ID`, `ALICLOUD_REGION`/`ALIBABA_CLOUD_REGION`)
 * and those of every declared resource.
 */
export function resolveScopes(given: readonly AuditScope[], declarations: readonly Declaration[], env: NodeJS.ProcessEnv): AuditScope[] {
  const scopes: AuditScope[] = [...given];
  if (scopes.length === 0) {
    const region = env.HW_REGION_NAME?.trim();
    const projectId = env.HW_PROJECT_ID?.trim();
    if (region && projectId) scopes.push({ cloud: "huawei", region, projectId });
    const aliRegion = alibabaRegionFromEnv(env);
    if (aliRegion) scopes.push({ cloud: "alibaba", region: aliRegion });
    for (const d of declarations) {
      if (d.target.unresolved) continue;
      scopes.push(d.target.cloud === "huawei" ? { cloud: "huawei", region: d.target.region, projectId: d.target.projectId ?? "" } : { cloud: "alibaba", region: d.target.region });
    }
  }
  const unique = new Map(scopes.map((s) => [scopeKey(s), s]));
  if (unique.size === 0) {
    throw new ReviewError(
      "nothing to audit: give --huawei REGION:PROJECT_ID or --alibaba REGION, set HW_REGION_NAME and HW_PROJECT_ID or ALICLOUD_REGION/ALIBABA_CLOUD_REGION, or give --stack with declared resources",
    );
  }
  return [...unique.values()];
}
