#!/usr/bin/env bash
# Configures and builds the one CMake build of the suite in build/ with -j2 and ccache.
# Usage: build.sh [cmake --build targets...]   (no targets: everything)
# CS_BUILD_DIR: another build directory; CS_CMAKE_ARGS: cache options for its first configure, e.g.
# "-DCS_BUILD_TESTS=OFF -DCS_BUILD_BENCHMARKS=OFF" (deploy/Dockerfile).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build_dir=${CS_BUILD_DIR:-$root/build}
export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/ccache}
export CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-5G}
# Relative paths in the cache key: a fresh clone elsewhere (CI) reuses what an earlier build compiled.
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$root} CCACHE_NOHASHDIR=${CCACHE_NOHASHDIR:-true}
if [[ ! -f $build_dir/CMakeCache.txt ]]; then
  read -r -a cmake_args <<<"${CS_CMAKE_ARGS:-}"
  cmake -S "$root" -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "${cmake_args[@]}" >/dev/null
fi
targets=()
for t in "$@"; do targets+=(--target "$t"); done
cmake --build "$build_dir" -j"${CS_BUILD_JOBS:-2}" "${targets[@]}"
