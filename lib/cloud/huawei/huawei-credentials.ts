import { CredentialProvider } from "../credential-provider";
import { HuaweiCredentials } from "./credentials/huawei-credential";
import { HuaweiChainOptions, sharedHuaweiCredentialChain } from "./credentials/huawei-credential-chain";

export type { HuaweiCredentials } from "./credentials/huawei-credential";

/**
 * The credential provider of a run for this environment: the credential chain
 * (`credentials/huawei-credential-chain.ts`), shared by every client of the same environment
 * and region. The credentials type lives in `credentials/huawei-credential.ts`, so the sources
 * never import this file.
 */
export function huaweiCredentialProvider(env: NodeJS.ProcessEnv = process.env, options: HuaweiChainOptions = {}): CredentialProvider<HuaweiCredentials> {
  return sharedHuaweiCredentialChain(env, options);
}
