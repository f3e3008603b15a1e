import { isAlibabaAuthenticationCode } from "./alibaba/ack-errors";
import { CloudError } from "./cloud-error";
import { isHuaweiAuthenticationCode } from "./huawei/huawei-errors";

/**
 * Whether the service refused who signed, not what was asked: HTTP 401, or a code either
 * cloud's gateway gives a signature or key it does not accept. Never a throttling code: a
 * throttled request was signed well.
 */
export function isAuthenticationRefusal(error: CloudError): boolean {
  return error.status === 401 || isHuaweiAuthenticationCode(error.code) || isAlibabaAuthenticationCode(error.code);
}
