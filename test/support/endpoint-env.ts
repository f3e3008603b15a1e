import { RunningEmulator } from "./emulator-harness";

/**
 * The emulator's environment with every service (IAM and STS included) moved by
 * CDKTF_ENCRYPTION_ENDPOINT rather than CDKTF_ENCRYPTION_CONNECT_TO: the Alibaba credential
 * requests (STS) do not follow CDKTF_ENCRYPTION_CONNECT_TO yet.
 */
export function endpointEnv(cloud: RunningEmulator): Record<string, string> {
  const { CDKTF_ENCRYPTION_CONNECT_TO: _connectTo, ...rest } = cloud.env;
  return { ...rest, CDKTF_ENCRYPTION_ENDPOINT: cloud.url };
}
