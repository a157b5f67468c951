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
[ -f local-suite/target/lib/console-1.0.0-SNAPSHOT.jar ] || missing=true

if $rebuild || $missing; then
  echo "run.sh: building (./mvnw -B -q -DskipTests install) ..."
  ./mvnw -B -q -DskipTests install
fi

# The launcher's own start-up cache, as the services have theirs (docs/local-suite.md): recorded by the first run
# of this JDK and these jars, used by the next. Archives hold classes from jars only, hence the packaged jar.
classpath="local-suite/target/classes:local-suite/target/lib/*"
cache=()
jar=local-suite/target/local-suite-1.0.0-SNAPSHOT.jar
if [ "${JANSUITE_JVM_CACHE:-}" != off ] && [ -f "$jar" ] && [ ! "local-suite/target/classes" -nt "$jar" ]; then
  classpath="$jar:local-suite/target/lib/*"
  settings=$(java -XshowSettings:properties -version 2>&1)
  feature=$(awk -F' = ' '/java.specification.version/ {print $2}' <<<"$settings")
  fingerprint=$( { grep 'java.runtime.version' <<<"$settings"; stat -c '%n %s %Y' "$jar" local-suite/target/lib/*; } \
    | sha256sum | cut -c1-12)
  dir=${JANSUITE_LOCAL_DIR:-.local}/jvm-cache
  mkdir -p "$dir"
  if [ "$feature" -ge 25 ] 2>/dev/null; then
    file=$dir/launcher-$fingerprint.aot use=-XX:AOTCache= record=-XX:AOTCacheOutput= quiet=(-Xlog:cds*=off -Xlog:aot*=off)
  else
    file=$dir/launcher-$fingerprint.jsa use=-XX:SharedArchiveFile= record=-XX:ArchiveClassesAtExit= quiet=(-Xlog:cds*=off)
  fi
  if [ -f "$file" ]; then cache=("${quiet[@]}" "$use$file"); else
    rm -f "$dir"/launcher-*
    cache=("${quiet[@]}" "$record$file")
  fi
fi

exec java ${LAUNCHER_JAVA_OPTS:--Xms16m -Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1} "${cache[@]}" -cp "$classpath" io.jansuite.localsuite.Launcher "$PWD"
