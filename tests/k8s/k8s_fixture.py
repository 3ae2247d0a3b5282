"""Renders deploy/k8s for the tests: the base, and each overlay with stand-in secret files.

An overlay's secretGenerator reads files its operator provides (git-ignored), so the tests render a
copy of deploy/k8s and deploy/config in a temporary directory whose secret folders hold only what
deploy/k8s/make-secrets.py makes there (random passwords and tokens) and a stand-in database CA.
Real secret files of a developer's checkout are never copied, read or printed.
"""

import os
import shutil
import sys
import tempfile

ROOT = os.path.realpath(os.path.join(os.path.dirname(__file__), "..", ".."))
K8S = os.path.join(ROOT, "deploy", "k8s")
sys.path.insert(0, K8S)

import render  # noqa: E402  (deploy/k8s/render.py)

MAKE_SECRETS = os.path.join(K8S, "make-secrets.py")

STAND_IN_CA = """-----BEGIN CERTIFICATE-----
c3RhbmQtaW4gZm9yIHRoZSBkYXRhYmFzZSdzIGNlcnRpZmljYXRlIGF1dGhvcml0eQ==
-----END CERTIFICATE-----
"""


def overlays():
    directory = os.path.join(K8S, "overlays")
    return sorted(d for d in os.listdir(directory)
                  if os.path.isfile(os.path.join(directory, d, "kustomization.yaml")))


def _load_make_secrets():
    import importlib.util
    spec = importlib.util.spec_from_file_location("make_secrets", MAKE_SECRETS)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _ignore_secrets(directory, names):
    # Inside an overlay's secrets/ folder keep only the committed README and .gitignore.
    if os.path.basename(directory) == "secrets" and "overlays" in directory.split(os.sep):
        return [n for n in names if n not in ("README.md", ".gitignore")]
    return []


def render_all():
    """{"base": [objects], "<overlay>": [objects], ...} rendered from a stand-in copy."""
    make_secrets = _load_make_secrets()
    with tempfile.TemporaryDirectory(prefix="cs-k8s-") as tmp:
        deploy = os.path.join(tmp, "deploy")
        shutil.copytree(os.path.join(ROOT, "deploy", "config"), os.path.join(deploy, "config"))
        shutil.copytree(K8S, os.path.join(deploy, "k8s"), ignore=_ignore_secrets)
        ca = os.path.join(tmp, "stand-in-ca.pem")
        with open(ca, "w", encoding="utf-8") as f:
            f.write(STAND_IN_CA)
        rendered = {"base": render.render(os.path.join(deploy, "k8s", "base"))}
        for overlay in overlays():
            directory = os.path.join(deploy, "k8s", "overlays", overlay)
            with open(os.devnull, "w", encoding="utf-8") as quiet:
                problems = make_secrets.make_secrets(directory, mysql_ca=ca, out=quiet)
            if problems:
                raise RuntimeError(f"make-secrets.py for overlay {overlay}: {problems}")
            rendered[overlay] = render.render(directory)
        return rendered
