#!/usr/bin/env bash
# End-to-end test of the Python or Java packages of cdktn-encryption: the example app of the
# language (examples/python, examples/java) synthesizes, `terraform apply` of its terraform_data
# hook encrypts the emulator's TaurusDB backups, a second plan changes nothing, destroy retains.
#
#   scripts/e2e-languages.sh python|java
#
# Not part of `npm test`: it needs what this repository's CI cannot reach — the jsii runtime,
# cdktn and constructs from PyPI (python) or Maven Central (java) — plus Node.js >= 22.19
# (cdktn's own minimum) as `node` on the PATH, Terraform >= 1.4, and for java a JDK 17 and Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
LANGUAGE=${1:?usage: scripts/e2e-languages.sh python|java}
PORT=${E2E_EMULATOR_PORT:-4599}
export CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1 TF_CLI_CONFIG_FILE=${TF_CLI_CONFIG_FILE:-/dev/null}

node -e 'const [major, minor] = process.versions.node.split(".").map(Number); if (major < 22 || (major === 22 && minor < 19)) { console.error(`e2e-languages: node ${process.version} is too old: cdktn needs >= 22.19`); process.exit(1); }'
npm run build
npm run package:languages

WORK=$(mktemp -d)
export OUTDIR=$WORK/out
EMULATOR_PID=
cleanup() { if [ -n "$EMULATOR_PID" ]; then kill "$EMULATOR_PID" 2>/dev/null || true; fi; }
trap cleanup EXIT

node dist/bin/cdktf-encryption.js emulator --port "$PORT" > "$WORK/emulator.env" &
EMULATOR_PID=$!
until grep -q CDKTF_ENCRYPTION_CONNECT_TO "$WORK/emulator.env" 2>/dev/null; do
  kill -0 "$EMULATOR_PID" 2>/dev/null || { echo "e2e-languages: the emulator stopped" >&2; exit 1; }
  sleep 0.2
done
# shellcheck disable=SC1091
. "$WORK/emulator.env"
backup_encryption() {
  curl -fsS "http://127.0.0.1:$PORT/_emulator/state" | node -e '
    const state = JSON.parse(require("node:fs").readFileSync(0, "utf8"));
    console.log(state.taurusdb.instances.find((i) => i.instance_id === "7033e7c3cf93438797d44ad7ae0a7d95in07").backup_encryption);'
}
[ "$(backup_encryption)" = off ] || { echo "e2e-languages: the emulator's instance should start with encrypted backup off" >&2; exit 1; }

case "$LANGUAGE" in
  python)
    python3 -m venv "$WORK/venv"
    "$WORK/venv/bin/pip" install --quiet dist-langs/cdktn-encryption/python/dist/*.whl
    "$WORK/venv/bin/python" examples/python/app.py
    ;;
  java)
    mvn --batch-mode --quiet -f dist-langs/cdktn-encryption/java/pom.xml install -DskipTests -Dgpg.skip
    mvn --batch-mode --quiet -f examples/java/pom.xml compile exec:java
    ;;
  *)
    echo "e2e-languages: $LANGUAGE is not python or java" >&2
    exit 2
    ;;
esac

STACK=$OUTDIR/stacks/orders
grep -q '"terraform_data"' "$STACK/cdk.tf.json"
grep -q '"cdktf-encryption-policy"' "$STACK/cdk.tf.json" || echo "e2e-languages: note: no policy verdicts in the stack's // comment" >&2
cd "$STACK"
terraform init -input=false -no-color > /dev/null
terraform apply -auto-approve -input=false -no-color
[ "$(backup_encryption)" = on ] || { echo "e2e-languages: encrypted backup is not on after apply" >&2; exit 1; }
terraform plan -detailed-exitcode -input=false -no-color > /dev/null || { echo "e2e-languages: a second plan is not empty" >&2; exit 1; }
terraform destroy -auto-approve -input=false -no-color
[ "$(backup_encryption)" = on ] || { echo "e2e-languages: RemovalPolicy.RETAIN should leave encrypted backup on" >&2; exit 1; }
echo "e2e-languages: $LANGUAGE app synthesized, applied, re-planned with no change and destroyed against the emulator"
