import { HttpReply } from "./http-reply";

/** An error in the shape a Huawei Cloud route throws; the API handler adds the call's request id header. */
export function huaweiError(status: number, code: string, message: string): HttpReply {
  return new HttpReply(status, { error_code: code, error_msg: message });
}

/** An error in the shape every Huawei Cloud service here answers with, request id in its header. */
export function huaweiErrorReply(status: number, code: string, message: string, requestId: string): HttpReply {
  return new HttpReply(status, huaweiError(status, code, message).body, { "x-request-id": requestId });
}
