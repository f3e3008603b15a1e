import { Rule, ruleMessage } from "./rules";
import { SpecMap } from "./spec-map";
import { SpecError } from "./spec-error";

/**
 * The Huawei Cloud agency a resource is managed as: the hook signs IAM's assume_role with the
 * environment's base credentials and calls the services with the agency's temporary keys.
 * Names only: the Spec never carries a secret.
 */
export interface HuaweiAgencyIdentity {
  readonly cloud: "huaweicloud";
  readonly agencyName: string;
  /** The account that owns the agency, by name (one of domainName and domainId is set). */
  readonly domainName?: string;
  /** The account that owns the agency, by id. */
  readonly domainId?: string;
}

/** The Alibaba Cloud RAM role a resource is managed as (STS AssumeRole with the base credentials). */
export interface AlibabaRoleIdentity {
  readonly cloud: "alibabacloud";
  /** `acs:ram::<account id>:role/<role name>`. */
  readonly roleArn: string;
  /** @default "cdktf-encryption" */
  readonly sessionName?: string;
}

export type DeclaredIdentity = HuaweiAgencyIdentity | AlibabaRoleIdentity;

/**
 * Shapes of the names, as the clouds document them where they do:
 * - agency name: at most 64 characters (IAM CreateAgency, `agency.name`); which characters is
 *   not documented there: *unverified*, so only whitespace, `/` and `:` are refused.
 * - account (domain) name and id: *unverified* (no documented pattern found); refused only
 *   when empty, longer than 64 or holding whitespace, `/` or `:`.
 * - role ARN: `acs:ram::<account id>:role/<role name>`, role name 1 to 64 letters, digits, `.`
 *   or `-` (RAM CreateRole, `RoleName`).
 * - session name: 2 to 64 letters, digits, `.`, `@`, `-` or `_` (STS AssumeRole, `RoleSessionName`).
 */
export const IDENTITY_RULES = {
  agencyName: { pattern: /^[^\s/:]{1,64}$/, allowed: "an IAM agency name of 1 to 64 characters without spaces, / or :" },
  domainName: { pattern: /^[^\s/:]{1,64}$/, allowed: "a Huawei Cloud account (domain) name of 1 to 64 characters without spaces, / or :" },
  domainId: { pattern: /^[A-Za-z0-9]{1,64}$/, allowed: "a Huawei Cloud account (domain) id of letters and digits" },
  roleArn: { pattern: /^acs:ram::\d+:role\/[A-Za-z0-9.-]{1,64}$/, allowed: "a RAM role ARN acs:ram::<account id>:role/<name>, the name 1 to 64 letters, digits, . or -" },
  sessionName: { pattern: /^[A-Za-z0-9.@_-]{2,64}$/, allowed: "a session name of 2 to 64 letters, digits, ., @, - or _" },
} satisfies Record<string, Rule>;

/** The Spec fields of an identity, present only when one is declared (absent ones change nothing). */
export const IDENTITY_FIELDS = {
  agencyName: "assume_agency_name",
  domainName: "assume_agency_domain_name",
  domainId: "assume_agency_domain_id",
  roleArn: "assume_role_arn",
  sessionName: "assume_role_session_name",
} as const;

/** The identity's Spec fields: names and ARNs only; none when no identity is declared. */
export function identityToMap(identity: DeclaredIdentity | undefined): SpecMap {
  if (!identity) return {};
  if (identity.cloud === "huaweicloud") {
    return {
      [IDENTITY_FIELDS.agencyName]: identity.agencyName,
      ...(identity.domainName ? { [IDENTITY_FIELDS.domainName]: identity.domainName } : {}),
      ...(identity.domainId ? { [IDENTITY_FIELDS.domainId]: identity.domainId } : {}),
    };
  }
  return {
    [IDENTITY_FIELDS.roleArn]: identity.roleArn,
    ...(identity.sessionName ? { [IDENTITY_FIELDS.sessionName]: identity.sessionName } : {}),
  };
}

/** "agency encryption-admin in domain acme-prod" / "role acs:ram::1234567890123456:role/x". */
export function describeIdentity(identity: DeclaredIdentity): string {
  if (identity.cloud === "alibabacloud") return `role ${identity.roleArn}`;
  return `agency ${identity.agencyName} in domain ${identity.domainName ?? `id ${identity.domainId}`}`;
}

/** The same identity, as a key for caches and for grouping (stable field order). */
export function identityKey(identity: DeclaredIdentity | undefined): string {
  if (!identity) return "";
  return identity.cloud === "huaweicloud"
    ? `huaweicloud|${identity.agencyName}|${identity.domainName ?? ""}|${identity.domainId ?? ""}`
    : `alibabacloud|${identity.roleArn}|${identity.sessionName ?? ""}`;
}

/**
 * The identity a synthesized Spec names, read without judging it (it was validated at synth
 * and is again by the hook), for tools that group resources by identity (audit, doctor).
 */
export function identityOfSpec(spec: SpecMap): DeclaredIdentity | undefined {
  const agencyName = spec[IDENTITY_FIELDS.agencyName];
  if (agencyName) return { cloud: "huaweicloud", agencyName, domainName: spec[IDENTITY_FIELDS.domainName] || undefined, domainId: spec[IDENTITY_FIELDS.domainId] || undefined };
  const roleArn = spec[IDENTITY_FIELDS.roleArn];
  if (roleArn) return { cloud: "alibabacloud", roleArn, sessionName: spec[IDENTITY_FIELDS.sessionName] || undefined };
  return undefined;
}

/**
 * `encryption-admin/acme-prod` (an agency and the name of its account) or
 * `encryption-admin/id:0123…` (by account id): how command lines name a Huawei agency.
 */
export function parseAgencyFlag(text: string): HuaweiAgencyIdentity | undefined {
  const slash = text.indexOf("/");
  if (slash < 1) return undefined;
  const agencyName = text.slice(0, slash);
  const domain = text.slice(slash + 1);
  const byId = domain.startsWith("id:");
  const identity: HuaweiAgencyIdentity = byId ? { cloud: "huaweicloud", agencyName, domainId: domain.slice(3) } : { cloud: "huaweicloud", agencyName, domainName: domain };
  const valid =
    IDENTITY_RULES.agencyName.pattern.test(agencyName) &&
    (byId ? IDENTITY_RULES.domainId.pattern.test(identity.domainId ?? "") : IDENTITY_RULES.domainName.pattern.test(identity.domainName ?? ""));
  return valid ? identity : undefined;
}

/** A reader of the Spec's fields, as `SpecReader` offers it. */
interface FieldReader {
  optional(field: string, rule?: Rule): string | undefined;
}

/** Reads a Huawei kind's identity fields; an Alibaba field in the same Spec is left unknown (refused). */
export function readHuaweiAgency(read: FieldReader, map: SpecMap): HuaweiAgencyIdentity | undefined {
  const agencyName = read.optional(IDENTITY_FIELDS.agencyName, IDENTITY_RULES.agencyName);
  const domainName = read.optional(IDENTITY_FIELDS.domainName, IDENTITY_RULES.domainName);
  const domainId = read.optional(IDENTITY_FIELDS.domainId, IDENTITY_RULES.domainId);
  if (agencyName === undefined) {
    const stray = domainName !== undefined ? IDENTITY_FIELDS.domainName : domainId !== undefined ? IDENTITY_FIELDS.domainId : undefined;
    if (stray) throw new SpecError(`Spec field ${ruleMessage(stray, map[stray], `no value without ${IDENTITY_FIELDS.agencyName}`)}`);
    return undefined;
  }
  if (domainName === undefined && domainId === undefined) {
    throw new SpecError(`Spec field ${IDENTITY_FIELDS.domainName} is missing: an agency is named with the account that owns it (${IDENTITY_FIELDS.domainName} or ${IDENTITY_FIELDS.domainId})`);
  }
  return { cloud: "huaweicloud", agencyName, domainName, domainId };
}

/** Reads an Alibaba kind's identity fields; a Huawei field in the same Spec is left unknown (refused). */
export function readAlibabaRole(read: FieldReader, map: SpecMap): AlibabaRoleIdentity | undefined {
  const roleArn = read.optional(IDENTITY_FIELDS.roleArn, IDENTITY_RULES.roleArn);
  const sessionName = read.optional(IDENTITY_FIELDS.sessionName, IDENTITY_RULES.sessionName);
  if (roleArn === undefined) {
    if (sessionName !== undefined) throw new SpecError(`Spec field ${ruleMessage(IDENTITY_FIELDS.sessionName, map[IDENTITY_FIELDS.sessionName], `no value without ${IDENTITY_FIELDS.roleArn}`)}`);
    return undefined;
  }
  return { cloud: "alibabacloud", roleArn, sessionName };
}
