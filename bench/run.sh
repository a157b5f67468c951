#!/usr/bin/env bash
# The benchmark: what every hop of the suite costs, measured against an upstream that answers at once.
# Starts the upstream simulator and the suite (on the local PostgreSQL and Redis, in a fresh database),
# registers the simulator as a provider, runs the load generator, writes bench/results/ and stops everything.
# See docs/benchmarks.md.
#   bench/run.sh          the full run (about 7 minutes)
#   bench/run.sh --quick  2 s per scenario and 500 seeded messages: checks the harness (about 2 minutes)
#   bench/run.sh --no-build  fail instead of building when a jar is missing (on a tree others are building)
#   bench/run.sh --users  only step 7: what a new user gets (bench/startup.sh on the default set-up, then with Redis)
# Step 7 (after the hop-by-hop run, or alone with --users) runs bench/startup.sh twice, on the default set-up
# (no Redis) and with Redis, cold and warm, with the peer gateway when BENCH_PEER_DIR holds an npm install of
# bench/node/peer (default bench/.work/peer); its lines go to $RESULTS/startup.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

quick=false
build=true
users_only=false
for arg in "$@"; do
  case "$arg" in
    --quick) quick=true ;;
    --no-build) build=false ;;
    --users) users_only=true ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "bench/run.sh: unknown option $arg (try --help)" >&2; exit 2 ;;
  esac
done

# 7. What users get: ./run.sh's launcher on the default set-up and with Redis, against a Node upstream (no JVM
# warm-up of its own), cold (the first seconds after ready) and warm, start-up and memory (bench/startup.sh).
users() {
  local results=${BENCH_RESULTS:-bench/results} peer=${BENCH_PEER_DIR:-bench/.work/peer}
  [ -d "$peer/node_modules/@portkey-ai/gateway" ] || peer=""
  [ -n "$peer" ] || echo "bench: no peer gateway in ${BENCH_PEER_DIR:-bench/.work/peer} (npm install there from bench/node/peer): measured without it"
  mkdir -p "$results"
  {
    STARTUP_PEER_DIR=$peer bench/startup.sh default
    STARTUP_PEER_DIR=$peer STARTUP_REDIS_URL=${BENCH_REDIS_URL:-redis://127.0.0.1:6379} bench/startup.sh redis
  } | tee "$results/startup.txt"
}
if $users_only; then
  users
  exit 0
fi

SIM_PORT=${BENCH_SIM_PORT:-8090}
PG_URL=${BENCH_PG_URL:-postgres://postgres@127.0.0.1:5432}
DB=${BENCH_DB:-jansuite_bench}
REDIS=${BENCH_REDIS_URL:-redis://127.0.0.1:6379}
SEED=${BENCH_SEED:-10000}
$quick && SEED=${BENCH_SEED:-500}
API=http://127.0.0.1:8000
WORK=bench/.work
RESULTS=${BENCH_RESULTS:-bench/results}
ADMIN_EMAIL=bench-admin@example.com
ADMIN_PASSWORD="bench-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
INTERNAL_SECRET="$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')" # this run's own, so the harness can call the catalog
export INTERNAL_SECRET
CP=${BENCH_CP:-"bench/target/classes:bench/target/lib/*"}                        # the simulator and the harness
SUITE_CP=${BENCH_SUITE_CP:-"local-suite/target/classes:local-suite/target/lib/*"} # the launcher
SUITE_ROOT=${BENCH_SUITE_ROOT:-$ROOT} # the tree whose services run (to try a patched service: see docs)

say() { printf 'bench: %s\n' "$*"; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }
for tool in java curl jq psql openssl; do command -v $tool >/dev/null || die "$tool is not on the PATH"; done

# 1. Nothing else may hold the suite's ports: two suites cannot share them.
if curl -s -m 2 -o /dev/null "$API/healthz" || ss -ltn | grep -qE ":(8000|808[1-5]|$SIM_PORT)\b"; then
  ss -ltn | grep -E ":(8000|808[1-5]|$SIM_PORT)\b" >&2 || true
  die "a suite (or something else) already listens on 8000/8081-8085/$SIM_PORT; stop it or wait, then retry."
fi

# 2. Build what is missing, as ./run.sh does.
missing=false
for svc in auth-service conversation-service inference-service catalog-service admin-service; do
  [ -f "$SUITE_ROOT/$svc/target/quarkus-app/quarkus-run.jar" ] || missing=true
done
for cls in local-suite/target/classes/io/jansuite/localsuite/Launcher bench/target/classes/io/jansuite/bench/UpstreamSimulator \
    bench/target/classes/io/jansuite/bench/Harness; do
  [ -f "$cls.class" ] || missing=true
done
[ -f local-suite/target/lib/vertx-http-proxy-4.5.27.jar ] || missing=true
[ -d bench/target/lib ] || missing=true
if $missing && ! $build; then
  die "a jar or class is missing (is someone building?) and --no-build was given"
elif $missing; then
  say "building (./mvnw -B -q -DskipTests install) ..."
  ./mvnw -B -q -DskipTests install
fi

mkdir -p "$WORK" "$RESULTS"
pids=()
cleanup() {
  local code=$?
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  [ ${#pids[@]} -eq 0 ] || say "stopped everything it started"
  exit $code
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# 3. The upstream: an OpenAI-compatible server that answers at once.
java -Xms64m -Xmx128m -XX:+UseSerialGC -cp "$CP" io.jansuite.bench.UpstreamSimulator "$SIM_PORT" 127.0.0.1 \
  >"$WORK/simulator.log" 2>&1 &
sim_pid=$!
pids+=("$sim_pid")

# 4. A fresh database, then the suite on it and on Redis (the launcher of ./run.sh, started directly).
psql -q "$PG_URL/postgres" -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" >/dev/null
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
say "load average before: $load_before (uptime: $(uptime | sed 's/.*up/up/'))"
say "starting the suite (logs: $SUITE_ROOT/.local/logs/, launcher: $WORK/suite.log) ..."
DATABASE_URL="$PG_URL/$DB" REDIS_URL="$REDIS" ADMIN_EMAIL="$ADMIN_EMAIL" ADMIN_PASSWORD="$ADMIN_PASSWORD" \
  JANSUITE_START_TIMEOUT=240 JANSUITE_JVM_CACHE=${BENCH_JVM_CACHE:-off} java ${LAUNCHER_JAVA_OPTS:--Xms16m -Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1} -cp "$SUITE_CP" io.jansuite.localsuite.Launcher "$SUITE_ROOT" \
  >"$WORK/suite.log" 2>&1 &
suite_pid=$!
pids=("$suite_pid" "${pids[@]}")
began=$SECONDS
until curl -sf -m 2 -o /dev/null "$API/healthz"; do
  kill -0 "$suite_pid" 2>/dev/null || { tail -20 "$WORK/suite.log" >&2; die "the suite stopped; see $WORK/suite.log"; }
  [ $((SECONDS - began)) -lt 300 ] || die "the suite is not ready after 300 s; see .local/logs/"
  sleep 2
done
say "suite ready in $((SECONDS - began)) s"
curl -sf -m 2 "http://127.0.0.1:$SIM_PORT/v1/models" >/dev/null || die "the upstream simulator does not answer; see $WORK/simulator.log"

# 5. The simulator as a provider, its models with a limit that is on but never reached, a user with an API key.
call() { # method path token [body]
  local out
  out=$(curl -sS -m 30 -X "$1" "$API$2" -H "Authorization: Bearer $3" -H 'Content-Type: application/json' \
    ${4:+-d "$4"} -w '\n%{http_code}') || die "$1 $2 failed"
  local status=${out##*$'\n'}
  [[ $status == 2* ]] || die "$1 $2 answered $status: ${out%$'\n'*}"
  printf '%s' "${out%$'\n'*}"
}
admin=$(curl -sf -X POST "$API/llm/auth/login" -H 'Content-Type: application/json' \
  -d "{\"email\":\"$ADMIN_EMAIL\",\"password\":\"$ADMIN_PASSWORD\"}" | jq -r .access_token)
[ -n "$admin" ] && [ "$admin" != null ] || die "admin login failed"
provider=$(call POST /v1/admin/providers "$admin" \
  "{\"name\":\"bench-upstream\",\"type\":\"openai\",\"base_url\":\"http://127.0.0.1:$SIM_PORT/v1\",\"enabled\":true}" | jq -r .data.id)
call POST "/v1/admin/providers/$provider/sync" "$admin" >/dev/null
for model in bench-model bench-paced; do
  call PATCH "/v1/admin/models/provider-models/$model" "$admin" '{"rate_limit":{"requests_per_minute":100000000}}' >/dev/null
done
user=$(curl -sf -X POST "$API/llm/auth/register" -H 'Content-Type: application/json' \
  -d "{\"email\":\"bench-user@example.com\",\"password\":\"$ADMIN_PASSWORD\"}" | jq -r .access_token)
key=$(call POST /llm/auth/api-keys "$user" '{"name":"bench"}' | jq -r .data.key)
big=$(call POST /v1/conversations "$key" '{"title":"bench: a big conversation"}' | jq -r .data.id)
convs=()
for i in $(seq 1 16); do convs+=("$(call POST /v1/conversations "$key" "{\"title\":\"bench $i\"}" | jq -r .data.id)"); done
check=$(call POST /v1/chat/completions "$key" '{"model":"bench-model","messages":[{"role":"user","content":"hi"}]}')
[ "$(jq -r .object <<<"$check")" = chat.completion ] || die "a completion through the suite failed: $check"
headers=$(curl -s -D - -o /dev/null "$API/v1/chat/completions" -H "Authorization: Bearer $key" \
  -H 'Content-Type: application/json' -d '{"model":"bench-model","messages":[{"role":"user","content":"hi"}]}')
grep -qi '^x-ratelimit-limit: 100000000' <<<"$headers" || die "rate limiting is not on for bench-model: $headers"
say "provider $provider, models bench-model and bench-paced, API key ${key:0:10}..., conversation $big"

# 6. The load, then the results. The catalog's route lookup is measured as the inference-service makes it.
# the key the catalog shares with the inference-service, derived from INTERNAL_SECRET as the launcher derives it
internal_key="$(printf 'jansuite-internal-pair\ncatalog-service\ninference-service' \
  | openssl dgst -sha256 -hmac "$INTERNAL_SECRET" -binary | base64 | tr '+/' '-_' | tr -d '=\n')"
java -Xms256m -Xmx256m -cp "$CP" io.jansuite.bench.Harness \
  --gateway "$API" --upstream "http://127.0.0.1:$SIM_PORT" --conversation-direct http://127.0.0.1:8082 \
  --internal-key "$internal_key" --key "$key" --big "$big" --convs "$(IFS=,; echo "${convs[*]}")" --seed "$SEED" \
  --launcher-pid "$suite_pid" --sim-pid "$sim_pid" --db "$DB" --out "$RESULTS" --quick "$quick" \
  --load "$load_before" --after-seed "psql -q '$PG_URL/$DB' -c 'ANALYZE'" ${BENCH_ONLY:+--only "$BENCH_ONLY"}
errors=$(grep -ciE 'ERROR' "$SUITE_ROOT/.local/logs/inference-service.log" || true)
say "inference-service log: $errors ERROR lines"
say "results: $RESULTS/latest.md, $RESULTS/latest.csv"

# Everything this run started stops before step 7, which starts suites of its own.
cleanup_pids=("${pids[@]}")
pids=()
for pid in "${cleanup_pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
for pid in "${cleanup_pids[@]}"; do for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done; done
$quick || users
