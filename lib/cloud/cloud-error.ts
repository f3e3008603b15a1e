import { terminalText } from "../output/terminal-text";
import { redactKnownSecrets } from "../runtime/redact";

/** Where a cloud call was aimed, for messages: "TaurusDB SetBackupEncryption on instance 7033…in07". */
export interface CallSite {
  readonly service: string;
  readonly operation: string;
  /** What the call acts on, in words, e.g. `instance 7033e7c3…in07`. */
  readonly resource?: string;
}

export interface CloudErrorDetails extends CallSite {
  /** HTTP status, when a response arrived. */
  readonly status?: number;
  /** The service's own error code (`DBS.280001`, `DWS.7023`, `ErrorClusterNotFound`, …) or a transport code. */
  readonly code: string;
  readonly message: string;
  readonly requestId?: string;
  /** What the user should check; one sentence. */
  readonly hint?: string;
  /** Whether repeating the same request later may succeed. */
  readonly retryable: boolean;
  /**
   * Whether the server may have carried the request out although no success reached us
   * (timeouts, resets after sending, 500/502/504). Non-idempotent calls are not repeated
   * blindly after such an error: the reconciler observes again instead.
   */
  readonly ambiguous?: boolean;
  /**
   * The failed call changes the resource (it is not idempotent), so the transport did not send
   * it again, whatever the error: a refusal may be another deploy's change under way, and an
   * unclear answer may hide this one's. The caller observes again before deciding anything.
   */
  readonly notRepeated?: boolean;
  /** Seconds the service asked us to wait before trying again. */
  readonly retryAfterSeconds?: number;
  /** What the retries did before giving up: "gave up after 9 attempts in 10.0s: the run's timeout ran out". */
  readonly outcome?: string;
}

/** A failed cloud call, printable as one readable line. */
export class CloudError extends Error {
  readonly service: string;
  readonly operation: string;
  readonly resource?: string;
  readonly status?: number;
  readonly code: string;
  readonly requestId?: string;
  readonly hint?: string;
  readonly retryable: boolean;
  readonly ambiguous: boolean;
  readonly notRepeated: boolean;
  readonly retryAfterSeconds?: number;
  readonly outcome?: string;
  readonly detail: string;

  constructor(details: CloudErrorDetails) {
    super(formatCloudError(details));
    this.name = "CloudError";
    this.service = details.service;
    this.operation = details.operation;
    this.resource = details.resource;
    this.status = details.status;
    this.code = safeField(details.code, MAX_CODE);
    this.detail = details.message;
    this.requestId = details.requestId === undefined ? undefined : safeField(details.requestId, MAX_CODE);
    this.hint = details.hint;
    this.retryable = details.retryable;
    this.ambiguous = details.ambiguous ?? false;
    this.notRepeated = details.notRepeated ?? false;
    this.retryAfterSeconds = details.retryAfterSeconds;
    this.outcome = details.outcome;
  }

  /** The same error with a hint added where the layer above knows better what to check. */
  withHint(hint: string): CloudError {
    return new CloudError({ ...this.details(), hint });
  }

  details(): CloudErrorDetails {
    return {
      service: this.service,
      operation: this.operation,
      resource: this.resource,
      status: this.status,
      code: this.code,
      message: this.detail,
      requestId: this.requestId,
      hint: this.hint,
      retryable: this.retryable,
      ambiguous: this.ambiguous,
      notRepeated: this.notRepeated,
      retryAfterSeconds: this.retryAfterSeconds,
      outcome: this.outcome,
    };
  }
}

/** Longest code or request id printed; longer ones are a hostile or broken answer. */
const MAX_CODE = 100;
/** Longest message printed. */
const MAX_MESSAGE = 300;

function formatCloudError(d: CloudErrorDetails): string {
  const where = d.resource ? `${d.service} ${d.operation} on ${d.resource}` : `${d.service} ${d.operation}`;
  const status = d.status !== undefined ? ` (HTTP ${d.status})` : "";
  const request = d.requestId ? ` [request id ${safeField(d.requestId, MAX_CODE)}]` : "";
  const outcome = d.outcome ? `; ${oneLine(d.outcome, MAX_MESSAGE)}` : "";
  const hint = d.hint ? ` Check: ${oneLine(d.hint, MAX_MESSAGE)}` : "";
  return `${where} failed: ${safeField(d.code, MAX_CODE)}${status}: ${oneLine(d.message, MAX_MESSAGE)}${request}${outcome}.${hint}`;
}

/**
 * An answer without the shape the service documents (a field missing, a value of another type):
 * not retried, and the hint says to check that the endpoint is the service it should be.
 * `serviceName` names the service in the hint when `site.service` is too short to (`KMS`).
 */
export function unexpectedResponse(site: CallSite, message: string, serviceName: string = site.service): CloudError {
  return new CloudError({
    ...site,
    code: "UnexpectedResponse",
    message,
    hint: `the endpoint answers as ${serviceName} does (CDKTF_ENCRYPTION_ENDPOINT, region)`,
    retryable: false,
  });
}

/**
 * A field of a service's answer made safe to print on one line: redacted first (so a cut
 * never leaves part of a secret), then control characters (newlines, terminal escapes, line
 * separators, bidirectional overrides) written as visible escapes, then cut to `max` characters.
 */
export function safeField(text: string, max: number): string {
  const escaped = terminalText(redactKnownSecrets(String(text)));
  return escaped.length > max ? `${escaped.slice(0, max - 3)}...` : escaped;
}

function oneLine(text: string, max: number): string {
  // Whitespace runs (including newlines) read as one space; other control characters are escaped.
  const flat = safeField(redactKnownSecrets(text).replace(/[ \t\r\n]+/g, " ").trim(), max);
  return flat.endsWith("...") ? flat : flat.replace(/\.$/, "");
}
