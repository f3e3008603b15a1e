import { CredentialSource } from "../../credentials/credential-source";
import { ConfigError } from "../../../runtime/config-error";
import { fixedCredentials, shortKeyId } from "../../credential-provider";
import { registerSecret } from "../../../runtime/redact";
import { HuaweiCredentials } from "./huawei-credential";
import { HuaweiSourceContext } from "./huawei-source-context";

/**
 * The sets of key variables, in order: the huaweicloud provider's (`HW_*`, then `OS_*`, both
 * with `HW_SECURITY_TOKEN`) and the official SDKs' (`HUAWEICLOUD_SDK_*`, `env_provider.go`).
 */
export const KEY_VARIABLES = [
  { ak: "HW_ACCESS_KEY", sk: "HW_SECRET_KEY", token: "HW_SECURITY_TOKEN" },
  { ak: "OS_ACCESS_KEY", sk: "OS_SECRET_KEY", token: "HW_SECURITY_TOKEN" },
  { ak: "HUAWEICLOUD_SDK_AK", sk: "HUAWEICLOUD_SDK_SK", token: "HUAWEICLOUD_SDK_SECURITY_TOKEN" },
] as const;

function keySet(env: NodeJS.ProcessEnv): (typeof KEY_VARIABLES)[number] | undefined {
  return KEY_VARIABLES.find((set) => env[set.ak]?.trim() || env[set.sk]?.trim());
}

/** AK/SK (with a security token for temporary keys) from the first set of variables that is set. */
export const STATIC_KEYS_SOURCE: CredentialSource<HuaweiCredentials, HuaweiSourceContext> = {
  name: "environment access keys",
  variables: [...new Set(KEY_VARIABLES.flatMap((set) => [set.ak, set.sk, set.token]))],
  configured: ({ env }) => (keySet(env) ? { configured: true } : { configured: false, why: "no HW_ACCESS_KEY, OS_ACCESS_KEY or HUAWEICLOUD_SDK_AK (nor their secret keys) is set" }),
  provider: ({ env }) => {
    const set = keySet(env)!;
    const accessKey = env[set.ak]?.trim();
    const secretKey = env[set.sk]?.trim();
    if (!accessKey || !secretKey) {
      throw new ConfigError(`Huawei Cloud credentials are incomplete: ${accessKey ? set.sk : set.ak} is not set (set both ${set.ak} and ${set.sk}, or HW_AUTH_TOKEN)`);
    }
    const securityToken = env[set.token]?.trim() || undefined;
    for (const secret of [accessKey, secretKey, securityToken]) registerSecret(secret);
    return fixedCredentials<HuaweiCredentials>(
      { kind: "aksk", accessKey, secretKey, securityToken },
      `${securityToken ? "temporary access key" : "access key"} ${shortKeyId(accessKey)} from ${set.ak}/${set.sk}${securityToken ? `/${set.token}` : ""}`,
    );
  },
};
