import { AlibabaRoleIdentity, HuaweiAgencyIdentity } from "../contract/declared-identity";
import { AlibabaKmsClient, isAlibabaKmsDenied, isAlibabaKmsNotFound } from "../cloud/alibaba/kms-client";
import { HuaweiKmsClient, isHuaweiKmsDenied, isHuaweiKmsNotFound } from "../cloud/huawei/kms-client";
import { ClientCache } from "./client-cache";
import { KeyVerdict, alibabaKeyVerdict, deniedVerdict, huaweiKeyVerdict } from "./kms-key-check";
import { ReconcileContext } from "./reconciler";
import { ReconcileError } from "./reconcile-error";

/** Reads Huawei KMS keys (describe-key) and judges them; one client per region and project. */
export class HuaweiKeyReader {
  private readonly clients: ClientCache<HuaweiKmsClient, HuaweiAgencyIdentity>;

  constructor(ctx: ReconcileContext) {
    this.clients = new ClientCache((region, projectId, identity) => new HuaweiKmsClient({ region, projectId: projectId!, identity, env: ctx.env, clock: ctx.clock, log: ctx.log, deadline: ctx.deadline }));
  }

  async read(keyId: string, where: { region: string; projectId: string; identity?: HuaweiAgencyIdentity }, allowedSpecs?: readonly string[]): Promise<KeyVerdict> {
    try {
      return huaweiKeyVerdict(keyId, await this.clients.for(where.region, where.projectId, where.identity).describeKey(keyId), where, allowedSpecs);
    } catch (error) {
      if (isHuaweiKmsNotFound(error)) return huaweiKeyVerdict(keyId, undefined, where);
      if (isHuaweiKmsDenied(error)) return deniedVerdict(keyId, error.message);
      throw error;
    }
  }
}

/** Reads Alibaba Cloud KMS keys (DescribeKey) and judges them for ACK; one client per region. */
export class AlibabaKeyReader {
  private readonly clients: ClientCache<AlibabaKmsClient, AlibabaRoleIdentity>;

  constructor(ctx: ReconcileContext) {
    this.clients = new ClientCache((region, _project, identity) => new AlibabaKmsClient({ region, identity, env: ctx.env, clock: ctx.clock, log: ctx.log, deadline: ctx.deadline }));
  }

  async read(keyId: string, region: string, identity?: AlibabaRoleIdentity): Promise<KeyVerdict> {
    try {
      return alibabaKeyVerdict(keyId, await this.clients.for(region, undefined, identity).describeKey(keyId), region);
    } catch (error) {
      if (isAlibabaKmsNotFound(error)) return alibabaKeyVerdict(keyId, undefined, region);
      if (isAlibabaKmsDenied(error)) return deniedVerdict(keyId, error.message);
      throw error;
    }
  }
}

/** The permission that reading a key needs, per cloud, for the warning line. */
export const KEY_READ_PERMISSION = { huawei: "kms:cmk:get", alibaba: "kms:DescribeKey" } as const;

/**
 * Acts on a preflight verdict just before an irreversible or breaking call: a key the service
 * cannot use stops the run with one line and nothing sent; a key the caller may not read is
 * one warning line, and the run goes on (the service's own refusal still stands).
 */
export function enforceKeyVerdict(
  ctx: ReconcileContext,
  verdict: KeyVerdict,
  about: { readonly target: string; readonly before: string; readonly permission: string; readonly fix: string },
): void {
  if (verdict.denied) {
    ctx.log.info(
      `warning: ${about.target}: could not check KMS key ${verdict.keyId} before ${about.before}: these credentials may not read it (${about.permission}); going on, the service refuses a key it cannot use. ${verdict.denied}`,
    );
    return;
  }
  if (verdict.problem) {
    throw new ReconcileError(`${about.target}: KMS key ${verdict.keyId} ${verdict.problem}. Nothing was sent (checked before ${about.before}). ${about.fix}`);
  }
  ctx.log.debug(`${about.target}: KMS key ${verdict.keyId} is ${verdict.state}`);
}
