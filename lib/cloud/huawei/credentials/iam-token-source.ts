import { CredentialSource } from "../../credentials/credential-source";
import { fixedCredentials } from "../../credential-provider";
import { registerSecret } from "../../../runtime/redact";
import { HuaweiCredentials } from "./huawei-credential";
import { HuaweiSourceContext, firstSet } from "./huawei-source-context";

/** The variables of an IAM token, in the huaweicloud provider's order (`token`). */
export const IAM_TOKEN_VARIABLES = ["HW_AUTH_TOKEN", "OS_AUTH_TOKEN"] as const;

/**
 * An IAM token from the environment, sent as `X-Auth-Token`. The huaweicloud provider (v1.97.1,
 * `buildClient` in `huaweicloud/config/auth.go`) uses it before anything else: even after an
 * OIDC exchange has set keys, `c.Token != ""` is tested first.
 */
export const IAM_TOKEN_SOURCE: CredentialSource<HuaweiCredentials, HuaweiSourceContext> = {
  name: "IAM token",
  variables: IAM_TOKEN_VARIABLES,
  configured: ({ env }) => (firstSet(env, IAM_TOKEN_VARIABLES) ? { configured: true } : { configured: false, why: "HW_AUTH_TOKEN and OS_AUTH_TOKEN are not set" }),
  provider: ({ env }) => {
    const token = firstSet(env, IAM_TOKEN_VARIABLES)!;
    registerSecret(token.value);
    return fixedCredentials<HuaweiCredentials>({ kind: "token", authToken: token.value }, `IAM token from ${token.name}`);
  },
};
