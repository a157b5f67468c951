#!/usr/bin/env bash
# Runs the whole suite locally: five services, PostgreSQL (embedded unless DATABASE_URL/DB_* say otherwise)
# and the ingress on http://localhost:8000. Ctrl-C stops everything. See docs/local-suite.md.
#   ./run.sh            build what is missing, then run
#   ./run.sh --rebuild  rebuild everything first
set -euo pipefail
cd "$(dirname "$0")"

SERVICES="auth-service conversation-service inference-service catalog-service admin-service"
rebuild=false
for arg in "$@"; do
  case "$arg" in
    --rebuild) rebuild=true ;;
    -h|--help) sed -n '2,5p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $arg (try --help)" >&2; exit 2 ;;
  esac
done

command -v java >/dev/null || { echo "run.sh: java (17+) is not on the PATH" >&2; exit 2; }

missing=false
for svc in $SERVICES; do
  [ -f "$svc/target/quarkus-app/quarkus-run.jar" ] || missing=true
done
[ -f local-suite/target/classes/io/jansuite/localsuite/Launcher.class ] || missing=true
[ -f local-suite/target/lib/vertx-http-proxy-4.5.27.jar ] || missing=true

if $rebuild || $missing; then
  echo "run.sh: building (./mvnw -B -q -DskipTests install) ..."
  ./mvnw -B -q -DskipTests install
fi

exec java ${LAUNCHER_JAVA_OPTS:--Xmx128m} -cp "local-suite/target/classes:local-suite/target/lib/*" io.jansuite.localsuite.Launcher "$PWD"
