#!/usr/bin/env bash
# The Debian packages holding the shared libraries that binaries load (ldd, then dpkg -S): what the
# runtime stage of deploy/Dockerfile must install. Runs where the binaries were built (the image's
# build stage, or this machine for tests/compose/dockerfile_test.py).
#
#   deploy/lib/runtime-packages.sh BINARY...
#       prints the packages, one a line, sorted
#   deploy/lib/runtime-packages.sh --check "PKG PKG ..." BINARY...
#       exit 1, naming each needed package missing from the list with a library that needs it (or a
#       library ldd cannot find); exit 0 when the list covers every library of every binary
set -euo pipefail

check="" check_mode=0
if [[ ${1:-} == --check ]]; then
  check_mode=1 check=" ${2:?--check needs a package list} "
  shift 2
fi
(($#)) || { sed -n '2,12p' "$0" >&2; exit 2; }

# The libraries every binary loads, each once: library -> "library (for binary)".
declare -A first_user=()
status=0
for binary in "$@"; do
  [[ -x $binary ]] || { echo "not an executable: $binary" >&2; exit 2; }
  while read -r line; do
    if [[ $line == *"=> not found"* ]]; then
      echo "$binary: ldd cannot find ${line%% *}" >&2
      status=1
      continue
    fi
    # "libx.so.1 => /lib/x86_64-linux-gnu/libx.so.1 (0x…)" or "/lib64/ld-linux-x86-64.so.2 (0x…)"
    if [[ $line =~ =\>\ (/[^ ]+) ]]; then
      library=${BASH_REMATCH[1]}
    elif [[ $line =~ ^(/[^ ]+) ]]; then
      library=${BASH_REMATCH[1]}
    else
      continue  # linux-vdso.so.1: the kernel's
    fi
    [[ -n ${first_user[$library]:-} ]] || first_user[$library]="$library (for ${binary##*/})"
  done < <(ldd "$binary")
done

# Debian's merged /usr: dpkg may know a library under /usr/lib or /lib, and a symbolic link under
# its target's name; every name is asked in one dpkg -S call (each call reads dpkg's database).
declare -A candidates_of=() owner_of=()
all_candidates=()
for library in "${!first_user[@]}"; do
  real=$(readlink -f "$library")
  candidates_of[$library]="$library /usr$library ${library#/usr} $real ${real#/usr} /usr${real#/usr}"
  read -r -a names <<<"${candidates_of[$library]}"
  all_candidates+=("${names[@]}")
done
# "libfoo1:amd64: /path" or, for a diverted file, "a, b: /path".
while IFS= read -r line; do
  [[ $line == *": /"* ]] || continue
  owner=${line%%: /*} path=/${line#*: /}
  owner=${owner%%,*}
  owner_of[$path]=${owner%%:*}
done < <(((${#all_candidates[@]})) && dpkg -S "${all_candidates[@]}" 2>/dev/null || true)

declare -A needed_by=()
for library in "${!first_user[@]}"; do
  package=""
  for candidate in ${candidates_of[$library]}; do
    package=${owner_of[$candidate]:-}
    [[ -z $package ]] || break
  done
  if [[ -z $package ]]; then
    echo "no Debian package holds ${first_user[$library]}" >&2
    status=1
    continue
  fi
  [[ -n ${needed_by[$package]:-} ]] || needed_by[$package]=${first_user[$library]}
done

if ((check_mode)); then
  for package in $(printf '%s\n' "${!needed_by[@]}" | sort); do
    if [[ $check != *" $package "* ]]; then
      echo "missing runtime package $package: it holds ${needed_by[$package]}" >&2
      status=1
    fi
  done
else
  printf '%s\n' "${!needed_by[@]}" | sort
fi
exit $status
