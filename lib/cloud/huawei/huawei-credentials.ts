import { ConfigError } from "../config-error";
import { CredentialProvider } from "../credential-provider";

/** AK/SK (optionally temporary, with a security token) or an IAM token. */
export type HuaweiCredentials =
  | { readonly kind: "aksk"; readonly accessKey: string; readonly secretKey: string; readonly securityToken?: string }
  | { readonly kind: "token"; readonly authToken: string };

/**
 * Reads credentials from the variables the huaweicloud Terraform provider reads, so a
 * user's existing set-up works unchanged. AK/SK wins over a token when both are set.
 */
export function huaweiCredentialsFromEnv(env: NodeJS.ProcessEnv = process.env): HuaweiCredentials {
  const accessKey = env.HW_ACCESS_KEY?.trim();
  const secretKey = env.HW_SECRET_KEY?.trim();
  if (accessKey && secretKey) {
    const securityToken = env.HW_SECURITY_TOKEN?.trim() || undefined;
    return { kind: "aksk", accessKey, secretKey, securityToken };
  }
  if (accessKey || secretKey) {
    throw new ConfigError(
      `Huawei Cloud credentials are incomplete: ${accessKey ? "HW_SECRET_KEY" : "HW_ACCESS_KEY"} is not set (set both HW_ACCESS_KEY and HW_SECRET_KEY, or HW_AUTH_TOKEN)`,
    );
  }
  const authToken = env.HW_AUTH_TOKEN?.trim();
  if (authToken) return { kind: "token", authToken };
  throw new ConfigError(
    "no Huawei Cloud credentials in the environment: set HW_ACCESS_KEY and HW_SECRET_KEY (and HW_SECURITY_TOKEN for temporary keys), or HW_AUTH_TOKEN",
  );
}

/**
 * The credential provider of a run for this environment. Today: the keys or token from the
 * environment, read on first use (so a client can be made before credentials are needed).
 */
export function huaweiCredentialProvider(env: NodeJS.ProcessEnv = process.env): CredentialProvider<HuaweiCredentials> {
  let credentials: HuaweiCredentials | undefined;
  return {
    get: async () => (credentials ??= huaweiCredentialsFromEnv(env)),
    describe: () => (credentials?.kind === "token" ? "IAM token from HW_AUTH_TOKEN" : "access key from HW_ACCESS_KEY/HW_SECRET_KEY"),
  };
}
