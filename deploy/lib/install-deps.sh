#!/usr/bin/env bash
# Installs the Debian bookworm packages the suite builds, tests and runs with — only those missing, with one
# `apt-get update` at most. Idempotent; sourced or run by tests/run.sh and deploy/run-local.sh.
set -euo pipefail

# What building the service binaries and tools needs, and no more (tests and benchmarks off): the
# build stage of deploy/Dockerfile installs only these, with `install-deps.sh --build-only`.
CS_BUILD_PACKAGES=(
  build-essential cmake pkg-config ccache
  protobuf-compiler libprotobuf-dev protobuf-compiler-grpc libgrpc++-dev libabsl-dev libssl-dev
  libmysqlcppconn-dev prometheus-cpp-dev
)

CS_DEBIAN_PACKAGES=(
  "${CS_BUILD_PACKAGES[@]}" clang-format openssl
  mariadb-server mariadb-client prometheus
  libgtest-dev libgmock-dev libbenchmark-dev
  clang-14 libclang-rt-14-dev python3
  docker-compose python3-yaml yamllint python3-grpcio
)
# python3-grpcio: the Python client test (tests/python) and the bench launcher (start_to_serving.py).
# Node.js and npm run the Kubernetes schema test (tests/k8s/schema_test.py; node >= 18). Debian's
# are added only when none is on PATH, so a newer one already installed (NodeSource) is kept.
command -v node >/dev/null 2>&1 || CS_DEBIAN_PACKAGES+=(nodejs)
command -v npm >/dev/null 2>&1 || CS_DEBIAN_PACKAGES+=(npm)

# Installs the missing ones of the packages given, or of CS_DEBIAN_PACKAGES when none are.
cs_install_missing_packages() {
  local missing=() pkg wanted=("${CS_DEBIAN_PACKAGES[@]}")
  (($#)) && wanted=("$@")
  for pkg in "${wanted[@]}"; do
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
  case ${1:-} in
    "") cs_install_missing_packages ;;
    --build-only) cs_install_missing_packages "${CS_BUILD_PACKAGES[@]}" ;;
    *) echo "usage: install-deps.sh [--build-only]" >&2; exit 2 ;;
  esac
fi
