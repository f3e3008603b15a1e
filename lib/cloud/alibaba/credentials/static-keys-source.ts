import { fixedCredentials, shortKeyId } from "../../credential-provider";
import { AlibabaCredentials } from "../alibaba-credentials";
import { AlibabaCredentialProvider } from "./source-context";

/** Keys that do not change: environment variables, a profile's AK or StsToken mode. */
export function staticKeys(credentials: AlibabaCredentials, origin: string): AlibabaCredentialProvider {
  const kind = credentials.securityToken ? "STS token" : "AccessKey";
  return fixedCredentials(credentials, `${kind} ${shortKeyId(credentials.accessKeyId)} (from ${origin})`);
}
