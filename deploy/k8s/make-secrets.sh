#!/usr/bin/env bash
# Creates the secret files an overlay's secretGenerator reads, in overlays/<overlay>/secrets/ (git-ignored).
# Each pod gets a Secret with only what it reads:
#   <service>.env    that service's own: INTERNAL_SECRET (signs internal calls, base64 of 32 random bytes, the
#                    same in each file); catalog-service.env also PROVIDER_KEY_SECRET (encrypts stored provider
#                    keys); auth-service.env also ADMIN_EMAIL/ADMIN_PASSWORD (the admin account) when set
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
internal=$(value INTERNAL_SECRET "$old" $(for s in $SERVICES; do echo "$dir/$s.env"; done))
internal=${internal:-$(openssl rand -base64 32)}

for svc in $SERVICES; do
  [ -f "$dir/$svc.env" ] && continue
  {
    echo "INTERNAL_SECRET=$internal"
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
