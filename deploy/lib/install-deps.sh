#!/usr/bin/env bash
# Installs the Debian bookworm packages the suite builds, tests and runs with — only those missing, with one
# `apt-get update` at most. Idempotent; sourced or run by tests/run.sh and deploy/run-local.sh.
set -euo pipefail

CS_DEBIAN_PACKAGES=(
  build-essential cmake pkg-config ccache clang-format openssl
  protobuf-compiler libprotobuf-dev protobuf-compiler-grpc libgrpc++-dev libabsl-dev libssl-dev
  libmysqlcppconn-dev mariadb-server mariadb-client
  prometheus-cpp-dev prometheus
  libgtest-dev libgmock-dev libbenchmark-dev
  clang-14 libclang-rt-14-dev python3
)

cs_install_missing_packages() {
  local missing=() pkg
  for pkg in "${CS_DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  ((${#missing[@]} == 0)) && return 0
  echo "installing missing Debian packages: ${missing[*]}"
  local sudo=()
  [[ $(id -u) -eq 0 ]] || sudo=(sudo)
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  # policy-rc.d keeps the package from starting a system MariaDB service: the suite runs its own.
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  cs_install_missing_packages
fi
