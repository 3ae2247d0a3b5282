#!/usr/bin/python3
"""yamllint, strict (warnings fail too), on every YAML file of the repository, with the
repository's .yamllint.

The files are those git knows or would add (`git ls-files --cached --others --exclude-standard`,
so build trees, .local/ and other ignored files are left out); outside a git checkout, every
*.yml / *.yaml file below the root except build*/, .local/, .cache/ and node_modules/.

Run: tests/k8s/yaml_lint_test.py (ctest yaml_lint_test, label unit).
"""

import os
import shutil
import subprocess
import sys

ROOT = os.path.realpath(os.path.join(os.path.dirname(__file__), "..", ".."))
SKIPPED_DIRS = {".git", ".local", ".cache", "node_modules"}


def yaml_files():
    try:
        listed = subprocess.run(
            ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z", "--",
             "*.yml", "*.yaml"],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=True).stdout
        files = [f for f in listed.decode("utf-8").split("\0") if f]
    except (OSError, subprocess.CalledProcessError):
        files = []
        for directory, dirs, names in os.walk(ROOT):
            dirs[:] = [d for d in dirs if d not in SKIPPED_DIRS and not d.startswith("build")]
            files += [os.path.relpath(os.path.join(directory, n), ROOT)
                      for n in names if n.endswith((".yml", ".yaml"))]
    # A file deleted in the work tree but still in the index is not there to lint.
    return sorted(f for f in set(files) if os.path.isfile(os.path.join(ROOT, f)))


def main():
    if shutil.which("yamllint") is None:
        print("yaml_lint_test: yamllint is not installed (Debian package yamllint; "
              "deploy/lib/install-deps.sh installs it)", file=sys.stderr)
        return 1
    files = yaml_files()
    if not files:
        print("yaml_lint_test: no YAML file found", file=sys.stderr)
        return 1
    result = subprocess.run(["yamllint", "--strict", "--format", "parsable",
                             "--config-file", os.path.join(ROOT, ".yamllint"), *files], cwd=ROOT)
    if result.returncode == 0:
        print(f"{len(files)} YAML file(s) pass yamllint (.yamllint, strict)")
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
