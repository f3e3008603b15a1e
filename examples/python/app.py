"""A CDK Terrain app in Python: TaurusDB backup encryption, run by the terraform_data hook.

Needs the cdktn-encryption wheel (npm run build && npm run package:languages), cdktn and the
jsii runtime from PyPI, and Node.js >= 22.19 on the PATH. scripts/e2e-languages.sh python runs
it against the local emulator; in your project, `cdktn deploy` does the same.
"""
import os

from cdktn import App, Aspects, LocalBackend, TerraformStack
from cdktn_encryption import (
    BackupEncryption,
    Duration,
    EncryptionPolicy,
    HookEngine,
    RemovalPolicy,
    Rules,
    TaurusDbInstanceRef,
)

outdir = os.environ.get("OUTDIR", "cdktf.out")
app = App(outdir=outdir)
stack = TerraformStack(app, "orders")
LocalBackend(stack, path=os.path.join(os.path.abspath(outdir), "orders.tfstate"))

BackupEncryption(
    stack,
    "orders-backups",
    instance=TaurusDbInstanceRef(
        region="cn-north-4",
        project_id="0a1b2c3d4e5f60718293a4b5c6d7e8f9",
        instance_id="7033e7c3cf93438797d44ad7ae0a7d95in07",
    ),
    kms_key_id="b82fa43f-f6e8-4ec4-9c31-231bc547c526",
    removal_policy=RemovalPolicy.RETAIN,
    timeout=Duration.minutes(30),
    hook_engine=HookEngine.TERRAFORM_DATA,  # Terraform's built-in resource: no provider download
)
Aspects.of(app).add(EncryptionPolicy(rules=[Rules.NO_DISABLE, Rules.RETAIN_ON_DESTROY]))

app.synth()
