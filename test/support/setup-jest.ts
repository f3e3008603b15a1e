import { Testing } from "cdktf";
// No test may reach the real ECS metadata address 100.100.100.200: a hook that falls back to
// Alibaba instance metadata meets a closed loopback port unless its test points it at the emulator.
process.env.CDKTF_ENCRYPTION_ALIBABA_METADATA_URL ??= "http://127.0.0.1:9";
Testing.setupJest();
process.env.CHECKPOINT_DISABLE = "1";
