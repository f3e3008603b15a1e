import { CallSite, unexpectedResponse } from "./cloud-error";

/** A text field of a service's answer: undefined when it is absent, not a string, or empty. */
export function nonEmptyText(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/**
 * The object a service's answer carries in `field` (DescribeKey's `KeyMetadata`, describe-key's
 * `key_info`); without it the answer is unexpected, named after `serviceName` (see unexpectedResponse).
 */
export function requiredObject(body: Record<string, unknown>, field: string, site: CallSite, serviceName?: string): Record<string, unknown> {
  const value = body[field];
  if (value && typeof value === "object") return value as Record<string, unknown>;
  throw unexpectedResponse(site, `${field} is missing`, serviceName);
}
