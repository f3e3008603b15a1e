import { CloudError } from "../../cloud-error";
import { ConfigError } from "../../../runtime/config-error";
import { CredentialSource, SourceAbsent } from "../../credentials/credential-source";
import { shortKeyId } from "../../credential-provider";
import { HttpTransport } from "../../http-transport";
import { RefreshingCredentials } from "../../refreshing-credentials";
import { HuaweiCredentials } from "./huawei-credential";
import { huaweiErrorParser } from "../huawei-errors";
import { CredentialSourceError } from "./credential-source-error";
import { HuaweiSourceContext } from "./huawei-source-context";
import { TemporaryCredentialBody } from "./iam-client";
import { temporaryCredentials } from "./temporary-credentials";
import { HUAWEI_DIALECT } from "../huawei-dialect";

/**
 * Moves the ECS metadata service (tests, a metadata proxy). The official SDKs and the provider
 * have no such variable: they always use http://169.254.169.254 (`MetadataEndpoint` in the Go
 * SDK's `metadata_accessor.go`, `securityKeyURL` in the provider's `auth.go`).
 */
export const METADATA_URL_ENV = "CDKTF_ENCRYPTION_HUAWEI_METADATA_URL";
export const DEFAULT_METADATA_URL = "http://169.254.169.254";
const SECURITY_KEY_PATH = "/openstack/latest/securitykey";
/** The Go SDK's metadata client gives up after 3 s (`http.Client{Timeout: 3 * time.Second}` in `core/auth/internal/metadata_accessor.go`). */
const METADATA_TIMEOUT_MS = 3_000;
/** A metadata service that answered busy is asked up to this many times in all. */
const METADATA_ATTEMPTS = 4;
/** What the metadata service answers (HTTP 401) on an instance without an agency (the Go SDK's `ConfigAgencyError`). */
const NO_AGENCY_TEXT = "Please configure Cloud Service Agency first";

export function metadataBaseUrl(env: NodeJS.ProcessEnv): URL {
  const raw = env[METADATA_URL_ENV]?.trim() || DEFAULT_METADATA_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${METADATA_URL_ENV} "${raw}" is not a URL: expected e.g. http://169.254.169.254 or http://127.0.0.1:4599`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new ConfigError(`${METADATA_URL_ENV} "${raw}" must be an http or https URL`);
  return url;
}

/**
 * The ECS instance's agency: temporary AK/SK from `GET {metadata}/openstack/latest/securitykey`
 * (`credential.{access,secret,securitytoken,expires_at}`), fetched again before they expire.
 * The provider's last resort (`buildClientByMeta`); so is it here. An unreachable metadata
 * service means this is not an ECS: tried once, then the source is absent. A service that
 * answers busy (5xx, 429) is asked again like any idempotent read, within the run's deadline.
 * The Go SDK first asks `PUT /meta-data/latest/api/token` for a session token and goes on
 * without one on 404/405; the plain GET alone is what the provider sends (*unverified* that
 * every ECS accepts it).
 */
export function ecsMetadataCredentials(ctx: HuaweiSourceContext): RefreshingCredentials<HuaweiCredentials> {
  const baseUrl = metadataBaseUrl(ctx.env);
  const source = `ECS metadata ${baseUrl.origin}`;
  const transport = (maxAttempts: number) =>
    new HttpTransport({
      baseUrl,
      signer: { sign: () => ({}) },
      parseError: huaweiErrorParser({ busyCodes: new Set(), notFoundCodes: new Set() }),
      // The metadata service is no API gateway: only its own request id header.
      dialect: { ...HUAWEI_DIALECT, requestIdHeaders: ["x-request-id"] },
      clock: ctx.clock,
      log: ctx.log,
      timeoutMs: METADATA_TIMEOUT_MS,
      maxAttempts,
    });
  const probe = transport(1);
  const retrying = transport(METADATA_ATTEMPTS);
  const call = { service: "ECS metadata", operation: "GetSecurityKey", method: "GET", path: SECURITY_KEY_PATH, idempotent: true } as const;
  let accessKey: string | undefined;
  return new RefreshingCredentials<HuaweiCredentials>(
    async () => {
      let answer;
      try {
        try {
          answer = await probe.call<TemporaryCredentialBody>(call);
        } catch (error) {
          if (!(error instanceof CloudError) || error.status === undefined || !error.retryable) throw error;
          answer = await retrying.call<TemporaryCredentialBody>(call);
        }
      } catch (error) {
        if (!(error instanceof CloudError)) throw error;
        if (error.status === 401 && error.detail.includes(NO_AGENCY_TEXT)) throw new SourceAbsent("this ECS instance has no agency attached");
        if (error.status === undefined) {
          throw new SourceAbsent(`no answer from the metadata service ${baseUrl.origin} (${error.code}): not a Huawei Cloud ECS${ctx.env[METADATA_URL_ENV] ? ` (${METADATA_URL_ENV} moves it)` : ""}`);
        }
        throw new CredentialSourceError(source, `the metadata service answered HTTP ${error.status} ${error.code}: ${error.detail}`, "that the instance's agency is attached and the metadata service is healthy");
      }
      const temporary = temporaryCredentials(answer.body, answer.serverTime, ctx.clock, source);
      accessKey = temporary.accessKey;
      return temporary;
    },
    () => `ECS instance agency (temporary key ${accessKey ? shortKeyId(accessKey) : "not yet fetched"} from ${source})`,
    ctx.clock,
  );
}

/**
 * Probed last, configured by nothing: its first fetch decides whether it is there. Absent (no
 * metadata service, no agency attached), the chain ends with what it tried.
 */
export const ECS_METADATA_SOURCE: CredentialSource<HuaweiCredentials, HuaweiSourceContext> = {
  name: "ECS instance agency (metadata)",
  variables: [METADATA_URL_ENV],
  configured: () => ({ configured: true }),
  provider: async (ctx) => {
    const provider = ecsMetadataCredentials(ctx);
    await provider.get();
    return provider;
  },
};
