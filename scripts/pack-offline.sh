#!/usr/bin/env bash
# The shipped CLI: `npm pack`, then, in an empty folder with the network cut off (`unshare -n`: a
# network namespace with only the loopback interface), install the tarball (its run-time
# dependencies are bundled in it, so nothing is fetched) and
# run `covenant --help`, then `covenant deploy suite` and `covenant status`
# against an anvil node started inside the same namespace.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"
[ -f dist/cli/main.js ] || npm run build:ts

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
tarball="$(npm pack --silent --pack-destination "$tmp" | tail -n 1)"
echo "pack: $tarball ($(du -k "$tmp/$tarball" | cut -f1) KiB)"
mkdir "$tmp/app"

unshare -n env REPO="$repo" TMP="$tmp" TARBALL="$tarball" bash -euo pipefail -c '
  ip link set lo up
  cd "$TMP/app"
  if curl -s -m 3 -o /dev/null https://registry.npmjs.org/; then
    echo "pack: the network is not cut off" >&2
    exit 1
  fi
  echo "{\"name\":\"app\",\"version\":\"1.0.0\",\"private\":true}" > package.json
  npm install --offline --no-audit --no-fund --loglevel=error "$TMP/$TARBALL"
  cov=./node_modules/.bin/covenant
  "$cov" --help > help.txt
  grep -q "^Usage: covenant" help.txt || { echo "pack: covenant --help printed no usage" >&2; exit 1; }
  echo "pack: covenant --help ok, offline"

  port=18545
  "$REPO/node_modules/.bin/anvil" --host 127.0.0.1 --port "$port" > anvil.log 2>&1 &
  anvil_pid=$!
  trap "kill $anvil_pid 2>/dev/null || true" EXIT
  for _ in $(seq 1 120); do
    curl -s -m 1 -H "content-type: application/json" \
      -d "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[]}" \
      "http://127.0.0.1:$port" | grep -q result && break
    sleep 0.25
  done
  export COVENANT_DEPLOYMENTS_DIR="$TMP/app/deployments" NO_COLOR=1
  timeout 300 "$cov" --rpc "http://127.0.0.1:$port" --json deploy suite > deploy.json
  [ -f deployments/31337.json ] || { echo "pack: deploy suite wrote no address book" >&2; exit 1; }
  echo "pack: covenant deploy suite ok, offline: $(grep -o "\"AgreementRegistry\": *\"0x[0-9a-fA-F]*\"" deployments/31337.json)"
  "$cov" --rpc "http://127.0.0.1:$port" --json status > status.json
  grep -q AgreementRegistry status.json || { echo "pack: status does not show the deployed suite" >&2; cat status.json >&2; exit 1; }
  echo "pack: covenant status ok"
'
