import { ConfigError } from "../../config-error";
import { CredentialProvider, fixedCredentials, shortKeyId } from "../../credential-provider";
import { registerSecret } from "../../redact";
import { HuaweiCredentials } from "../huawei-credentials";

/**
 * The sets of key variables, in order: the huaweicloud provider's (`HW_*`, then `OS_*`, both
 * with `HW_SECURITY_TOKEN`) and the official SDKs' (`HUAWEICLOUD_SDK_*`, `env_provider.go`).
 */
export const KEY_VARIABLES = [
  { ak: "HW_ACCESS_KEY", sk: "HW_SECRET_KEY", token: "HW_SECURITY_TOKEN" },
  { ak: "OS_ACCESS_KEY", sk: "OS_SECRET_KEY", token: "HW_SECURITY_TOKEN" },
  { ak: "HUAWEICLOUD_SDK_AK", sk: "HUAWEICLOUD_SDK_SK", token: "HUAWEICLOUD_SDK_SECURITY_TOKEN" },
] as const;

/** AK/SK (with a security token for temporary keys) from the first set of variables that is set. */
export function staticKeysFromEnv(env: NodeJS.ProcessEnv): CredentialProvider<HuaweiCredentials> | undefined {
  for (const set of KEY_VARIABLES) {
    const accessKey = env[set.ak]?.trim();
    const secretKey = env[set.sk]?.trim();
    if (!accessKey && !secretKey) continue;
    if (!accessKey || !secretKey) {
      throw new ConfigError(
        `Huawei Cloud credentials are incomplete: ${accessKey ? set.sk : set.ak} is not set (set both ${set.ak} and ${set.sk}, or HW_AUTH_TOKEN)`,
      );
    }
    const securityToken = env[set.token]?.trim() || undefined;
    for (const secret of [accessKey, secretKey, securityToken]) registerSecret(secret);
    return fixedCredentials(
      { kind: "aksk", accessKey, secretKey, securityToken },
      `${securityToken ? "temporary access key" : "access key"} ${shortKeyId(accessKey)} from ${set.ak}/${set.sk}${securityToken ? `/${set.token}` : ""}`,
    );
  }
  return undefined;
}
