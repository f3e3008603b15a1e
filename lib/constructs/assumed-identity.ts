import { AlibabaRoleIdentity, DeclaredIdentity, HuaweiAgencyIdentity, IDENTITY_RULES, describeIdentity } from "../contract/declared-identity";
import { PropValidator, WrittenAs } from "./prop-validation";

/** The Huawei Cloud agency to manage resources as: what the huaweicloud provider's `assume_role` block names. */
export interface HuaweiAgencyProps {
  /** The agency's name, e.g. `encryption-admin`. */
  readonly agencyName: string;
  /**
   * The name of the account (domain) that owns the agency. One of `domainName` and `domainId` is required.
   * @default none
   */
  readonly domainName?: string;
  /**
   * The id of the account (domain) that owns the agency; wins over `domainName` when both are given.
   * @default none
   */
  readonly domainId?: string;
}

/** The Alibaba Cloud RAM role to manage resources as: what the alicloud provider's `assume_role` block names. */
export interface AlibabaRoleProps {
  /** `acs:ram::<account id>:role/<role name>`. */
  readonly roleArn: string;
  /**
   * The STS session name, seen in the account's ActionTrail.
   * @default "cdktf-encryption"
   */
  readonly sessionName?: string;
}

const CLOUD_WORDS = { huaweicloud: "a Huawei Cloud identity (AssumedIdentity.huaweiAgency)", alibabacloud: "an Alibaba Cloud identity (AssumedIdentity.alibabaRole)" };

/**
 * An identity the hook assumes with the deploy environment's base credentials before it calls
 * any service: a Huawei Cloud agency (IAM assume_role) or an Alibaba Cloud RAM role (STS
 * AssumeRole). Only names and ARNs: they travel in the Spec and show in plans and reviews.
 *
 * @exampleMetadata fixture=api
 * @example
 * Identity.of(prodStack).assume(AssumedIdentity.huaweiAgency({ agencyName: "encryption-admin", domainName: "acme-prod" }));
 */
export class AssumedIdentity {
  /** A Huawei Cloud agency, in the account (domain) that owns it. */
  static huaweiAgency(props: HuaweiAgencyProps): AssumedIdentity {
    const given = props ?? ({} as HuaweiAgencyProps);
    return new AssumedIdentity({ cloud: "huaweicloud", agencyName: given.agencyName, domainName: given.domainName, domainId: given.domainId }, `AssumedIdentity.huaweiAgency(${JSON.stringify(props)})`);
  }

  /** An Alibaba Cloud RAM role, by ARN. */
  static alibabaRole(props: AlibabaRoleProps): AssumedIdentity {
    const given = props ?? ({} as AlibabaRoleProps);
    return new AssumedIdentity({ cloud: "alibabacloud", roleArn: given.roleArn, sessionName: given.sessionName }, `AssumedIdentity.alibabaRole(${JSON.stringify(props)})`);
  }

  private constructor(
    private readonly identity: DeclaredIdentity,
    /** How it was written in code, for messages. */
    readonly source: string,
  ) {}

  /** "huaweicloud" or "alibabacloud". */
  get cloud(): string {
    return this.identity.cloud;
  }

  /** "agency encryption-admin in domain acme-prod" / "role acs:ram::…:role/x". */
  get description(): string {
    return describeIdentity(this.identity);
  }

  /**
   * Checks the identity for a resource of `cloud`; problems go to `check` under `prop`
   * (`identity.roleArn …`). Returns the identity when it is valid there.
   * @internal
   */
  _validateFor(cloud: DeclaredIdentity["cloud"], check: PropValidator, prop: string): DeclaredIdentity | undefined {
    if (cloud !== this.identity.cloud) {
      check.fail(prop, new WrittenAs(this.source), `${CLOUD_WORDS[cloud]}: the resource is in ${cloud === "huaweicloud" ? "Huawei Cloud" : "Alibaba Cloud"}`);
      return undefined;
    }
    const before = check.problems.length;
    if (this.identity.cloud === "huaweicloud") validateAgency(this.identity, check, prop);
    else validateRole(this.identity, check, prop);
    return check.problems.length === before ? this.identity : undefined;
  }
}

function validateAgency(identity: HuaweiAgencyIdentity, check: PropValidator, prop: string): void {
  check.required(`${prop}.agencyName`, identity.agencyName, IDENTITY_RULES.agencyName);
  if (identity.domainName === undefined && identity.domainId === undefined) {
    check.fail(`${prop}.domainName`, undefined, `${IDENTITY_RULES.domainName.allowed} (or domainId): the account that owns the agency`);
  }
  if (identity.domainName !== undefined) check.required(`${prop}.domainName`, identity.domainName, IDENTITY_RULES.domainName);
  if (identity.domainId !== undefined) check.required(`${prop}.domainId`, identity.domainId, IDENTITY_RULES.domainId);
}

function validateRole(identity: AlibabaRoleIdentity, check: PropValidator, prop: string): void {
  check.required(`${prop}.roleArn`, identity.roleArn, IDENTITY_RULES.roleArn);
  if (identity.sessionName !== undefined) check.required(`${prop}.sessionName`, identity.sessionName, IDENTITY_RULES.sessionName);
}
