#!/usr/bin/env bash
# Creates the secret files an overlay's secretGenerator reads, in overlays/<overlay>/secrets/ (git-ignored).
# Each pod gets a Secret with only what it reads:
#   <service>.env    that service's own: APP_INTERNAL_KEYS (a key per peer it calls or is called by, as listed in
#                    deploy/calls.tsv: each derived from internal-master and the two names, so both ends agree
#                    and no other pod has it); catalog-service.env also PROVIDER_KEY_SECRET (encrypts stored
#                    provider keys); auth-service.env also ADMIN_EMAIL/ADMIN_PASSWORD (the admin account) when set
#   internal-master  base64 of 32 random bytes from which the internal keys are derived; mounted by no pod
#   database.env     DB_PASSWORD (dev only: prod takes it from CloudNativePG's Secret), for every service
#   redis.env        REDIS_PASSWORD (hex): Redis asks for it; the inference- and catalog-service put it in REDIS_URL
#   jwt-private.pem  the access-token signing key (RSA 2048, PKCS#8), mounted by the auth-service only
#   jwt-public.pem   its public half (X.509)
# Existing files are kept (rotating them logs everyone out / makes stored provider keys unreadable), and the
# values of an older single secrets.env are carried over.
# Usage: [DB_PASSWORD=...] [ADMIN_EMAIL=... ADMIN_PASSWORD=...] deploy/k8s/make-secrets.sh dev|prod
set -euo pipefail
overlay="${1:?usage: $0 dev|prod}"
dir="$(cd "$(dirname "$0")" && pwd)/overlays/$overlay/secrets"
[ -d "$(dirname "$dir")" ] || { echo "no overlay $overlay" >&2; exit 2; }
mkdir -p "$dir"
umask 077
SERVICES="auth-service conversation-service inference-service catalog-service admin-service"

# value KEY FILE...: the first value of KEY in the files that exist
value() {
  local key=$1; shift
  for f in "$@"; do
    [ -f "$f" ] && sed -n "s/^$key=//p" "$f" | head -1 | grep . && return 0
  done
  return 0
}
old="$dir/secrets.env"
calls="$(cd "$(dirname "$0")/.." && pwd)/calls.tsv"
if [ ! -f "$dir/internal-master" ]; then
  master=$(value INTERNAL_SECRET "$old" $(for s in $SERVICES; do echo "$dir/$s.env"; done))
  echo "${master:-$(openssl rand -base64 32)}" > "$dir/internal-master"
fi
master=$(cat "$dir/internal-master")

# internal_keys SERVICE: peer:key for each peer of SERVICE in calls.tsv (the launcher derives them alike)
internal_keys() {
  local svc=$1 peers peer a b key out=""
  peers=$(grep -v '^#' "$calls" | awk -F'\t' -v s="$svc" 'NF >= 2 && $1 == s { print $2 } NF >= 2 && $2 == s { print $1 }' | sort -u)
  for peer in $peers; do
    if [[ "$svc" < "$peer" || "$svc" == "$peer" ]]; then a=$svc; b=$peer; else a=$peer; b=$svc; fi
    key=$(printf 'jansuite-internal-pair\n%s\n%s' "$a" "$b" | openssl dgst -sha256 -hmac "$master" -binary \
      | base64 | tr '+/' '-_' | tr -d '=\n')
    out="${out:+$out,}$peer:$key"
  done
  echo "$out"
}

for svc in $SERVICES; do
  if [ -f "$dir/$svc.env" ]; then
    # an older file: the internal keys take the place of the shared INTERNAL_SECRET
    if ! grep -q '^APP_INTERNAL_KEYS=' "$dir/$svc.env"; then
      sed -i '/^INTERNAL_SECRET=/d' "$dir/$svc.env"
      echo "APP_INTERNAL_KEYS=$(internal_keys "$svc")" >> "$dir/$svc.env"
    fi
    continue
  fi
  {
    echo "APP_INTERNAL_KEYS=$(internal_keys "$svc")"
    case "$svc" in
      catalog-service)
        provider=$(value PROVIDER_KEY_SECRET "$old")
        echo "PROVIDER_KEY_SECRET=${provider:-$(openssl rand -base64 32)}" ;;
      auth-service)
        email=${ADMIN_EMAIL:-$(value ADMIN_EMAIL "$old")}
        if [ -n "$email" ]; then
          password=${ADMIN_PASSWORD:-$(value ADMIN_PASSWORD "$old")}
          echo "ADMIN_EMAIL=$email"; echo "ADMIN_PASSWORD=${password:?set ADMIN_PASSWORD too}"
        fi ;;
    esac
  } > "$dir/$svc.env"
done
if [ "$overlay" = "dev" ] && [ ! -f "$dir/database.env" ]; then
  echo "DB_PASSWORD=${DB_PASSWORD:-$(value DB_PASSWORD "$old")}" > "$dir/database.env"
fi
if [ ! -f "$dir/redis.env" ]; then
  echo "REDIS_PASSWORD=$(openssl rand -hex 32)" > "$dir/redis.env"
fi
if [ ! -f "$dir/jwt-private.pem" ]; then
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$dir/jwt-private.pem" 2>/dev/null
  openssl pkey -in "$dir/jwt-private.pem" -pubout -out "$dir/jwt-public.pem"
fi
echo "Secrets for $overlay in $dir (never commit them)."
