/** Header names whose values are credentials, in lowercase. */
const SECRET_HEADERS = new Set([
  "authorization",
  "x-auth-token",
  "x-subject-token",
  "x-security-token",
  "x-acs-security-token",
  // Identifies the account; printed nowhere, like the access key ids of the environment.
  "x-acs-accesskey-id",
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
  for (const form of secretForms(value)) runtimeSecrets.add(form);
}

/**
 * Every way a credential value may show up in text: as given (a CI secret often has a
 * trailing newline), as used on the wire (trimmed), and trimmed as a URL query or form value
 * and inside a JSON string, as a service may echo it.
 */
export function secretForms(value: string | undefined): string[] {
  if (typeof value !== "string") return [];
  const trimmed = value.trim();
  const forms = new Set([value, trimmed, encodeURIComponent(trimmed), JSON.stringify(trimmed).slice(1, -1), JSON.stringify(value).slice(1, -1)]);
  return [...forms].filter((form) => form.trim().length >= 4);
}

/**
 * Redacts the process environment's credential values and those registered at run time:
 * for text built below the log (error messages), so it is clean before any cut.
 */
export function redactKnownSecrets(text: string): string {
  return new Redactor(process.env).redact(text);
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
    this.secrets = [...new Set(values.flatMap(secretForms))].sort((a, b) => b.length - a.length);
  }

  redact(text: string): string {
    let out = text;
    if (this.secrets.length === 0 && runtimeSecrets.size === 0) return text;
    const secrets = runtimeSecrets.size === 0 ? this.secrets : [...this.secrets, ...runtimeSecrets].sort((a, b) => b.length - a.length);
    for (const secret of secrets) {
      if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    }
    return out;
  }
}
