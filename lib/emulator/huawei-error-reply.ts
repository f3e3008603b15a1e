import { HttpReply } from "./http-reply";

/** An error in the shape every Huawei Cloud service here answers with, request id in its header. */
export function huaweiErrorReply(status: number, code: string, message: string, requestId: string): HttpReply {
  return new HttpReply(status, { error_code: code, error_msg: message }, { "x-request-id": requestId });
}
