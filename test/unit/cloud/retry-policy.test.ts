import { CloudError, CloudErrorDetails } from "../../../lib/cloud/cloud-error";
import { CloudDialect } from "../../../lib/cloud/cloud-dialect";
import { FailedAttempt, RetryPolicy, UNREACHABLE_RETRY_MS } from "../../../lib/cloud/retry-policy";
import { ALIBABA_DIALECT } from "../../../lib/cloud/alibaba/alibaba-dialect";
import { HUAWEI_DIALECT } from "../../../lib/cloud/huawei/huawei-dialect";

const site = { service: "DWS", operation: "ShowCluster" };
const error = (details: Partial<CloudErrorDetails>) => new CloudError({ ...site, code: "X", message: "m", retryable: false, ...details });
const failed = (e: CloudError, more: Partial<FailedAttempt> = {}): FailedAttempt => ({ error: e, idempotent: true, attempt: 1, elapsedMs: 0, backoffLevel: 0, timeLeftMs: Infinity, ...more });
const policy = (dialect: CloudDialect = HUAWEI_DIALECT, bounded = false) => new RetryPolicy({ maxAttempts: 3, backoffBaseMs: 1000, random: () => 0.5, bounded }, dialect);

test("a call that is not idempotent is never repeated, whatever the error: it says notRepeated", () => {
  const decision = policy().decide(failed(error({ code: "DWS.7023", status: 403, retryable: true }), { idempotent: false }));
  expect("error" in decision && decision.error.notRepeated).toBe(true);
});

test("an error that is not retryable ends the call at once", () => {
  const e = error({ code: "DWS.0001", status: 404 });
  expect(policy().decide(failed(e))).toEqual({ error: e });
});

test("an unclear retryable error is tried maxAttempts times, with jittered exponential backoff", () => {
  const e = error({ code: "HTTP500", status: 500, retryable: true, ambiguous: true });
  expect(policy().decide(failed(e, { attempt: 1, backoffLevel: 0 }))).toEqual({ retryIn: 750, of: 3 });
  expect(policy().decide(failed(e, { attempt: 2, backoffLevel: 1 }))).toEqual({ retryIn: 1500, of: 3 });
  const last = policy().decide(failed(e, { attempt: 3, elapsedMs: 2500 }));
  expect("error" in last && last.error.message).toMatch(/gave up after 3 attempts in 2\.5 s/);
});

test("a refusal that proves nothing was done is retried until the run's deadline, not a number of times", () => {
  const busy = error({ code: "DWS.7023", status: 403, retryable: true });
  expect(policy(HUAWEI_DIALECT, true).decide(failed(busy, { attempt: 40, timeLeftMs: 60_000 }))).toEqual({ retryIn: 750, of: undefined });
  const out = policy(HUAWEI_DIALECT, true).decide(failed(busy, { attempt: 40, timeLeftMs: 0 }));
  expect("error" in out && out.error.message).toMatch(/the run's timeout ran out/);
});

test("an unreachable endpoint is tried for UNREACHABLE_RETRY_MS at most", () => {
  const refused = error({ code: "ECONNREFUSED", retryable: true });
  expect("retryIn" in policy().decide(failed(refused, { attempt: 1, elapsedMs: 0 }))).toBe(true);
  const out = policy().decide(failed(refused, { attempt: 2, elapsedMs: UNREACHABLE_RETRY_MS }));
  expect("error" in out && out.error.message).toMatch(/an unreachable endpoint is tried for 20 s/);
});

test("a wait the service asks for beyond what the run has left is not taken", () => {
  const throttled = error({ code: "Throttling.User", status: 400, retryAfterSeconds: 600 });
  const out = policy(ALIBABA_DIALECT, true).decide(failed(throttled, { timeLeftMs: 60_000 }));
  expect("error" in out && out.error.message).toMatch(/the service asked to wait 10 min 0 s, more than the 60 s left/);
});

test("throttling is each cloud's own: Throttling.* is Alibaba's, APIGW.0308 Huawei's, 429 everyone's", () => {
  const alibaba = error({ code: "Throttling.User", status: 400 });
  const huawei = error({ code: "APIGW.0308", status: 400 });
  expect("retryIn" in policy(ALIBABA_DIALECT).decide(failed(alibaba))).toBe(true);
  expect("retryIn" in policy(HUAWEI_DIALECT).decide(failed(alibaba))).toBe(false);
  expect("retryIn" in policy(HUAWEI_DIALECT).decide(failed(huawei))).toBe(true);
  expect("retryIn" in policy(ALIBABA_DIALECT).decide(failed(huawei))).toBe(false);
  expect(policy(ALIBABA_DIALECT).reason(error({ code: "Whatever", status: 429 }))).toBe("throttled: too many requests");
});

test("a retried code is said in words from the cloud's own table", () => {
  expect(policy(HUAWEI_DIALECT).reason(error({ code: "DWS.7023", status: 403, retryable: true }))).toBe("cluster busy");
  expect(policy(ALIBABA_DIALECT).reason(error({ code: "ServiceUnavailable", status: 500, retryable: true }))).toBe("service unavailable");
  expect(policy(HUAWEI_DIALECT).reason(error({ code: "ECONNREFUSED", retryable: true }))).toBe("connection refused");
  expect(policy(HUAWEI_DIALECT).reason(error({ code: "DWS.9999", status: 500, retryable: true }))).toBe("busy, nothing was done");
});
