import { alibabaRegionFromEnv } from "../cloud/alibaba/alibaba-credentials";
import { ALIBABA_REGION_PATTERN } from "../cloud/alibaba/alibaba-region";
import { HUAWEI_REGION_PATTERN } from "../cloud/huawei/huawei-region";
import { InputError } from "../runtime/input-error";
import { AlibabaRoleIdentity, HuaweiAgencyIdentity, IDENTITY_RULES, describeIdentity, identityKey, identityOfSpec, parseAgencyFlag } from "../contract/declared-identity";
import { RULES } from "../contract/rules";
import { Declaration } from "./declarations";

/**
 * One place an audit lists: a Huawei Cloud region and project, or an Alibaba Cloud region,
 * each read as an identity (the environment's own, or an agency or role assumed with it).
 */
export type AuditScope =
  | { readonly cloud: "huawei"; readonly region: string; readonly projectId: string; readonly identity?: HuaweiAgencyIdentity }
  | { readonly cloud: "alibaba"; readonly region: string; readonly identity?: AlibabaRoleIdentity };

export function scopeName(scope: AuditScope): string {
  const as = scope.identity ? ` as ${describeIdentity(scope.identity)}` : "";
  return scope.cloud === "huawei" ? `Huawei Cloud ${scope.region} project ${scope.projectId}${as}` : `Alibaba Cloud ${scope.region}${as}`;
}

/** Scopes with equal keys are one scope: a place and the identity it is read as. */
export function scopeKey(scope: AuditScope): string {
  const place = scope.cloud === "huawei" ? `huawei/${scope.region}/${scope.projectId}` : `alibaba/${scope.region}`;
  return scope.identity ? `${place}@${identityKey(scope.identity)}` : place;
}

const HUAWEI_FORM = "REGION:PROJECT_ID[@AGENCY/DOMAIN_NAME] such as cn-north-4:0a1b2c3d4e5f60718293a4b5c6d7e8f9 or cn-north-4:0a1b2c3d4e5f60718293a4b5c6d7e8f9@encryption-admin/acme-prod";
const ALIBABA_FORM = "REGION[@ROLE_ARN] such as cn-hangzhou or cn-hangzhou@acs:ram::1234567890123456:role/encryption-admin";

/** `--huawei cn-north-4:PROJECT_ID`, read as an agency with `@AGENCY/DOMAIN_NAME` (or `@AGENCY/id:DOMAIN_ID`). */
export function parseHuaweiScope(text: string): AuditScope {
  const at = text.indexOf("@");
  const place = at < 0 ? text : text.slice(0, at);
  const identity = at < 0 ? undefined : parseAgencyFlag(text.slice(at + 1));
  const [region, projectId, ...rest] = place.split(":");
  if (rest.length > 0 || !HUAWEI_REGION_PATTERN.test(region ?? "") || !RULES.huaweiProjectId.pattern.test(projectId ?? "") || (at >= 0 && !identity)) {
    throw new InputError(`--huawei ${JSON.stringify(text)} is invalid: expected ${HUAWEI_FORM}`);
  }
  return { cloud: "huawei", region, projectId, identity };
}

/** `--alibaba cn-hangzhou`, read as a RAM role with `@ROLE_ARN`. */
export function parseAlibabaScope(text: string): AuditScope {
  const at = text.indexOf("@");
  const region = at < 0 ? text : text.slice(0, at);
  const roleArn = at < 0 ? undefined : text.slice(at + 1);
  if (!ALIBABA_REGION_PATTERN.test(region) || (roleArn !== undefined && !IDENTITY_RULES.roleArn.pattern.test(roleArn))) {
    throw new InputError(`--alibaba ${JSON.stringify(text)} is invalid: expected ${ALIBABA_FORM}`);
  }
  return { cloud: "alibaba", region, identity: roleArn ? { cloud: "alibabacloud", roleArn } : undefined };
}

/** The scope a declaration's resource is listed in, read as the identity it declares. */
export function declaredScope(d: Declaration): AuditScope {
  const identity = identityOfSpec(d.spec);
  return d.target.cloud === "huawei"
    ? { cloud: "huawei", region: d.target.region, projectId: d.target.projectId ?? "", identity: identity?.cloud === "huaweicloud" ? identity : undefined }
    : { cloud: "alibaba", region: d.target.region, identity: identity?.cloud === "alibabacloud" ? identity : undefined };
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
      scopes.push(declaredScope(d));
    }
  }
  const unique = new Map(scopes.map((s) => [scopeKey(s), s]));
  if (unique.size === 0) {
    throw new InputError(
      "nothing to audit: give --huawei REGION:PROJECT_ID or --alibaba REGION, set HW_REGION_NAME and HW_PROJECT_ID or ALICLOUD_REGION/ALIBABA_CLOUD_REGION, or give --stack with declared resources",
    );
  }
  return [...unique.values()];
}
