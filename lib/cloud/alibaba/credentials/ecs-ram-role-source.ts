import { ConfigError } from "../../../runtime/config-error";
import { isLoopbackHost } from "../../endpoint";
import { credentialRequest, retriedCredentialRequest } from "./credential-http";
import { CredentialSourceError } from "./credential-source-error";
import { AlibabaCredentialProvider, SourceContext } from "./source-context";
import { RefreshingCredentials } from "../../refreshing-credentials";
import { temporaryCredentials } from "./temporary-credentials";

/**
 * Base URL of the ECS instance metadata service. The official credentials package has no
 * override (it always calls 100.100.100.200); this one lets tests and odd networks point it
 * elsewhere.
 */
export const METADATA_URL_ENV = "CDKTF_ENCRYPTION_ALIBABA_METADATA_URL";
const DEFAULT_METADATA_URL = "http://100.100.100.200";
const CREDENTIALS_PATH = "/latest/meta-data/ram/security-credentials/";
/** What the official package asks for (6 hours). */
const TOKEN_TTL_SECONDS = "21600";

/** The official package's connect and read timeout for each metadata request. */
const METADATA_TIMEOUT_MS = 1000;

/** Metadata answered, but no RAM role is attached to the instance. */
export class NoInstanceRole extends CredentialSourceError {}

export interface EcsRamRoleProps {
  /** The instance's RAM role; discovered from the metadata when undefined. */
  readonly roleName?: string;
  /** Per request. @default 1 s (`@alicloud/credentials` 2.4.7 `providers/ecs_ram_role.ts`: 1 s connect and read) */
  readonly timeoutMs?: number;
}

/**
 * The RAM role attached to this ECS instance, from the instance metadata service with an
 * IMDSv2 token (`PUT /latest/api/token`); falls back to IMDSv1 when the token is refused, as
 * the official package does, unless `ALIBABA_CLOUD_IMDSV1_DISABLED=true`.
 */
export function ecsRamRole(props: EcsRamRoleProps, ctx: SourceContext, origin: string): AlibabaCredentialProvider {
  if (ecsMetadataDisabled(ctx.env)) {
    throw new CredentialSourceError(origin, "instance metadata is turned off (ALIBABA_CLOUD_ECS_METADATA_DISABLED=true)", "unset ALIBABA_CLOUD_ECS_METADATA_DISABLED, or use another source");
  }
  const base = metadataBaseUrl(ctx.env);
  const check = `that this machine is an ECS instance with a RAM role attached${ctx.env[METADATA_URL_ENV] ? ` and that ${METADATA_URL_ENV} is right` : ""}`;
  const imdsV1Disabled = ctx.env.ALIBABA_CLOUD_IMDSV1_DISABLED?.trim().toLowerCase() === "true";
  let roleName = props.roleName;
  const get = async (path: string, headers: Record<string, string>) => {
    // A 5xx from metadata is asked again; no answer at all is not (off ECS, nothing would ever answer).
    const request = { method: "GET" as const, url: new URL(path, base), headers, timeoutMs: props.timeoutMs ?? METADATA_TIMEOUT_MS, allowHttp: true };
    const answer = await retriedCredentialRequest(origin, check, request, { clock: ctx.clock, whenUnreachable: false });
    if (answer.status !== 200) {
      throw new CredentialSourceError(origin, `instance metadata ${path} answered HTTP ${answer.status}`, path === CREDENTIALS_PATH ? check : `that the RAM role ${roleName} is attached to this instance`);
    }
    return answer;
  };
  const fetch = async () => {
    const headers = await metadataToken(base, origin, check, imdsV1Disabled, props.timeoutMs ?? METADATA_TIMEOUT_MS);
    if (!roleName) {
      roleName = (await get(CREDENTIALS_PATH, headers)).text.split("\n")[0].trim();
      if (!roleName) throw new NoInstanceRole(origin, "no RAM role is attached to this instance", check);
    }
    const answer = await get(`${CREDENTIALS_PATH}${encodeURIComponent(roleName)}`, headers);
    let body: { Code?: string; AccessKeyId?: string; AccessKeySecret?: string; SecurityToken?: string; Expiration?: string };
    try {
      body = JSON.parse(answer.text);
    } catch {
      throw new CredentialSourceError(origin, `instance metadata answered something that is not JSON for role ${roleName}`, check);
    }
    if (body.Code !== "Success" || !body.AccessKeyId || !body.AccessKeySecret || !body.SecurityToken) {
      throw new CredentialSourceError(origin, `instance metadata gave no credentials for role ${roleName} (Code ${body.Code ?? "missing"})`, check);
    }
    const { AccessKeyId: accessKeyId, AccessKeySecret: accessKeySecret, SecurityToken: securityToken, Expiration: expiration } = body;
    return temporaryCredentials({ accessKeyId, accessKeySecret, securityToken, expiration }, answer.serverTime, ctx.clock.now(), origin);
  };
  return new RefreshingCredentials(fetch, () => `ECS RAM role ${roleName ?? "(not yet read)"} (from ${origin})`, ctx.clock);
}

/** `ALIBABA_CLOUD_ECS_METADATA_DISABLED=true`: no source may use instance metadata (as in the official package). */
export function ecsMetadataDisabled(env: NodeJS.ProcessEnv): boolean {
  return env.ALIBABA_CLOUD_ECS_METADATA_DISABLED?.trim().toLowerCase() === "true";
}

async function metadataToken(base: URL, origin: string, check: string, imdsV1Disabled: boolean, timeoutMs: number): Promise<Record<string, string>> {
  const answer = await credentialRequest(origin, check, {
    method: "PUT",
    url: new URL("/latest/api/token", base),
    headers: { "x-aliyun-ecs-metadata-token-ttl-seconds": TOKEN_TTL_SECONDS },
    timeoutMs,
    allowHttp: true,
  });
  if (answer.status === 200 && answer.text.trim()) return { "x-aliyun-ecs-metadata-token": answer.text.trim() };
  if (imdsV1Disabled) throw new CredentialSourceError(origin, `the metadata token request answered HTTP ${answer.status} and ALIBABA_CLOUD_IMDSV1_DISABLED=true`, "that the instance's metadata service allows IMDSv2 tokens");
  return {};
}

function metadataBaseUrl(env: NodeJS.ProcessEnv): URL {
  const raw = env[METADATA_URL_ENV]?.trim() || DEFAULT_METADATA_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${METADATA_URL_ENV} "${raw}" is not a URL: expected e.g. http://127.0.0.1:4599`);
  }
  if (url.protocol === "http:" && raw !== DEFAULT_METADATA_URL && !isLoopbackHost(url.hostname) && url.hostname !== "100.100.100.200") {
    throw new ConfigError(`${METADATA_URL_ENV} "${raw}" uses plain http to a host that is neither loopback nor the metadata address 100.100.100.200`);
  }
  return url;
}
