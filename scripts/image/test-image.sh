#!/usr/bin/env bash
# `npm run test:image`: builds the app's container image with rootful podman on a locally made base
# image (no image registry is needed) and smoke-tests it (scripts/image/smoke.ts). Installs podman
# and its helpers from Debian's packages when they are missing and this runs as root.
#
#   NODE_VERSION=24.22.3 npm run test:image
set -euo pipefail
cd "$(dirname "$0")/../.."
here=scripts/image
start=$(date +%s)
say() { printf '%5ss  %s\n' "$(( $(date +%s) - start ))" "$*"; }

missing=()
for cmd in podman mmdebstrap runc catatonit; do
  command -v "$cmd" >/dev/null 2>&1 || [[ -x "/usr/libexec/podman/$cmd" ]] || missing+=("$cmd")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    say "installing podman buildah mmdebstrap runc catatonit (missing: ${missing[*]})"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq podman buildah mmdebstrap runc catatonit >/dev/null
  else
    echo "test:image needs rootful podman, mmdebstrap, runc and catatonit (Debian: apt-get install podman buildah mmdebstrap runc catatonit)" >&2
    exit 1
  fi
fi
source "$here/podman-env.sh"

NODE_VERSION="${NODE_VERSION:-24.22.3}"
export NODE_VERSION
base="localhost/node:${NODE_VERSION%%.*}-slim"
say "base image $base"
"$here/build-base.sh"

# npm inside the build trusts what the host trusts (a TLS-inspecting proxy's CA, if any).
ca=()
host_ca=/etc/ssl/certs/ca-certificates.crt
if [[ -f $host_ca ]]; then
  ca=(--volume "$host_ca:/etc/ssl/host-ca.crt:ro" --build-arg NODE_EXTRA_CA_CERTS=/etc/ssl/host-ca.crt)
fi
say "building localhost/spof-review:test"
log=$(mktemp)
if ! podman build --quiet --format docker --network host --pull=never \
  --build-arg "BASE_IMAGE=$base" "${ca[@]}" -t localhost/spof-review:test . >"$log" 2>&1; then
  tail -40 "$log" >&2
  echo "image build failed (log: $log)" >&2
  exit 1
fi
rm -f "$log"
say "built; smoke test"
node --import tsx "$here/smoke.ts" localhost/spof-review:test
say "image OK"
