package io.github.cdktf_encryption.examples;

import io.cdktn.cdktn.App;
import io.cdktn.cdktn.AppConfig;
import io.cdktn.cdktn.Aspects;
import io.cdktn.cdktn.LocalBackend;
import io.cdktn.cdktn.LocalBackendConfig;
import io.cdktn.cdktn.TerraformStack;
import io.github.cdktn_encryption.BackupEncryption;
import io.github.cdktn_encryption.BackupEncryptionProps;
import io.github.cdktn_encryption.Duration;
import io.github.cdktn_encryption.EncryptionPolicy;
import io.github.cdktn_encryption.EncryptionPolicyProps;
import io.github.cdktn_encryption.HookEngine;
import io.github.cdktn_encryption.RemovalPolicy;
import io.github.cdktn_encryption.Rules;
import io.github.cdktn_encryption.TaurusDbInstanceRef;
import java.nio.file.Path;
import java.util.List;

/**
 * A CDK Terrain app in Java: TaurusDB backup encryption, run by the terraform_data hook.
 * scripts/e2e-languages.sh java runs it against the local emulator; in your project,
 * `cdktn deploy` does the same.
 */
public final class Main {
    public static void main(final String[] args) {
        String outdir = System.getenv().getOrDefault("OUTDIR", "cdktf.out");
        App app = new App(AppConfig.builder().outdir(outdir).build());
        TerraformStack stack = new TerraformStack(app, "orders");
        new LocalBackend(stack, LocalBackendConfig.builder().path(Path.of(outdir, "orders.tfstate").toAbsolutePath().toString()).build());

        new BackupEncryption(stack, "orders-backups", BackupEncryptionProps.builder()
                .instance(TaurusDbInstanceRef.builder()
                        .region("cn-north-4")
                        .projectId("0a1b2c3d4e5f60718293a4b5c6d7e8f9")
                        .instanceId("7033e7c3cf93438797d44ad7ae0a7d95in07")
                        .build())
                .kmsKeyId("b82fa43f-f6e8-4ec4-9c31-231bc547c526")
                .removalPolicy(RemovalPolicy.RETAIN)
                .timeout(Duration.minutes(30))
                .hookEngine(HookEngine.TERRAFORM_DATA) // Terraform's built-in resource: no provider download
                .build());
        Aspects.of(app).add(new EncryptionPolicy(EncryptionPolicyProps.builder()
                .rules(List.of(Rules.NO_DISABLE, Rules.RETAIN_ON_DESTROY))
                .build()));

        app.synth();
    }
}
