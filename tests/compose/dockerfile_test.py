#!/usr/bin/env python3
"""deploy/Dockerfile, checked as far as this machine allows (it has no Docker engine, so the image
is never built here):

- both stages are Debian bookworm, and every package either stage installs exists in bookworm
  (`apt-cache madison`);
- the runtime stage's package list covers every shared library the real binaries of this build
  load (`deploy/lib/runtime-packages.sh --check`: ldd + dpkg -S) and holds nothing else but tzdata;
- every binary the build stage copies is a CMake target of the build, at the path it copies from;
- a configure with the build stage's CMake options (tests and benchmarks off) succeeds, defines
  those targets and no test, and everything it found belongs to a package that
  `deploy/lib/install-deps.sh --build-only` installs (or one they depend on);
- what the stages copy exists, the image runs as a non-root numeric user, .dockerignore keeps build
  trees, local data, git, secrets and the development tokens out, and the entrypoint runs the
  program its first argument names (tried with a copy of it beside the real probe).

Usage: dockerfile_test.py --source REPO --build BUILD_DIR
"""
import argparse
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import unittest

import compose_lib

ARGS = None


def dockerfile_lines(path):
    """Instructions with continuation lines joined; comments dropped."""
    lines, current = [], ""
    with open(path, encoding="utf-8") as file:
        for raw in file:
            stripped = raw.strip()
            if not current and (not stripped or stripped.startswith("#")):
                continue
            if raw.rstrip("\n").endswith("\\"):
                current += raw.rstrip("\n")[:-1]
                continue
            lines.append(current + raw.rstrip("\n"))
            current = ""
    return lines


def build_packages(source):
    out = subprocess.run(["bash", "-c", 'source deploy/lib/install-deps.sh; '
                          'echo "${CS_BUILD_PACKAGES[@]}"'], cwd=source, capture_output=True,
                         text=True, check=True)
    return out.stdout.split()


def dpkg_owners(path):
    """The packages that installed `path` (merged /usr: tried under both names)."""
    for candidate in (path, "/usr" + path, path[len("/usr"):] if path.startswith("/usr/") else None,
                      os.path.realpath(path)):
        if not candidate:
            continue
        out = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True,
                             check=False)
        if out.returncode == 0:
            owners = set()
            for line in out.stdout.splitlines():
                for owner in line.rsplit(": ", 1)[0].split(", "):
                    owners.add(owner.split(":")[0])
            return owners
    return set()


class DockerfileTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.source = ARGS.source
        cls.lines = dockerfile_lines(os.path.join(cls.source, "deploy", "Dockerfile"))
        cls.text = "\n".join(cls.lines)
        match = re.search(r'^ARG CS_RUNTIME_PACKAGES="([^"]+)"', cls.text, re.M)
        if not match:
            raise AssertionError("deploy/Dockerfile has no ARG CS_RUNTIME_PACKAGES=\"...\"")
        cls.runtime_packages = match.group(1).split()
        cls.build_packages = build_packages(cls.source)
        cls.services = compose_lib.built_services(cls.source)

    def binaries(self):
        paths = [os.path.join(ARGS.build, "services", name, name) for name in self.services]
        paths.append(os.path.join(ARGS.build, "tools", "grpc-health-probe", "grpc_health_probe"))
        for path in paths:
            self.assertTrue(os.access(path, os.X_OK), f"{path} is not built")
        return paths

    def test_stages_are_debian_bookworm(self):
        froms = [line.split() for line in self.lines if line.startswith("FROM ")]
        self.assertEqual([f[1:] for f in froms], [["debian:bookworm", "AS", "build"],
                                                  ["debian:bookworm-slim", "AS", "runtime"]])
        self.assertIn("deploy/lib/install-deps.sh --build-only", self.text)
        self.assertIn("deploy/lib/build.sh", self.text)

    def test_every_package_exists_in_bookworm(self):
        packages = self.runtime_packages + self.build_packages
        out = subprocess.run(["apt-cache", "madison", *packages], capture_output=True, text=True,
                             check=False).stdout
        in_bookworm = {line.split("|")[0].strip() for line in out.splitlines()
                       if re.search(r" bookworm(-updates|-security)?/main ", line)}
        for package in packages:
            with self.subTest(package=package):
                self.assertIn(package, in_bookworm,
                              f"no {package} in Debian bookworm (apt-get update first?)")

    def test_runtime_packages_cover_every_library_and_no_more(self):
        binaries = self.binaries()
        check = subprocess.run([os.path.join(self.source, "deploy/lib/runtime-packages.sh"),
                                "--check", " ".join(self.runtime_packages), *binaries],
                               capture_output=True, text=True, check=False)
        self.assertEqual(check.returncode, 0, check.stderr)
        needed = subprocess.run([os.path.join(self.source, "deploy/lib/runtime-packages.sh"),
                                 *binaries], capture_output=True, text=True, check=True)
        self.assertEqual(sorted(set(self.runtime_packages) - {"tzdata"}),
                         sorted(needed.stdout.split()), "the list has packages nothing needs")
        self.assertIn("tzdata", self.runtime_packages, "the calendar reads /usr/share/zoneinfo")

    def test_copied_binaries_are_cmake_targets(self):
        targets = subprocess.run(["cmake", "--build", ARGS.build, "--target", "help"],
                                 capture_output=True, text=True, check=True).stdout
        self.assertTrue(self.services)
        for name in self.services + ["grpc_health_probe"]:
            self.assertRegex(targets, rf"(?m)^\.\.\. {re.escape(name)}$", f"no target {name}")
        # The paths the build stage copies from, with /build as this build directory.
        self.assertIn('"/build/services/$service/$service"', self.text)
        self.assertIn("/build/tools/grpc-health-probe/grpc_health_probe", self.text)
        self.binaries()

    def test_the_build_stage_configure_has_tests_off_and_needs_only_build_packages(self):
        match = re.search(r'CS_CMAKE_ARGS="([^"]*)"', self.text)
        self.assertIsNotNone(match)
        options = shlex.split(match.group(1))
        self.assertEqual(sorted(options), ["-DCS_BUILD_BENCHMARKS=OFF", "-DCS_BUILD_TESTS=OFF"])
        build_dir = tempfile.mkdtemp(prefix="cs-dockerfile-configure.")
        try:
            configured = subprocess.run(["cmake", "-S", self.source, "-B", build_dir,
                                         "-DCMAKE_BUILD_TYPE=RelWithDebInfo", *options],
                                        capture_output=True, text=True, check=False)
            self.assertEqual(configured.returncode, 0, configured.stderr[-3000:])
            targets = subprocess.run(["cmake", "--build", build_dir, "--target", "help"],
                                     capture_output=True, text=True, check=True).stdout
            for name in self.services + ["grpc_health_probe"]:
                self.assertRegex(targets, rf"(?m)^\.\.\. {re.escape(name)}$")
            self.assertNotRegex(targets, r"(?m)^\.\.\. \w+_test$", "tests are configured")
            closure = set(subprocess.run(
                ["apt-cache", "depends", "--recurse", "--no-recommends", "--no-suggests",
                 "--no-conflicts", "--no-breaks", "--no-replaces", "--no-enhances",
                 *self.build_packages], capture_output=True, text=True, check=True
            ).stdout.split())
            with open(os.path.join(build_dir, "CMakeCache.txt"), encoding="utf-8") as cache:
                for line in cache:
                    entry = re.match(r"^([^#/][^:]*):(FILEPATH|PATH)=(/usr/\S+)$", line.strip())
                    # CMAKE_*: the toolchain (build-essential); PROMTOOL: only for the tests.
                    if not entry or entry.group(1).startswith("CMAKE_") or \
                            entry.group(1) == "PROMTOOL":
                        continue
                    with self.subTest(cache_entry=entry.group(1)):
                        owners = dpkg_owners(entry.group(3))
                        self.assertTrue(owners & closure,
                                        f"{entry.group(3)} comes from {owners or 'no package'}, "
                                        "which install-deps.sh --build-only does not install")
        finally:
            shutil.rmtree(build_dir, ignore_errors=True)

    def test_copied_files_exist_and_the_user_is_not_root(self):
        for line in self.lines:
            if line.startswith("COPY ") and "--from=" not in line:
                for source in line.split()[1:-1]:
                    with self.subTest(copy=source):
                        self.assertTrue(os.path.exists(os.path.join(self.source, source)))
        users = [line.split()[1] for line in self.lines if line.startswith("USER ")]
        self.assertTrue(users and re.fullmatch(r"[1-9]\d{3,}:[1-9]\d{3,}", users[-1]), users)
        self.assertIn('ENTRYPOINT ["/opt/cs/bin/cs-entrypoint"]', self.lines)
        self.assertIn("COPY deploy/docker-entrypoint.sh /opt/cs/bin/cs-entrypoint", self.lines)
        self.assertTrue(os.access(os.path.join(self.source, "deploy/docker-entrypoint.sh"),
                                  os.X_OK))

    def test_dockerignore_keeps_builds_local_data_git_secrets_and_dev_tokens_out(self):
        with open(os.path.join(self.source, ".dockerignore"), encoding="utf-8") as file:
            patterns = {line.strip().rstrip("/") for line in file
                        if line.strip() and not line.startswith("#")}
        for pattern in ("build*", ".local", ".git", "secrets", ".env",
                        "deploy/config/tokens.textproto", "deploy/config/dev-tokens.md"):
            self.assertIn(pattern, patterns)

    def test_entrypoint_runs_the_program_named(self):
        bin_dir = tempfile.mkdtemp(prefix="cs-entrypoint.")
        try:
            entrypoint = os.path.join(bin_dir, "cs-entrypoint")
            shutil.copy(os.path.join(self.source, "deploy/docker-entrypoint.sh"), entrypoint)
            os.symlink(self.binaries()[-1], os.path.join(bin_dir, "grpc_health_probe"))

            def run(*args):
                return subprocess.run([entrypoint, *args], capture_output=True, text=True,
                                      check=False)

            probe = run("grpc_health_probe", "--addr=127.0.0.1:1")
            self.assertEqual(probe.returncode, 2, probe.stderr)  # the probe ran: unreachable
            self.assertIn("unreachable", probe.stderr)
            listing = run()
            self.assertEqual(listing.returncode, 0)
            self.assertIn("grpc_health_probe", listing.stdout)
            self.assertNotIn("cs-entrypoint", listing.stdout.split("\n", 1)[1])
            for bad in ("intake-nope", "../grpc_health_probe", "cs-entrypoint"):
                with self.subTest(program=bad):
                    self.assertEqual(run(bad).returncode, 64)
        finally:
            shutil.rmtree(bin_dir, ignore_errors=True)


def main():
    global ARGS
    parser = argparse.ArgumentParser()
    parser.add_argument("--source", required=True)
    parser.add_argument("--build", required=True)
    ARGS, rest = parser.parse_known_args()
    unittest.main(argv=[sys.argv[0], "-v", *rest])


if __name__ == "__main__":
    main()
