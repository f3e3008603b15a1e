import { CredentialProvider, fixedCredentials } from "../../credential-provider";
import { registerSecret } from "../../redact";
import { HuaweiCredentials } from "../huawei-credentials";
import { firstSet } from "./huawei-source-context";

/** The variables of an IAM token, in the huaweicloud provider's order (`token`). */
export const IAM_TOKEN_VARIABLES = ["HW_AUTH_TOKEN", "OS_AUTH_TOKEN"] as const;

/**
 * An IAM token from the environment, sent as `X-Auth-Token`. The huaweicloud provider uses it
 * before AK/SK when both are set (`buildClient` in `huaweicloud/config/auth.go`).
 */
export function iamTokenFromEnv(env: NodeJS.ProcessEnv): CredentialProvider<HuaweiCredentials> | undefined {
  const token = firstSet(env, IAM_TOKEN_VARIABLES);
  if (!token) return undefined;
  registerSecret(token.value);
  return fixedCredentials({ kind: "token", authToken: token.value }, `IAM token from ${token.name}`);
}
