import { CredentialProvider } from "../credential-provider";
import { HuaweiChainOptions, sharedHuaweiCredentialChain } from "./credentials/huawei-credential-chain";

/** AK/SK (optionally temporary, with a security token) or an IAM token. */
export type HuaweiCredentials =
  | { readonly kind: "aksk"; readonly accessKey: string; readonly secretKey: string; readonly securityToken?: string }
  | { readonly kind: "token"; readonly authToken: string };

/**
 * The credential provider of a run for this environment: the credential chain
 * (`credentials/huawei-credential-chain.ts`), shared by every client of the same environment
 * and region. An IAM token now wins over AK/SK when both are set, as in the huaweicloud provider.
 */
export function huaweiCredentialProvider(
  env: NodeJS.ProcessEnv = process.env,
  options: HuaweiChainOptions = {},
): CredentialProvider<HuaweiCredentials> {
  return sharedHuaweiCredentialChain(env, options);
}
