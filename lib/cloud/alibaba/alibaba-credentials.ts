import { ConfigError } from "../../runtime/config-error";

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

/**
 * In the alicloud Terraform provider's precedence (`alicloud/provider.go`: `ALICLOUD_*` first,
 * then `ALIBABA_CLOUD_*`, then `ALIBABACLOUD_*`), so the hook uses the key Terraform uses.
 */
const FAMILIES: readonly VariableSet[] = [
  { id: "ALICLOUD_ACCESS_KEY", secret: "ALICLOUD_SECRET_KEY", token: "ALICLOUD_SECURITY_TOKEN" },
  { id: "ALIBABA_CLOUD_ACCESS_KEY_ID", secret: "ALIBABA_CLOUD_ACCESS_KEY_SECRET", token: "ALIBABA_CLOUD_SECURITY_TOKEN" },
  { id: "ALIBABACLOUD_ACCESS_KEY_ID", secret: "ALIBABACLOUD_ACCESS_KEY_SECRET", token: "ALIBABACLOUD_SECURITY_TOKEN" },
];

/** Every variable of the key families, in the order they are read. */
export const ALIBABA_KEY_VARIABLES: readonly string[] = FAMILIES.flatMap((f) => [f.id, f.secret, f.token]);

/** Whether any AccessKey id or secret variable is set (a token alone configures nothing). */
export function environmentKeysSet(env: NodeJS.ProcessEnv): boolean {
  return FAMILIES.some((f) => Boolean(env[f.id]?.trim() || env[f.secret]?.trim()));
}

export const ALIBABA_REGION_VARIABLES = ["ALICLOUD_REGION", "ALIBABA_CLOUD_REGION"] as const;

/** An AccessKey pair found in the environment and the variable it came from. */
export interface EnvironmentKeys {
  readonly credentials: AlibabaCredentials;
  readonly variable: string;
}

/**
 * The AccessKey pair in the environment, or undefined when none is set. The pair and its token
 * come from one family of variables, so a stale token of another family is never sent with
 * the wrong key (the provider reads each field on its own; mixing families is refused here).
 */
export function findEnvironmentKeys(env: NodeJS.ProcessEnv = process.env): EnvironmentKeys | undefined {
  for (const set of FAMILIES) {
    const accessKeyId = env[set.id]?.trim();
    const accessKeySecret = env[set.secret]?.trim();
    if (accessKeyId && accessKeySecret) {
      return { credentials: { accessKeyId, accessKeySecret, securityToken: env[set.token]?.trim() || undefined }, variable: set.id };
    }
    if (accessKeyId || accessKeySecret) {
      throw new ConfigError(
        `Alibaba Cloud credentials are incomplete: ${accessKeyId ? set.secret : set.id} is not set (set both ${set.id} and ${set.secret}, and ${set.token} for STS credentials)`,
      );
    }
  }
  return undefined;
}

/** Reads the AccessKey pair from the environment; fails naming the variables when none is set. */
export function alibabaCredentialsFromEnv(env: NodeJS.ProcessEnv = process.env): AlibabaCredentials {
  const found = findEnvironmentKeys(env);
  if (found) return found.credentials;
  const [provider, official] = FAMILIES;
  throw new ConfigError(
    `no Alibaba Cloud credentials in the environment: set ${provider.id} and ${provider.secret} (and ${provider.token} for STS credentials), or ${official.id} and ${official.secret}`,
  );
}

/** The region from ALICLOUD_REGION or ALIBABA_CLOUD_REGION (the provider's order), when set. */
export function alibabaRegionFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const name of ALIBABA_REGION_VARIABLES) {
    const value = env[name]?.trim();
    if (value) return value;
  }
  return undefined;
}
