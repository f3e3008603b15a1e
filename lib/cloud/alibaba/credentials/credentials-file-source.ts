import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { assumedRole } from "./assume-role-source";
import { CredentialSourceError } from "./credential-source-error";
import { ecsRamRole } from "./ecs-ram-role-source";
import { AlibabaCredentialProvider, SourceContext, homeDirectory } from "./source-context";
import { staticKeys } from "./static-keys-source";

export const CREDENTIALS_FILE_ENV = "ALIBABA_CLOUD_CREDENTIALS_FILE";

/**
 * The credentials file of the official SDKs (INI, `ALIBABA_CLOUD_CREDENTIALS_FILE` or
 * `~/.alibabacloud/credentials`), section `ALIBABA_CLOUD_PROFILE` or `default`, types
 * `access_key`, `ecs_ram_role`, `ram_role_arn` (`@alicloud/credentials` `providers/profile.ts`).
 * Undefined when the default file does not exist; a file named by the variable must exist.
 */
export function credentialsFile(ctx: SourceContext): AlibabaCredentialProvider | undefined {
  const named = ctx.env[CREDENTIALS_FILE_ENV]?.trim();
  const file = named || path.join(homeDirectory(ctx.env), ".alibabacloud", "credentials");
  const fileSource = `credentials file ${file}`;
  if (!existsSync(file)) {
    if (named) throw new CredentialSourceError(fileSource, "the file does not exist", `${CREDENTIALS_FILE_ENV}`);
    return undefined;
  }
  const sections = parseIni(readFileSync(file, "utf8"), fileSource);
  const profile = ctx.env.ALIBABA_CLOUD_PROFILE?.trim() || "default";
  const source = `${fileSource}, profile [${profile}]`;
  const section = sections.get(profile);
  if (!section) throw new CredentialSourceError(source, `there is no section [${profile}]; the file has ${[...sections.keys()].map((s) => `[${s}]`).join(", ") || "none"}`, `ALIBABA_CLOUD_PROFILE or ${file}`);
  const need = (key: string) => {
    const value = section.get(key);
    if (!value) throw new CredentialSourceError(source, `type ${section.get("type")} needs ${key}`, `the section [${profile}] of ${file}`);
    return value;
  };
  const origin = `${source}, type ${section.get("type")}`;
  switch (section.get("type")) {
    case "access_key":
      return staticKeys({ accessKeyId: need("access_key_id"), accessKeySecret: need("access_key_secret") }, origin);
    case "ecs_ram_role":
      return ecsRamRole({ roleName: section.get("role_name") || undefined }, ctx, origin);
    case "ram_role_arn":
      return assumedRole(
        { roleArn: need("role_arn"), sessionName: section.get("role_session_name") },
        staticKeys({ accessKeyId: need("access_key_id"), accessKeySecret: need("access_key_secret") }, `[${profile}]`),
        ctx,
        origin,
      );
    default:
      throw new CredentialSourceError(source, `type ${JSON.stringify(section.get("type"))} is not one cdktf-encryption reads`, "type = access_key, ecs_ram_role or ram_role_arn");
  }
}

/** `[section]` headers and `key = value` lines; `;` and `#` start comments. */
function parseIni(text: string, source: string): Map<string, Map<string, string>> {
  const sections = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === "" || line.startsWith(";") || line.startsWith("#")) return;
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) {
      current = new Map();
      sections.set(header[1].trim(), current);
      return;
    }
    const pair = /^([^=]+?)\s*=\s*(.*)$/.exec(line);
    if (!pair || !current) throw new CredentialSourceError(source, `line ${index + 1} is neither a [section] nor a key = value inside one`, "the INI format: [default] then type = access_key, access_key_id = …");
    current.set(pair[1].trim(), pair[2].trim().replace(/^"(.*)"$/, "$1"));
  });
  return sections;
}
