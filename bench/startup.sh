#!/usr/bin/env bash
# What a new user meets: the suite as ./run.sh starts it (default set-up: no Redis), timed from the launcher's
# start to ready, then completions through the ingress from the first second after ready (cold) and after
# warm-up, against a Node upstream (no JVM warm-up of its own). Reports, per process, the CPU spent until ready,
# the CPU per completion cold and warm (independent of what else runs on the machine, unlike req/s), and the
# resident memory after the load. See docs/benchmarks.md ("Start-up and cold throughput").
#   bench/startup.sh LABEL            one run; LABEL names it in the output
# Environment: STARTUP_JAVA_HOME (the JDK the launcher and services run on; default: java on the PATH),
# JANSUITE_JVM_CACHE=off (no start-up caches), JAVA_OPTS (services), STARTUP_LOCAL (the suite's state directory,
# which holds the caches: keep it between runs to use them; default bench/.work/startup-local),
# STARTUP_OFFSET (port offset, 30000), STARTUP_COLD_S (10), STARTUP_WARM_S (20), BENCH_PG_URL, STARTUP_REDIS_URL
# (unset: the default set-up without Redis), STARTUP_PEER_DIR (a directory where `npm install` put
# @portkey-ai/gateway 1.15.2, see bench/node/peer/package.json: the peer gateway is then measured in the same run
# against the same upstream, and the ratio printed).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
label=${1:?usage: bench/startup.sh LABEL}
JAVA=${STARTUP_JAVA_HOME:+$STARTUP_JAVA_HOME/bin/}java
OFFSET=${STARTUP_OFFSET:-30000}
PG_URL=${BENCH_PG_URL:-postgres://postgres@127.0.0.1:5432}
DB="jansuite_startup_$$"
WORK=bench/.work
LOCAL=${STARTUP_LOCAL:-$WORK/startup-local}
COLD=${STARTUP_COLD_S:-10}
WARM=${STARTUP_WARM_S:-20}
API=http://127.0.0.1:$((8000 + OFFSET))
UP_PORT=$((8091 + OFFSET))
ADMIN_PASSWORD="bench-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
mkdir -p "$WORK" "$LOCAL"
LOCAL=$(cd "$LOCAL" && pwd)
say() { printf 'startup[%s]: %s\n' "$label" "$*"; }
die() { printf 'startup[%s]: %s\n' "$label" "$*" >&2; exit 1; }
[ -f local-suite/target/classes/io/jansuite/localsuite/Launcher.class ] || die "build first: ./mvnw -B -q package -DskipTests"

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do for _ in $(seq 1 400); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done; done
  psql -q "$PG_URL/postgres" -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
}
trap cleanup EXIT

node bench/node/upstream.mjs "$UP_PORT" >"$WORK/startup-upstream.log" 2>&1 &
pids+=($!)
psql -q "$PG_URL/postgres" -c "CREATE DATABASE $DB" >/dev/null

# CPU (ms, user+system) of a process and its children so far
cpu_ms() { awk '{print ($14 + $15) * 1000 / '"$(getconf CLK_TCK)"'}' "/proc/$1/stat" 2>/dev/null || echo 0; }
rss_mb() { awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$1/status" 2>/dev/null || echo 0; }
service_pid() { pgrep -f -- "-jar $LOCAL/run/$1/quarkus-run.jar" | head -1; }
SERVICES="auth-service conversation-service inference-service catalog-service admin-service"

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
t0=$(date +%s%N)
# On a machine loaded far beyond its cores, opening Flyway's JDBC connection can take longer than the pool's
# default 5 s, and the service then fails to start: give it a minute.
env -u REDIS_URL ${STARTUP_REDIS_URL:+REDIS_URL=$STARTUP_REDIS_URL} QUARKUS_DATASOURCE_JDBC_ACQUISITION_TIMEOUT=60S JANSUITE_PORT_OFFSET="$OFFSET" JANSUITE_LOCAL_DIR="$LOCAL" \
  DATABASE_URL="$PG_URL/$DB" ADMIN_EMAIL=bench-admin@example.com ADMIN_PASSWORD="$ADMIN_PASSWORD" JANSUITE_START_TIMEOUT=600 \
  "$JAVA" ${LAUNCHER_JAVA_OPTS:--Xms16m -Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1} -cp "local-suite/target/classes:local-suite/target/lib/*" io.jansuite.localsuite.Launcher "$ROOT" \
  >"$WORK/startup-$label.log" 2>&1 &
launcher=$!
pids=("$launcher" "${pids[@]}")
until curl -sf -m 2 -o /dev/null "$API/healthz"; do
  kill -0 "$launcher" 2>/dev/null || { tail -20 "$WORK/startup-$label.log" >&2; die "the launcher stopped"; }
  sleep 0.2
done
ready_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
declare -A pid cpu_ready
pid[ingress]=$launcher
for s in $SERVICES; do pid[$s]=$(service_pid "$s"); done
for p in ingress $SERVICES; do cpu_ready[$p]=$(cpu_ms "${pid[$p]}"); done
started=$(for s in $SERVICES; do grep -ho 'started in [0-9.]*s' "$LOCAL/logs/$s.log" | tail -1 | sed "s/started in /$s=/"; done | tr '\n' ' ')
tr '\0' ' ' <"/proc/${pid[catalog-service]}/cmdline" | grep -o -- '-XX:[A-Za-z]*\(Archive\|AOTCache\)[A-Za-z]*' | head -1 >"$WORK/startup-$label.cache" || true
say "ready in $ready_ms ms (load before: $load_before); quarkus: $started; cache option: $(cat "$WORK/startup-$label.cache")"

# A provider for the Node upstream, a user and an API key (as bench/run.sh does)
call() { curl -sS -m 60 -X "$1" "$API$2" -H "Authorization: Bearer $3" -H 'Content-Type: application/json' ${4:+-d "$4"}; }
admin=$(curl -sf -m 60 -X POST "$API/llm/auth/login" -H 'Content-Type: application/json' \
  -d "{\"email\":\"bench-admin@example.com\",\"password\":\"$ADMIN_PASSWORD\"}" | jq -r .access_token)
provider=$(call POST /v1/admin/providers "$admin" \
  "{\"name\":\"node-upstream\",\"type\":\"openai\",\"base_url\":\"http://127.0.0.1:$UP_PORT/v1\",\"enabled\":true}" | jq -r .data.id)
call POST "/v1/admin/providers/$provider/sync" "$admin" >/dev/null
call PATCH /v1/admin/models/provider-models/bench-model "$admin" '{"rate_limit":{"requests_per_minute":100000000}}' >/dev/null
user=$(curl -sf -m 60 -X POST "$API/llm/auth/register" -H 'Content-Type: application/json' \
  -d "{\"email\":\"bench-user@example.com\",\"password\":\"$ADMIN_PASSWORD\"}" | jq -r .access_token)
key=$(call POST /llm/auth/api-keys "$user" '{"name":"bench"}' | jq -r .data.key)
[ -n "$key" ] && [ "$key" != null ] || die "no API key"
setup_ms=$(( ($(date +%s%N) - t0) / 1000000 - ready_ms ))

phase() { # name seconds: load through the ingress, then CPU per completion of each process
  local name=$1 secs=$2 before=() after=() out
  for p in ingress $SERVICES; do before+=("$(cpu_ms "${pid[$p]}")"); done
  out=$(node bench/node/load.mjs "$API/v1/chat/completions" "$secs" 16 "authorization: Bearer $key")
  for p in ingress $SERVICES; do after+=("$(cpu_ms "${pid[$p]}")"); done
  local rps n i=0 line=""
  rps=$(jq -r .rps <<<"$out")
  n=$(( rps * secs ))
  for p in ingress $SERVICES; do
    line+=" $p=$(awk -v a="${after[$i]}" -v b="${before[$i]}" -v n="$n" 'BEGIN { printf "%.3f", n ? (a - b) / n : 0 }')"
    i=$((i + 1))
  done
  say "$name: $(jq -c '{rps, p50, p99, errors, per_second}' <<<"$out"); CPU ms per completion:$line"
  last_rps=$rps
}
other() { # name seconds url [header ...]: load on something else than the suite, with the CPU of process $peer
  local name=$1 secs=$2 url=$3 out b a
  shift 3
  b=$(cpu_ms "${peer:-$$}")
  out=$(node bench/node/load.mjs "$url" "$secs" 16 "$@")
  a=$(cpu_ms "${peer:-$$}")
  other_rps=$(jq -r .rps <<<"$out")
  say "$name: $(jq -c '{rps, p50, p99, errors, per_second}' <<<"$out")${peer:+; CPU ms per completion: $(awk -v a="$a" -v b="$b" \
    -v n="$((other_rps * secs))" 'BEGIN { printf "%.3f", n ? (a - b) / n : 0 }')}"
}
phase "cold (first ${COLD} s)" "$COLD"
phase "warm-up (${WARM} s)" "$WARM"
phase "warm (${COLD} s)" "$COLD"
suite_rps=$last_rps
peer=""
other "the upstream directly (${COLD} s)" "$COLD" "http://127.0.0.1:$UP_PORT/v1/chat/completions"
if [ -n "${STARTUP_PEER_DIR:-}" ]; then
  node "$STARTUP_PEER_DIR/node_modules/@portkey-ai/gateway/build/start-server.js" --port=$((8787 + OFFSET)) --headless \
    >"$WORK/startup-peer.log" 2>&1 &
  peer=$!
  pids+=("$peer")
  until curl -s -m 2 -o /dev/null "http://127.0.0.1:$((8787 + OFFSET))/"; do sleep 0.5; done
  portkey=("x-portkey-provider: openai" "x-portkey-custom-host: http://127.0.0.1:$UP_PORT/v1" "authorization: Bearer sk-bench")
  other "peer gateway (Portkey 1.15.2), first ${COLD} s" "$COLD" "http://127.0.0.1:$((8787 + OFFSET))/v1/chat/completions" "${portkey[@]}"
  other "peer gateway (Portkey 1.15.2), warm ${COLD} s" "$COLD" "http://127.0.0.1:$((8787 + OFFSET))/v1/chat/completions" "${portkey[@]}"
  say "suite warm / peer warm throughput: $(awk -v s="$suite_rps" -v p="$other_rps" 'BEGIN { printf "%.2f", p ? s / p : 0 }')"
fi
rss=""
cpu=""
for p in ingress $SERVICES; do rss+=" $p=$(rss_mb "${pid[$p]}")"; cpu+=" $p=${cpu_ready[$p]}"; done
say "CPU ms until ready:$cpu"
say "resident MiB after the load:$rss"
say "set-up calls after ready took $setup_ms ms"
t1=$(date +%s%N)
kill -TERM "$launcher"
for _ in $(seq 1 800); do kill -0 "$launcher" 2>/dev/null || break; sleep 0.25; done
say "stopped in $(( ($(date +%s%N) - t1) / 1000000 )) ms; caches: $(ls "$LOCAL/jvm-cache" 2>/dev/null | tr '\n' ' ')"
