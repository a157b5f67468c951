#!/usr/bin/env bash
# Regenerates deploy/k8s/base/ingress.yaml (from deploy/routes.tsv) and copies each service's generated
# manifest (<service>/target/kubernetes/kubernetes.yml, written by `./mvnw package`) to base/services/.
# Run after changing the route table or any quarkus.kubernetes.* setting, then commit the result.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ "${1:-}" = "--build" ] || [ ! -f deploy/target/classes/io/jansuite/deploy/k8s/K8sManifests.class ] \
    || [ ! -f route-table/target/classes/io/jansuite/routes/RouteTable.class ]; then
  ./mvnw -B -q -DskipTests package
fi
java -cp "deploy/target/classes:route-table/target/classes" io.jansuite.deploy.k8s.K8sManifests .
