#!/usr/bin/env bash
# Creates the secret files an overlay's secretGenerator reads, in overlays/<overlay>/secrets/ (git-ignored):
#   secrets.env      INTERNAL_SECRET, PROVIDER_KEY_SECRET (base64 of 32 random bytes), DB_PASSWORD (dev only),
#                    ADMIN_EMAIL/ADMIN_PASSWORD (the admin account the auth-service creates) when set
#   jwt-private.pem  the access-token signing key (RSA 2048, PKCS#8)
#   jwt-public.pem   its public half (X.509)
# Existing files are kept (rotating them logs everyone out / makes stored provider keys unreadable).
# Usage: [DB_PASSWORD=...] [ADMIN_EMAIL=... ADMIN_PASSWORD=...] deploy/k8s/make-secrets.sh dev|prod
set -euo pipefail
overlay="${1:?usage: $0 dev|prod}"
dir="$(cd "$(dirname "$0")" && pwd)/overlays/$overlay/secrets"
[ -d "$(dirname "$dir")" ] || { echo "no overlay $overlay" >&2; exit 2; }
mkdir -p "$dir"
umask 077
if [ ! -f "$dir/secrets.env" ]; then
  {
    echo "INTERNAL_SECRET=$(openssl rand -base64 32)"
    echo "PROVIDER_KEY_SECRET=$(openssl rand -base64 32)"
    if [ "$overlay" = "dev" ]; then echo "DB_PASSWORD=${DB_PASSWORD:-}"; fi
    if [ -n "${ADMIN_EMAIL:-}" ]; then echo "ADMIN_EMAIL=$ADMIN_EMAIL"; echo "ADMIN_PASSWORD=${ADMIN_PASSWORD:?set ADMIN_PASSWORD too}"; fi
  } > "$dir/secrets.env"
fi
if [ ! -f "$dir/jwt-private.pem" ]; then
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$dir/jwt-private.pem" 2>/dev/null
  openssl pkey -in "$dir/jwt-private.pem" -pubout -out "$dir/jwt-public.pem"
fi
echo "Secrets for $overlay in $dir (never commit them)."
