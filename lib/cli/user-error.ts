import { CloudError } from "../cloud/cloud-error";
import { ConfigError } from "../runtime/config-error";
import { Redactor } from "../runtime/redact";
import { ReconcileError } from "../reconcile/reconcile-error";
import { InputError } from "../runtime/input-error";
import { SpecError } from "../contract/spec-error";
import { UsageError } from "./usage-error";

/** Errors whose message is the whole story for the user: printed as one line, no stack. */
export function isUserFacing(error: unknown): error is Error {
  return (
    error instanceof CloudError ||
    error instanceof ConfigError ||
    error instanceof SpecError ||
    error instanceof ReconcileError ||
    error instanceof InputError ||
    error instanceof UsageError
  );
}

/** The single line printed for a failure; a stack only for our own bugs, and only in debug mode. */
export function describeFailure(error: unknown, env: NodeJS.ProcessEnv = process.env): string {
  const redactor = new Redactor(env);
  if (isUserFacing(error)) return redactor.redact(`error: ${error.message}`);
  const debug = env.CDKTF_ENCRYPTION_DEBUG === "1" || env.CDKTF_ENCRYPTION_DEBUG === "true";
  const text = error instanceof Error ? (debug ? (error.stack ?? error.message) : error.message) : String(error);
  return redactor.redact(`internal error (a bug in cdktf-encryption, please report it): ${text}`);
}
