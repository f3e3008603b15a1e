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

/** Credential values learned at run time (assumed-role keys, tokens from metadata or IAM). */
const runtimeSecrets = new Set<string>();

/**
 * Makes every Redactor of the process hide this value from now on. Credential sources call it
 * for each temporary secret they obtain, before the value can reach a log line or an error.
 */
export function registerSecret(value: string | undefined): void {
  if (typeof value === "string" && value.length >= 4) runtimeSecrets.add(value);
}

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
    const secrets = runtimeSecrets.size === 0 ? this.secrets : [...this.secrets, ...runtimeSecrets].sort((a, b) => b.length - a.length);
    for (const secret of secrets) {
      if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    }
    return out;
  }
}
