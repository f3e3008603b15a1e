import { CloudError } from "./cloud-error";

/**
 * Alibaba Cloud's gateway codes for a request whose keys or signature are not accepted (the
 * "common error codes" of Alibaba Cloud OpenAPI; the same the emulator's gateway answers).
 */
const ALIBABA_AUTHENTICATION_CODES = /^(SignatureDoesNotMatch|IncompleteSignature|MissingAuthorization|SignatureNonceUsed|InvalidAccessKeyId(\..+)?|InvalidSecurityToken(\..+)?|InvalidTimeStamp(\..+)?)$/;

/**
 * Whether the service refused who signed, not what was asked: HTTP 401, Huawei's API gateway
 * authentication codes (`APIGW.03xx`, e.g. APIGW.0301 "incorrect IAM authentication
 * information"), or Alibaba's signature and AccessKey codes.
 */
export function isAuthenticationRefusal(error: CloudError): boolean {
  return error.status === 401 || error.code.startsWith("APIGW.03") || ALIBABA_AUTHENTICATION_CODES.test(error.code);
}
