import { CloudError } from "../../cloud-error";
import { ConfigError } from "../../../runtime/config-error";
import { CredentialSource } from "../../credentials/credential-source";
import { CredentialProvider } from "../../credential-provider";
import { registerSecret } from "../../../runtime/redact";
import { RefreshingCredentials } from "../../refreshing-credentials";
import { HuaweiCredentials } from "./huawei-credential";
import { CredentialSourceError } from "./credential-source-error";
import { HuaweiSourceContext, firstSet } from "./huawei-source-context";
import { HuaweiIamClient, describeIamRefusal } from "./iam-client";
import { tokenExpiry } from "./temporary-credentials";

/** Variables of user + password login, in the huaweicloud provider's order (v1.97.1 `provider.go` schema `MultiEnvDefaultFunc`s). */
export const PASSWORD_VARIABLES = {
  userName: ["HW_USER_NAME", "OS_USERNAME"],
  userId: ["HW_USER_ID", "OS_USER_ID"],
  password: ["HW_USER_PASSWORD", "OS_PASSWORD"],
  domainName: ["HW_DOMAIN_NAME", "OS_DOMAIN_NAME", "OS_USER_DOMAIN_NAME", "OS_PROJECT_DOMAIN_NAME"],
  domainId: ["HW_DOMAIN_ID", "OS_DOMAIN_ID", "OS_USER_DOMAIN_ID", "OS_PROJECT_DOMAIN_ID"],
  projectId: ["HW_PROJECT_ID", "OS_PROJECT_ID"],
} as const;

/**
 * An IAM user's token from its name (or id) and password: `POST /v3/auth/tokens` with the
 * password method, scoped to the region's project; the token comes back in `X-Subject-Token`
 * and is fetched again before its `expires_at` (24 h). Used when a password and a user are set,
 * after a token and keys, as `buildClient` in the provider's `auth.go` does.
 */
export const PASSWORD_SOURCE: CredentialSource<HuaweiCredentials, HuaweiSourceContext> = {
  name: "user and password",
  variables: [...PASSWORD_VARIABLES.userName, ...PASSWORD_VARIABLES.userId, ...PASSWORD_VARIABLES.password, ...PASSWORD_VARIABLES.domainName, ...PASSWORD_VARIABLES.domainId],
  configured: ({ env }) =>
    firstSet(env, PASSWORD_VARIABLES.password) && (firstSet(env, PASSWORD_VARIABLES.userName) || firstSet(env, PASSWORD_VARIABLES.userId))
      ? { configured: true }
      : { configured: false, why: "HW_USER_PASSWORD with HW_USER_NAME (or HW_USER_ID) is not set" },
  provider: (ctx) => passwordProvider(ctx),
};

function passwordProvider(ctx: HuaweiSourceContext): CredentialProvider<HuaweiCredentials> {
  const { env } = ctx;
  const password = firstSet(env, PASSWORD_VARIABLES.password)!;
  const userName = firstSet(env, PASSWORD_VARIABLES.userName);
  const userId = firstSet(env, PASSWORD_VARIABLES.userId);
  registerSecret(password.value);
  const domainName = firstSet(env, PASSWORD_VARIABLES.domainName);
  const domainId = firstSet(env, PASSWORD_VARIABLES.domainId);
  if (userName && !domainName && !domainId) {
    throw new ConfigError(
      `Huawei Cloud credentials are incomplete: ${userName.name} is set but not the account it belongs to (set HW_DOMAIN_NAME or HW_DOMAIN_ID, or use HW_USER_ID)`,
    );
  }
  const projectId = firstSet(env, PASSWORD_VARIABLES.projectId);
  const user = userName
    ? { name: userName.value, password: password.value, domain: domainId ? { id: domainId.value } : { name: domainName!.value } }
    : { id: userId!.value, password: password.value };
  const body = {
    auth: {
      identity: { methods: ["password"], password: { user } },
      scope: { project: projectId ? { id: projectId.value } : { name: ctx.region } },
    },
  };
  const who = userName ? `user ${userName.value} in domain ${domainName?.value ?? domainId!.value}` : `user id ${userId!.value}`;
  const origin = `${userName?.name ?? userId!.name}/${password.name}`;
  const iam = new HuaweiIamClient(ctx);
  return new RefreshingCredentials<HuaweiCredentials>(
    async () => {
      let issued;
      try {
        issued = await iam.createToken(body, "CreateTokenByPassword");
      } catch (error) {
        if (!(error instanceof CloudError)) throw error;
        throw new CredentialSourceError(
          `password of ${origin}`,
          `the login of ${who} failed: ${describeIamRefusal(error)}`,
          `the user name, password and account (HW_DOMAIN_NAME) are right and the user may log in with a password (not locked, no MFA for API login)`,
        );
      }
      registerSecret(issued.token);
      return { credentials: { kind: "token", authToken: issued.token }, expiresAt: tokenExpiry(issued.expiresAt, issued.serverTime, ctx.clock, `password of ${origin}`) };
    },
    () => `IAM token of ${who} (password from ${origin})`,
    ctx.clock,
  );
}
