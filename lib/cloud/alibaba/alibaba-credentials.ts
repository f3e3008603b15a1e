import { ConfigError } from "../config-error";
import { CredentialProvider } from "../credential-provider";

/** An AccessKey pair, optionally temporary (STS) with its security token. */
export interface AlibabaCredentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken?: string;
}

interface VariableSet {
  readonly id: string;
  readonly secret: string;
  readonly token: string;
}

/** The official SDKs' variables first, then the forms the alicloud Terraform provider also reads. */
const OFFICIAL: VariableSet = { id: "ALIBABA_CLOUD_ACCESS_KEY_ID", secret: "ALIBABA_CLOUD_ACCESS_KEY_SECRET", token: "ALIBABA_CLOUD_SECURITY_TOKEN" };
const PROVIDER: VariableSet = { id: "ALICLOUD_ACCESS_KEY", secret: "ALICLOUD_SECRET_KEY", token: "ALICLOUD_SECURITY_TOKEN" };

export const ALIBABA_REGION_VARIABLES = ["ALIBABA_CLOUD_REGION", "ALICLOUD_REGION"] as const;

/**
 * Reads the AccessKey pair from the environment. The pair and its token come from one family
 * of variables, so a stale token of the other family is never sent with the wrong key.
 */
export function alibabaCredentialsFromEnv(env: NodeJS.ProcessEnv = process.env): AlibabaCredentials {
  for (const set of [OFFICIAL, PROVIDER]) {
    const accessKeyId = env[set.id]?.trim();
    const accessKeySecret = env[set.secret]?.trim();
    if (accessKeyId && accessKeySecret) {
      return { accessKeyId, accessKeySecret, securityToken: env[set.token]?.trim() || undefined };
    }
    if (accessKeyId || accessKeySecret) {
      throw new ConfigError(
        `Alibaba Cloud credentials are incomplete: ${accessKeyId ? set.secret : set.id} is not set (set both ${set.id} and ${set.secret}, and ${set.token} for STS credentials)`,
      );
    }
  }
  throw new ConfigError(
    `no Alibaba Cloud credentials in the environment: set ${OFFICIAL.id} and ${OFFICIAL.secret} (and ${OFFICIAL.token} for STS credentials), or the alicloud provider's ${PROVIDER.id} and ${PROVIDER.secret}`,
  );
}

/** The region from ALIBABA_CLOUD_REGION or ALICLOUD_REGION, when set. */
export function alibabaRegionFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const name of ALIBABA_REGION_VARIABLES) {
    const value = env[name]?.trim();
    if (value) return value;
  }
  return undefined;
}

/**
 * The credential provider of a run for this environment. Today: the AccessKey pair from the
 * environment, read on first use.
 */
export function alibabaCredentialProvider(env: NodeJS.ProcessEnv = process.env): CredentialProvider<AlibabaCredentials> {
  let credentials: AlibabaCredentials | undefined;
  return {
    get: async () => (credentials ??= alibabaCredentialsFromEnv(env)),
    describe: () => "AccessKey from the environment",
  };
}
