#!/usr/bin/env bash
# Tests the image helm/build-image.sh made (server/target/steward-image.tar, an OCI image layout) without a
# container runtime: checks its configuration (non-root user, the server as its default command, port 8080), unpacks
# its layers into a root filesystem and runs the image's own command there with chroot as user 65532, as a pod of
# the chart would: the server answers its readiness health check and an authenticated API call, and the command line
# in the image (what the chart's `helm test` pod runs) reads through it. Needs root (chroot) and jq.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
TAR=${1:-$ROOT/server/target/steward-image.tar}
[ -f "$TAR" ] || { echo "test-image: no image at $TAR; build it with helm/build-image.sh." >&2; exit 1; }
if [ "$(id -u)" != 0 ]; then
  [ "${CI:-}" = true ] && { echo "test-image: chroot needs root (CI=true: failing)." >&2; exit 1; }
  echo "test-image: not root; skipping the run of the image (chroot needs root)."; exit 0
fi

# jq, openssl and curl from Debian when missing (a fresh machine)
for tool in jq:jq openssl:openssl curl:curl; do
  if ! command -v "${tool%%:*}" > /dev/null; then
    sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get install -y -qq "${tool##*:}" > /dev/null 2>&1 \
      || { $sudo_cmd apt-get update -qq && $sudo_cmd apt-get install -y -qq "${tool##*:}" > /dev/null; }
  fi
done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/steward-image-test.XXXXXX")
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2> /dev/null || true; wait "$SERVER_PID" 2> /dev/null || true; fi
  if mountpoint -q "$WORK/rootfs/proc" 2> /dev/null && ! umount "$WORK/rootfs/proc"; then
    echo "test-image: could not unmount $WORK/rootfs/proc; leaving $WORK" >&2
    return
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() { echo "test-image: FAILED: $*" >&2; [ -f "$WORK/server.log" ] && tail -n 40 "$WORK/server.log" >&2; exit 1; }

mkdir -p "$WORK/layout" "$WORK/rootfs"
tar -xf "$TAR" -C "$WORK/layout"
blob() { echo "$WORK/layout/blobs/${1/://}"; }
manifest=$(blob "$(jq -r '.manifests[0].digest' "$WORK/layout/index.json")")
config=$(blob "$(jq -r '.config.digest' "$manifest")")

user=$(jq -r '.config.User // ""' "$config")
[ "$user" = 65532:65532 ] || fail "the image runs as '$user', not 65532:65532"
jq -e '.config.ExposedPorts | has("8080/tcp")' "$config" > /dev/null || fail "port 8080 is not exposed"
[ "$(jq -r '.config.Cmd | join(" ")' "$config")" = server ] || fail "the default arguments are not 'server'"
echo "  ok: runs as $user, exposes 8080, default command: $(jq -r '(.config.Entrypoint + .config.Cmd) | join(" ")' "$config")"

layers=0
for digest in $(jq -r '.layers[].digest' "$manifest"); do
  tar --warning=no-unknown-keyword -xzf "$(blob "$digest")" -C "$WORK/rootfs"
  layers=$((layers + 1))
done
# what the pod's volumes and securityContext (fsGroup) provide
chown 65532:65532 "$WORK/rootfs/var/lib/steward"
chmod 1777 "$WORK/rootfs/tmp"
echo "  ok: $layers layers unpacked ($(du -sh "$WORK/rootfs" | cut -f1))"
# a container runtime mounts /proc; the JVM reads its limits there
mkdir -p "$WORK/rootfs/proc" && mount -t proc proc "$WORK/rootfs/proc" 2> /dev/null \
  || echo "  (could not mount /proc into the root filesystem; the JVM runs without it)"

# the image's environment, entrypoint (java, found on the image's PATH) and command, run as its user; chroot starts
# in / where a runtime would use the working directory, which Steward does not depend on (STEWARD_DATA_DIR is set)
mapfile -t env < <(jq -r '.config.Env[]' "$config")
mapfile -t entrypoint < <(jq -r '.config.Entrypoint[]' "$config")
mapfile -t cmd < <(jq -r '.config.Cmd[]' "$config")
workdir=$(jq -r '.config.WorkingDir // "/"' "$config")
chroot=$(command -v chroot)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
token=$(openssl rand -base64 32)
in_image() { # env..., then -- and the arguments after the entrypoint
  local extra=()
  while [ "$1" != -- ]; do extra+=("$1"); shift; done
  shift
  env -i "${env[@]}" "${extra[@]}" HOME=/var/lib/steward \
    "$chroot" --userspec=65532:65532 "$WORK/rootfs" "${entrypoint[@]}" "$@"
}
[ "${entrypoint[0]}" = java ] || fail "the entrypoint does not start with java: ${entrypoint[*]}"
# exec all the way down, so that SERVER_PID is the JVM itself and the cleanup's kill reaches it
(cd / && exec env -i "${env[@]}" SERVER_PORT="$port" SERVER_ADDRESS=127.0.0.1 STEWARD_BOOTSTRAP_TOKEN="$token" \
  HOME=/var/lib/steward "$chroot" --userspec=65532:65532 "$WORK/rootfs" "${entrypoint[@]}" "${cmd[@]}") \
  > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
started=$(date +%s)
until curl -sf "http://127.0.0.1:$port/actuator/health/readiness" > /dev/null 2>&1; do
  kill -0 "$SERVER_PID" 2> /dev/null || fail "the server in the image exited"
  [ $(( $(date +%s) - started )) -lt 180 ] || fail "the server in the image was not ready within 180 s"
  sleep 1
done
echo "  ok: the server in the image (workdir $workdir) is ready after $(( $(date +%s) - started ))s"
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/models")" = 200 ] \
  || fail "an authenticated API call did not answer 200"
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/v1/models")" = 401 ] \
  || fail "an unauthenticated API call did not answer 401"
echo "  ok: /api/v1/models answers 200 with the bootstrap token, 401 without"
in_image STEWARD_TOKEN="$token" STEWARD_CONFIG=/tmp/steward-cli.yaml -- models list --url "http://127.0.0.1:$port" \
  > "$WORK/cli.out" 2>&1 || { cat "$WORK/cli.out" >&2; fail "the command line in the image (the helm test) failed"; }
echo "  ok: the helm test's command (models list) runs in the image against the server"
[ -n "$(find "$WORK/rootfs/var/lib/steward" -mindepth 1 -user 65532 -print -quit)" ] \
  || fail "the server wrote no data as user 65532"
echo "test-image: all checks passed."
