import { createHmac } from "node:crypto";
import { rfc3986Encode } from "./acs3-hmac-sha256";

/**
 * Alibaba Cloud's RPC signature version 1.0 (`SignatureMethod=HMAC-SHA1`), which the official
 * credentials package (`@alicloud/credentials` `providers/ram_role_arn.ts`) uses for STS
 * `AssumeRole`: every parameter of the query and the form body, sorted by name and encoded
 * (RFC 3986), joined into `METHOD&%2F&{encoded pairs}`, signed with HMAC-SHA1 keyed by
 * `secret + "&"`, base64.
 */
export function rpcStringToSign(method: string, params: Record<string, string>): string {
  const pairs = Object.keys(params)
    .sort()
    .map((key) => `${rfc3986Encode(key)}=${rfc3986Encode(params[key])}`)
    .join("&");
  return `${method}&${rfc3986Encode("/")}&${rfc3986Encode(pairs)}`;
}

export function rpcSignature(method: string, params: Record<string, string>, accessKeySecret: string): string {
  return createHmac("sha1", `${accessKeySecret}&`).update(rpcStringToSign(method, params)).digest("base64");
}

/** `2024-01-01T00:00:00Z`, the RPC `Timestamp` format. */
export function rpcTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
