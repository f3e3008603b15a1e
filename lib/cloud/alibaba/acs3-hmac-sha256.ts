import { createHmac } from "node:crypto";
import { CanonicalInput, canonicalPathSegments, canonicalQueryString, rfc3986Encode, sha256Hex } from "../canonical-request";

export { rfc3986Encode, sha256Hex };

export const ACS3_ALGORITHM = "ACS3-HMAC-SHA256";

export function acs3CanonicalUri(path: string): string {
  return path === "" ? "/" : canonicalPathSegments(path);
}

/** Whether a header takes part in the signature: `host`, `content-type` and every `x-acs-*`. */
export function isAcs3SignedHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return lower === "host" || lower === "content-type" || lower.startsWith("x-acs-");
}

/** The signed headers, lowercased, values trimmed (repeated names joined by `,`), sorted by name. */
export function acs3SignedHeaders(headers: Record<string, string>): [string, string][] {
  const merged = new Map<string, string[]>();
  for (const [name, value] of Object.entries(headers)) {
    if (!isAcs3SignedHeader(name)) continue;
    const lower = name.toLowerCase();
    merged.set(lower, [...(merged.get(lower) ?? []), (value ?? "").trim()]);
  }
  return [...merged.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, values]) => [name, values.sort().join(",")]);
}

export function acs3CanonicalRequest(input: CanonicalInput, signed = acs3SignedHeaders(input.headers)): string {
  return [
    input.method.toUpperCase(),
    acs3CanonicalUri(input.path),
    canonicalQueryString(input.query),
    signed.map(([name, value]) => `${name}:${value}\n`).join(""),
    signed.map(([name]) => name).join(";"),
    input.payloadHash,
  ].join("\n");
}

/** The hex signature: HMAC-SHA256 of `ACS3-HMAC-SHA256\n{sha256(canonical request)}`, keyed with the raw secret. */
export function acs3Signature(input: CanonicalInput, secret: string, signed = acs3SignedHeaders(input.headers)): string {
  const stringToSign = `${ACS3_ALGORITHM}\n${sha256Hex(acs3CanonicalRequest(input, signed))}`;
  return createHmac("sha256", secret).update(stringToSign).digest("hex");
}

/** The `Authorization` header value. */
export function acs3Authorization(input: CanonicalInput, accessKeyId: string, secret: string): string {
  const signed = acs3SignedHeaders(input.headers);
  const signedNames = signed.map(([name]) => name).join(";");
  return `${ACS3_ALGORITHM} Credential=${accessKeyId},SignedHeaders=${signedNames},Signature=${acs3Signature(input, secret, signed)}`;
}

/** `YYYY-MM-DDTHH:mm:ssZ` in UTC, as `x-acs-date` carries it. */
export function acsDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Parses `YYYY-MM-DDTHH:mm:ssZ`; undefined when malformed. */
export function parseAcsDate(value: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(value)) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Parses `ACS3-HMAC-SHA256 Credential=…,SignedHeaders=…,Signature=…`. */
export function parseAcs3Authorization(value: string): { accessKeyId: string; signedHeaders: string[]; signature: string } | undefined {
  const m = /^ACS3-HMAC-SHA256\s+Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]+)$/.exec(value.trim());
  if (!m) return undefined;
  return { accessKeyId: m[1], signedHeaders: m[2].split(";"), signature: m[3] };
}
