import { Testing } from "cdktf";
// No test may reach the real ECS metadata address 100.100.100.200: a hook that falls back to
// Alibaba instance metadata meets a closed loopback port unless its test points it at the emulator.
process.env.CDKTF_ENCRYPTION_ALIBABA_METADATA_URL ??= "http://127.0.0.1:9";
Testing.setupJest();
process.env.CHECKPOINT_DISABLE = "1";
// Tests never reach the link-local ECS metadata address: with no credentials configured, the
// Huawei chain's last source asks this closed loopback port instead (tests that exercise the
// metadata source point it at the emulator). Inherited by terraform and its provisioners.
process.env.CDKTF_ENCRYPTION_HUAWEI_METADATA_URL ??= "http://127.0.0.1:9";
