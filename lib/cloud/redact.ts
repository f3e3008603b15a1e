/** Header names whose values are credentials, in lowercase. */
const SECRET_HEADERS = new Set([
  "authorization",
  "x-auth-token",
  "x-subject-token",
  "x-security-token",
  "x-acs-security-token",
]);

const SECRET_ENV_NAMES = [
  "HW_SECRET_KEY",
  "HW_ACCESS_KEY",
  "HW_SECURITY_TOKEN",
  "HW_AUTH_TOKEN",
  "ALIBABA_CLOUD_ACCESS_KEY_ID",
  "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
  "ALIBABA_CLOUD_SECURITY_TOKEN",
  "ALICLOUD_ACCESS_KEY",
  "ALICLOUD_SECRET_KEY",
  "ALICLOUD_SECURITY_TOKEN",
];

export const REDACTED = "***";

/** Copies headers with credential values replaced, for logs. */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name] = SECRET_HEADERS.has(name.toLowerCase()) ? REDACTED : value;
  }
  return out;
}

/**
 * Removes every credential value known from the environment out of a text before it is
 * printed. Access key ids are treated as secrets too: they identify the account.
 */
export class Redactor {
  private readonly secrets: string[];

  constructor(env: NodeJS.ProcessEnv = process.env, extra: readonly string[] = []) {
    const values = SECRET_ENV_NAMES.map((name) => env[name]).concat(extra);
    this.secrets = values
      .filter((v): v is string => typeof v === "string" && v.length >= 4)
      .sort((a, b) => b.length - a.length);
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.secrets) {
      if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    }
    return out;
  }
}
