import { CloudError } from "../../cloud-error";
import { CredentialFileProblem, readCredentialFile } from "../../credentials/credential-file";
import { CredentialSource } from "../../credentials/credential-source";
import { CredentialProvider, shortKeyId } from "../../credential-provider";
import { registerSecret } from "../../../runtime/redact";
import { RefreshingCredentials } from "../../refreshing-credentials";
import { HuaweiCredentials } from "./huawei-credential";
import { HuaweiSigner } from "../huawei-signer";
import { CredentialSourceError } from "./credential-source-error";
import { HuaweiSourceContext, firstSet } from "./huawei-source-context";
import { HuaweiIamClient, describeIamRefusal } from "./iam-client";
import { temporaryCredentials } from "./temporary-credentials";

/**
 * Variables of OpenID Connect federation: the provider's `assume_role_with_oidc`
 * (`HW_ASSUME_ROLE_IDP_ID`, `HW_ASSUME_ROLE_ID_TOKEN`, `HW_ASSUME_ROLE_ID_TOKEN_FILE`) and the
 * official SDKs' (`HUAWEICLOUD_SDK_IDP_ID`, `HUAWEICLOUD_SDK_ID_TOKEN_FILE`, `env_provider.go`).
 */
export const OIDC_VARIABLES = {
  idpId: ["HW_ASSUME_ROLE_IDP_ID", "HUAWEICLOUD_SDK_IDP_ID"],
  idToken: ["HW_ASSUME_ROLE_ID_TOKEN"],
  idTokenFile: ["HW_ASSUME_ROLE_ID_TOKEN_FILE", "HUAWEICLOUD_SDK_ID_TOKEN_FILE"],
} as const;

/** Seconds of the temporary keys asked for with the token method (IAM's minimum). */
const DURATION_SECONDS = 900;

/**
 * Federated temporary AK/SK from an ID token (a CI system's OIDC token): IAM
 * `POST /v3.0/OS-AUTH/id-token/tokens` with `X-Idp-Id` gives a federated token
 * (`X-Subject-Token`, as the official SDKs' `CreateTokenWithIdToken` reads it), then
 * `POST /v3.0/OS-CREDENTIAL/securitytokens` with the token method turns it into AK/SK. The token
 * file is read again at each renewal, as CI systems rotate it, and never blocks (a FIFO is refused).
 *
 * The huaweicloud provider (>= 1.77.7; v1.97.1 `LoadAndValidate` in `huaweicloud/config/config.go`)
 * exchanges the ID token before `buildClient`, and the keys it gets replace access keys from the
 * environment or a profile: so OIDC comes before them here. Only an IAM token still wins.
 */
export const OIDC_FEDERATION_SOURCE: CredentialSource<HuaweiCredentials, HuaweiSourceContext> = {
  name: "OIDC federation",
  variables: [...OIDC_VARIABLES.idpId, ...OIDC_VARIABLES.idToken, ...OIDC_VARIABLES.idTokenFile],
  configured: ({ env }) => (firstSet(env, OIDC_VARIABLES.idpId) ? { configured: true } : { configured: false, why: "HW_ASSUME_ROLE_IDP_ID and HUAWEICLOUD_SDK_IDP_ID are not set" }),
  provider: (ctx) => oidcFederation(ctx),
};

function oidcFederation(ctx: HuaweiSourceContext): CredentialProvider<HuaweiCredentials> {
  const { env } = ctx;
  const idp = firstSet(env, OIDC_VARIABLES.idpId)!;
  const inline = firstSet(env, OIDC_VARIABLES.idToken);
  const file = firstSet(env, OIDC_VARIABLES.idTokenFile);
  const origin = `${idp.name} with ${inline?.name ?? file?.name ?? "no ID token"}`;
  if (!inline && !file) {
    throw new CredentialSourceError(origin, `${idp.name} is set but no ID token is given`, "set HW_ASSUME_ROLE_ID_TOKEN_FILE (a file holding the OIDC ID token) or HW_ASSUME_ROLE_ID_TOKEN");
  }
  const projectId = firstSet(env, ["HW_PROJECT_ID", "HUAWEICLOUD_SDK_PROJECT_ID"]);
  const scope = { project: projectId ? { id: projectId.value } : { name: ctx.region } };
  const readIdToken = (): string => {
    if (inline) {
      registerSecret(inline.value);
      return inline.value;
    }
    let text: string;
    try {
      text = readCredentialFile(file!.value).trim();
    } catch (error) {
      if (!(error instanceof CredentialFileProblem)) throw error;
      throw new CredentialSourceError(origin, `the ID token file ${error.message}`, `that ${file!.name} names the file your CI system writes the OIDC token to, and that it exists when the deploy runs`);
    }
    if (!text) {
      throw new CredentialSourceError(origin, `the ID token file ${file!.value} is empty`, "that the CI job requests an OIDC token (e.g. `id-token: write` permission) before the deploy runs");
    }
    registerSecret(text);
    return text;
  };
  let accessKey: string | undefined;
  const unsigned = new HuaweiIamClient(ctx);
  const refusal = (error: unknown, step: string): never => {
    if (!(error instanceof CloudError)) throw error;
    throw new CredentialSourceError(
      origin,
      `${step} failed: ${describeIamRefusal(error)}`,
      `that identity provider ${idp.value} exists, is an OpenID Connect provider whose issuer and client id match the token, and maps the token to a user group with permissions`,
    );
  };
  return new RefreshingCredentials<HuaweiCredentials>(
    async () => {
      const idToken = readIdToken();
      let federated;
      try {
        federated = await unsigned.createTokenWithIdToken(idp.value, { auth: { id_token: { id: idToken }, scope } });
      } catch (error) {
        return refusal(error, `exchanging the ID token at identity provider ${idp.value}`);
      }
      registerSecret(federated.token);
      const withToken = new HuaweiIamClient(ctx, new HuaweiSigner({ kind: "token", authToken: federated.token }));
      let answer;
      try {
        answer = await withToken.createSecurityToken(
          { auth: { identity: { methods: ["token"], token: { duration_seconds: DURATION_SECONDS } } } },
          "CreateTemporaryAccessKeyByToken",
        );
      } catch (error) {
        return refusal(error, "turning the federated token into temporary keys");
      }
      const temporary = temporaryCredentials(answer.body, answer.serverTime, ctx.clock, origin);
      accessKey = temporary.accessKey;
      return temporary;
    },
    () => `federated identity from identity provider ${idp.value} (from ${origin}${accessKey ? `, temporary key ${shortKeyId(accessKey)}` : ""})`,
    ctx.clock,
  );
}
