#!/usr/bin/env bash
# Makes the secret files docker-compose.yml reads that do not exist yet — random passwords and bearer
# tokens, and a token file (tokens.textproto) holding the hashes of every service's SERVICE token
# and of one CS_CENTER token — and never touches one that exists. Files are mode 0444 in a directory
# of mode 0700: the containers read them as other users (README "Staging with Docker Compose").
#
#   deploy/compose-secrets.sh [DIR]
#
# DIR: the argument, else CS_SECRETS_DIR from the environment or from .env, else ./secrets (relative
# paths are relative to the repository top, as in docker-compose.yml). The services are those of
# CS_SERVICES in docker-compose.yml. The CS_CENTER token is left in DIR/cs-center.token for you to
# hand to its holder (then delete that file); other people's tokens go into tokens.textproto by hand
# (README "Token files").
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

dir=${1:-${CS_SECRETS_DIR:-}}
if [[ -z $dir && -f .env ]]; then
  dir=$(sed -n 's/^CS_SECRETS_DIR=//p' .env | tail -n 1)
fi
dir=${dir:-./secrets}

read -r -a services <<<"$(sed -n 's/^ *CS_SERVICES: *//p' docker-compose.yml | head -n 1 | tr -d "\"'")"
((${#services[@]})) || { echo "no CS_SERVICES line in docker-compose.yml" >&2; exit 1; }

mkdir -p "$dir"
chmod 0700 "$dir"

random_password() { head -c 18 /dev/urandom | base64 | tr -d '/+=\n'; }
random_token() { printf '%s-%s' "$1" "$(head -c 20 /dev/urandom | od -An -tx1 | tr -d ' \n')"; }

made=()
# Writes `content` to DIR/name unless the file exists.
make_secret() {
  local file=$dir/$1 content=$2
  [[ -e $file ]] && return 0
  (umask 0377 && printf '%s' "$content" >"$file")
  chmod 0444 "$file"
  made+=("$1")
}

make_secret mariadb-root-password "$(random_password)"
make_secret grafana-admin-password "$(random_password)"
make_secret cs-center.token "$(random_token cs-center)"
for service in "${services[@]}"; do
  make_secret "$service.db-password" "$(random_password)"
  make_secret "$service.migration-password" "$(random_password)"
  make_secret "$service.service-token" "$(random_token "svc-$service")"
done

if [[ ! -e $dir/tokens.textproto ]]; then
  hash_of() { printf '%s' "$(<"$dir/$1")" | sha256sum | cut -d' ' -f1; }
  {
    echo "# proto-file: proto/cs/config/v1/tokens.proto"
    echo "# proto-message: cs.config.v1.TokenFile"
    echo "# Made by deploy/compose-secrets.sh: SHA-256 of each bearer token, never the token itself."
    echo "tokens { token_sha256: \"$(hash_of cs-center.token)\" user: \"cs-center\" role: ROLE_CS_CENTER }"
    for service in "${services[@]}"; do
      echo "tokens { token_sha256: \"$(hash_of "$service.service-token")\" user: \"svc-$service\" role: ROLE_SERVICE }"
    done
  } >"$dir/tokens.textproto.new"
  chmod 0444 "$dir/tokens.textproto.new"
  mv "$dir/tokens.textproto.new" "$dir/tokens.textproto"
  made+=(tokens.textproto)
fi

if ((${#made[@]})); then
  echo "made in $dir: ${made[*]}"
else
  echo "every secret exists in $dir; nothing made"
fi
if [[ " ${made[*]} " == *" cs-center.token "* ]]; then
  echo "the CS_CENTER bearer token is in $dir/cs-center.token: hand it over, then delete the file"
fi
