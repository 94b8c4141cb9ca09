#!/usr/bin/env bash
# One end-to-end session of the `covenant` CLI against a real JSON-RPC node (CI):
#   scripts/e2e.sh hardhat            # npx hardhat node
#   scripts/e2e.sh anvil              # npx anvil (@foundry-rs/anvil)
#   scripts/e2e.sh anvil-blocktime    # npx anvil --block-time 1: interval mining, as a consortium chain
# Starts the node on a free port, runs `covenant demo --json` (deploys a fresh suite with the Ignition
# module and plays the whole story), then read commands over the state it left: `member list`,
# `agreement verify` of the charter with the files the demo wrote (and a tampered copy, which must
# fail with exit 1), `history` of the defaulting member, `deploy show` and `council list`. Checks exit
# codes and output, prints the timings, and always stops the node and removes its temporary folder
# (trap). Every step is bounded.
set -euo pipefail
cd "$(dirname "$0")/.."

kind="${1:-}"
case "$kind" in
  hardhat | anvil | anvil-blocktime) ;;
  *)
    echo "usage: scripts/e2e.sh hardhat|anvil|anvil-blocktime" >&2
    exit 2
    ;;
esac

t_start=$(date +%s.%N)
elapsed() { awk -v s="$1" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }'; }
fail() {
  echo "e2e($kind) FAILED: $*" >&2
  exit 1
}

tmp="$(mktemp -d "${TMPDIR:-/tmp}/covenant-e2e-$kind.XXXXXX")"
node_pid=""
cleanup() {
  local rc=$?
  if [ -n "$node_pid" ] && kill -0 "$node_pid" 2>/dev/null; then
    # the node runs in its own process group (setsid): stop npx and the node together
    kill -TERM -- "-$node_pid" 2>/dev/null || kill -TERM "$node_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$node_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$node_pid" 2>/dev/null || true
  fi
  if [ $rc -ne 0 ] && [ -f "$tmp/node.log" ]; then
    echo "--- last lines of the $kind node log" >&2
    tail -n 20 "$tmp/node.log" >&2 || true
  fi
  rm -rf "$tmp"
  exit $rc
}
trap cleanup EXIT INT TERM

# the compiled CLI (dist/, from `npm run build`); built here when missing
[ -d typechain-types ] || timeout 600 npx hardhat compile --quiet
[ -f dist/cli/main.js ] || timeout 600 npm run build:ts

port="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
rpc="http://127.0.0.1:$port"
if [ "$kind" = hardhat ]; then
  setsid npx hardhat node --hostname 127.0.0.1 --port "$port" >"$tmp/node.log" 2>&1 &
elif [ "$kind" = anvil ]; then
  setsid npx anvil --host 127.0.0.1 --port "$port" >"$tmp/node.log" 2>&1 &
else
  # a block a second: every command waits for its receipts as on a real chain
  setsid npx anvil --host 127.0.0.1 --port "$port" --block-time 1 >"$tmp/node.log" 2>&1 &
fi
node_pid=$!

t_node=$(date +%s.%N)
for _ in $(seq 1 240); do
  if curl -s -m 1 -H 'content-type: application/json' \
    -d '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}' "$rpc" | grep -q '"result"'; then
    break
  fi
  kill -0 "$node_pid" 2>/dev/null || fail "the $kind node exited while starting"
  sleep 0.25
done
curl -s -m 1 -H 'content-type: application/json' \
  -d '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}' "$rpc" | grep -q '"result"' ||
  fail "the $kind node did not answer on $rpc within 60 s"
echo "e2e($kind): node up on $rpc in $(elapsed "$t_node")s"

export COVENANT_DEPLOYMENTS_DIR="$tmp/deployments"
export NO_COLOR=1
cov() { timeout "${COV_TIMEOUT:-60}" node bin/covenant.js --rpc "$rpc" "$@"; }
json() { node -e "const d=JSON.parse(require('fs').readFileSync('$1','utf8'));const v=($2);if(v===undefined)process.exit(1);console.log(typeof v==='string'?v:JSON.stringify(v))"; }

# ---------------------------------------------------------------- the demo
t=$(date +%s.%N)
COV_TIMEOUT=300 cov demo --json --out "$tmp/out" >"$tmp/demo.json" 2>"$tmp/demo.err" ||
  fail "covenant demo exited $? ($(head -c 400 "$tmp/demo.err"))"
[ -s "$tmp/demo.err" ] && fail "covenant demo --json wrote to stderr: $(head -c 400 "$tmp/demo.err")"
t_demo=$(elapsed "$t")
[ "$(json "$tmp/demo.json" 'd.chainId')" = 31337 ] || fail "demo summary: chain id"
[ "$(json "$tmp/demo.json" 'd.verify.ok')" = true ] || fail "demo summary: charter verification"
[ "$(json "$tmp/demo.json" 'd.solvency.ok')" = true ] || fail "demo summary: treasury solvency"
[ -f "$COVENANT_DEPLOYMENTS_DIR/31337.json" ] || fail "no address book written"
charter_id="$(json "$tmp/demo.json" 'd.charter.agreementId')"
charter_doc="$(json "$tmp/demo.json" 'd.charter.document')"
charter_terms="$(json "$tmp/demo.json" 'd.charter.terms')"
sme="$(json "$tmp/demo.json" 'd.defaultingMember')"
claims="$(json "$tmp/demo.json" 'd.claimIds.join(",")')"
licences="$(json "$tmp/demo.json" 'd.licenseIds.join(",")')"
[ -n "$claims" ] && [ -n "$licences" ] || fail "demo summary: claim or licence ids missing"
echo "e2e($kind): covenant demo ok in ${t_demo}s (charter #$charter_id, claims $claims, licences $licences)"

# ---------------------------------------------------------------- read commands
t=$(date +%s.%N)
cov member list >"$tmp/members.txt" || fail "member list exited $?"
for name in 中国第一汽车集团有限公司 中国钢研科技集团有限公司 东北大学 沈阳精锻汽车零部件有限公司 京科“7+1”高科技饲料有限公司; do
  grep -q "$name" "$tmp/members.txt" || fail "member list does not show $name"
done
grep -q Withdrawn "$tmp/members.txt" || fail "member list does not show the withdrawn member"
cov member list --json >"$tmp/members.json" || fail "member list --json exited $?"
[ "$(json "$tmp/members.json" 'd.length')" = 5 ] || fail "member list --json: expected 5 members"
echo "e2e($kind): member list ok"

node bin/covenant.js --help >"$tmp/help.txt" 2>&1 || fail "covenant --help exited $?"
has_command() { grep -qE "^  $1( |$)" "$tmp/help.txt"; }
if has_command agreement; then
  cov agreement verify "$charter_id" --document "$charter_doc" --terms "$charter_terms" >"$tmp/verify.txt" ||
    fail "agreement verify of the charter exited $?"
  cov agreement verify "$charter_id" --document "$charter_doc" --terms "$charter_terms" --json >"$tmp/verify.json" ||
    fail "agreement verify --json exited $?"
  [ "$(json "$tmp/verify.json" 'd.ok')" = true ] || fail "agreement verify --json: ok is not true"
  cp "$charter_doc" "$tmp/tampered.txt"
  printf ' ' >>"$tmp/tampered.txt"
  set +e
  cov agreement verify "$charter_id" --document "$tmp/tampered.txt" --terms "$charter_terms" >/dev/null 2>&1
  rc=$?
  set -e
  [ $rc -eq 1 ] || fail "agreement verify of a tampered document exited $rc, expected 1"
  echo "e2e($kind): agreement verify ok (and a tampered copy exits 1)"
else
  fail "the 'agreement' command is missing from covenant --help"
fi

if has_command history; then
  cov history "$sme" >"$tmp/history.txt" || fail "history exited $?"
  grep -q 沈阳精锻汽车零部件有限公司 "$tmp/history.txt" || fail "history does not name the member"
  cov history "$sme" --json >"$tmp/history.json" || fail "history --json exited $?"
  grep -qi default "$tmp/history.json" || fail "history --json shows no default"
  echo "e2e($kind): history ok"
else
  fail "the 'history' command is missing from covenant --help"
fi

cov deploy show >"$tmp/deploy.txt" || fail "deploy show exited $?"
grep -q "handover" "$tmp/deploy.txt" && grep -q "done" "$tmp/deploy.txt" || fail "deploy show does not report the handover as done"
cov council list >"$tmp/council.txt" || fail "council list exited $?"
grep -q Executed "$tmp/council.txt" && grep -q 东北大学 "$tmp/council.txt" || fail "council list does not show the executed admission of 东北大学"
echo "e2e($kind): deploy show and council list ok"

# a refusal: a chain that is not a dev chain is refused before anything is sent (no node needed)
set +e
COVENANT_RPC_TIMEOUT_MS=1000 timeout 30 node bin/covenant.js demo --rpc "http://127.0.0.1:1" --json >/dev/null 2>"$tmp/refused.err"
rc=$?
set -e
[ $rc -eq 3 ] && [ "$(wc -l <"$tmp/refused.err")" -eq 1 ] || fail "demo against an unreachable RPC: exit $rc, expected 3 and one line"
echo "e2e($kind): reads ok in $(elapsed "$t")s"
echo "e2e($kind): PASS in $(elapsed "$t_start")s (demo ${t_demo}s)"
