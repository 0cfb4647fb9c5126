#!/usr/bin/env bash
# Writes .env beside docker-compose.yml from .env.example, with a fresh random value (48 hex characters, from
# /dev/urandom) for every secret Compose demands that .env.example leaves empty. Never overwrites an existing .env.
set -euo pipefail
cd "$(dirname "$0")"
if [ -e .env ]; then
  echo ".env exists; not overwritten (delete it first to generate new secrets, which changes every password and key)" >&2
  exit 1
fi
# The variables docker-compose.yml demands with ${NAME:?…}: each gets its own random value.
demanded="$(grep -o '\${[A-Z0-9_]*:?' docker-compose.yml | sed 's/^\${//; s/:?$//' | sort -u)"
umask 077
while IFS= read -r line || [ -n "$line" ]; do
  name="${line%%=*}"
  if [[ "$line" == "$name=" ]] && grep -qx "$name" <<< "$demanded"; then
    echo "$name=$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"
  else
    echo "$line"
  fi
done < .env.example > .env
echo "wrote .env with new secrets for: $(tr '\n' ' ' <<< "$demanded")"
