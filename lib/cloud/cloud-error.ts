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
  /** Seconds the service asked us to wait before trying again. */
  readonly retryAfterSeconds?: number;
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
  readonly retryAfterSeconds?: number;
  readonly detail: string;

  constructor(details: CloudErrorDetails) {
    super(formatCloudError(details));
    this.name = "CloudError";
    this.service = details.service;
    this.operation = details.operation;
    this.resource = details.resource;
    this.status = details.status;
    this.code = details.code;
    this.detail = details.message;
    this.requestId = details.requestId;
    this.hint = details.hint;
    this.retryable = details.retryable;
    this.ambiguous = details.ambiguous ?? false;
    this.retryAfterSeconds = details.retryAfterSeconds;
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
      retryAfterSeconds: this.retryAfterSeconds,
    };
  }
}

function formatCloudError(d: CloudErrorDetails): string {
  const where = d.resource ? `${d.service} ${d.operation} on ${d.resource}` : `${d.service} ${d.operation}`;
  const status = d.status !== undefined ? ` (HTTP ${d.status})` : "";
  const request = d.requestId ? ` [request id ${d.requestId}]` : "";
  const hint = d.hint ? ` Check: ${d.hint}` : "";
  return `${where} failed: ${d.code}${status}: ${oneLine(d.message)}${request}.${hint}`;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 300 ? `${flat.slice(0, 297)}...` : flat.replace(/\.$/, "");
}
