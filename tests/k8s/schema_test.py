#!/usr/bin/python3
"""Validates every rendered Kubernetes object (deploy/k8s: the base and each overlay) against the
Kubernetes API schema, offline, with tests/k8s/validate.cjs (kubernetes-models, pinned by
tests/k8s/package.json and package-lock.json).

The npm packages are installed once, with `npm ci` (the lock file's exact versions and integrity
hashes), into a cache outside the source and build trees:
    $CS_K8S_VALIDATOR_DIR, or ${XDG_CACHE_HOME:-~/.cache}/cs-suite/k8s-validator-<lock hash>
A changed lock file gets a new folder; a complete install is marked by the file `.installed`, and
is moved into place in one rename, so a run that was cut short leaves nothing half-made behind.
When the npm registry cannot be reached the test fails saying so.

Run: tests/k8s/schema_test.py (ctest k8s_schema_test, label unit).
"""

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import k8s_fixture  # noqa: E402

MARKER = ".installed"


def validator_dir():
    with open(os.path.join(HERE, "package-lock.json"), "rb") as f:
        lock_hash = hashlib.sha256(f.read()).hexdigest()[:12]
    if os.environ.get("CS_K8S_VALIDATOR_DIR"):
        return os.environ["CS_K8S_VALIDATOR_DIR"]
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(cache, "cs-suite", f"k8s-validator-{lock_hash}")


def ensure_installed(directory):
    if os.path.isfile(os.path.join(directory, MARKER)):
        return None
    for tool in ("node", "npm"):
        if shutil.which(tool) is None:
            return (f"{tool} is not installed: deploy/lib/install-deps.sh installs Debian's nodejs "
                    f"and npm when they are missing")
    parent = os.path.dirname(directory)
    os.makedirs(parent, exist_ok=True)
    staging = tempfile.mkdtemp(prefix=".installing-", dir=parent)
    try:
        for name in ("package.json", "package-lock.json"):
            shutil.copyfile(os.path.join(HERE, name), os.path.join(staging, name))
        print(f"installing the Kubernetes schema validator (npm ci, once) into {directory}",
              flush=True)
        result = subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts", "--prefer-offline",
             "--fetch-retries=1", "--fetch-timeout=30000"],
            cwd=staging, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=300)
        if result.returncode != 0:
            return ("npm ci failed: the npm registry may be unreachable from here (npm config get "
                    "registry), or tests/k8s/package-lock.json does not match package.json. "
                    "npm said:\n" + result.stdout[-3000:])
        open(os.path.join(staging, MARKER), "w").close()
        try:
            os.rename(staging, directory)
        except OSError:
            # Another run installed it meanwhile (the rename refuses a non-empty directory).
            if not os.path.isfile(os.path.join(directory, MARKER)):
                raise
        return None
    except subprocess.TimeoutExpired:
        return "npm ci did not finish within 300 s: is the npm registry reachable?"
    finally:
        if os.path.isdir(staging):
            shutil.rmtree(staging, ignore_errors=True)


def main():
    directory = validator_dir()
    problem = ensure_installed(directory)
    if problem:
        print(f"k8s_schema_test: {problem}", file=sys.stderr)
        return 1
    rendered = k8s_fixture.render_all()
    with tempfile.TemporaryDirectory(prefix="cs-k8s-json-") as tmp:
        files = []
        for name, objects in rendered.items():
            path = os.path.join(tmp, f"{name}.json")
            with open(path, "w", encoding="utf-8") as f:
                json.dump(objects, f)
            files.append(path)
        result = subprocess.run(
            ["node", os.path.join(HERE, "validate.cjs"), "--modules",
             os.path.join(directory, "node_modules"), *files],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    print(result.stdout.replace(tmp + os.sep, ""), end="")
    if result.returncode == 0:
        print(f"renderings checked: {', '.join(rendered)}")
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
