#!/usr/bin/python3
"""Makes the secret files an overlay's secretGenerator reads, for those still missing.

    deploy/k8s/make-secrets.py deploy/k8s/overlays/staging [--mysql-ca FILE]

Reads the overlay's kustomization.yaml and, for every file its secretGenerator names that does not
exist yet, writes one (mode 0600, folders 0700); an existing file is never changed. Files are named
as deploy/run-local.sh and deploy/sql/create_service_accounts.sh name them:

  <service>.db-password, <service>.migration-password
                         a random password (32 letters and digits, no line break)
  <service>.service-token
                         a random bearer token (48 hex digits, as README "Token files" makes them)
  tokens.textproto       a token file with one ROLE_SERVICE entry, user svc-<service>, for the
                         SHA-256 of each service token; add the people and gateways who call the
                         suite before deploying (an existing one is checked to hold every service
                         token's hash and no development_only entry)
  *.pem                  not made here: --mysql-ca copies the authority that signed the database
                         server's certificate

Nothing it writes is printed. Then

    deploy/sql/create_service_accounts.sh OVERLAY/secrets intake routing hotline-registry \
      channel-registry assessment archive |
      mariadb -h <primary> -u <admin> -p

creates every schema and account with these passwords (README "Kubernetes"). Run it on the machine
the operator deploys from; the files stay out of git (secrets/.gitignore).
"""

import argparse
import hashlib
import os
import secrets
import shutil
import string
import sys

import yaml


def _random_password():
    alphabet = string.ascii_letters + string.digits
    return "".join(secrets.choice(alphabet) for _ in range(32))


def _write(path, text):
    os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)


def _secret_files(overlay):
    with open(os.path.join(overlay, "kustomization.yaml"), encoding="utf-8") as f:
        kustomization = yaml.safe_load(f) or {}
    files = []
    for generator in kustomization.get("secretGenerator") or []:
        for entry in generator.get("files") or []:
            key, path = entry.split("=", 1) if "=" in entry else (os.path.basename(entry), entry)
            files.append((generator["name"], key, os.path.normpath(os.path.join(overlay, path))))
    return files


def _service_of(path, suffix):
    """secrets/<service><suffix> -> <service>."""
    return os.path.basename(path)[:-len(suffix)]


def make_secrets(overlay, mysql_ca=None, out=sys.stdout):
    """Creates the missing files; returns the list of problems (empty when all is in place)."""
    problems, made, tokens_files, service_tokens = [], [], [], {}
    for secret, key, path in _secret_files(overlay):
        name = os.path.basename(path)
        if name == "tokens.textproto":
            tokens_files.append(path)
            continue
        if name.endswith(".service-token"):
            if not os.path.exists(path):
                _write(path, secrets.token_hex(24))
                made.append(path)
            with open(path, encoding="utf-8") as f:
                service_tokens[_service_of(path, ".service-token")] = f.read().strip()
            continue
        if os.path.exists(path):
            continue
        if name.endswith((".db-password", ".migration-password")):
            _write(path, _random_password())
        elif name.endswith(".pem"):
            if not mysql_ca:
                problems.append(f"{path} (Secret {secret}, key {key}): put the PEM certificate of "
                                f"the authority that signed the database server's certificate "
                                f"there, or pass --mysql-ca FILE")
                continue
            os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
            shutil.copyfile(mysql_ca, path)
            os.chmod(path, 0o600)
        else:
            problems.append(f"{path} (Secret {secret}, key {key}): no rule to make it; "
                            f"write it by hand")
            continue
        made.append(path)
    for path in tokens_files:
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                text = f.read()
            for service, token in sorted(service_tokens.items()):
                if hashlib.sha256(token.encode()).hexdigest() not in text:
                    problems.append(f"{path}: has no entry for the service token of {service} "
                                    f"(the SHA-256 of {service}.service-token)")
            if "development_only" in text:
                problems.append(f"{path}: holds development_only entries; a cluster never "
                                f"runs with --dev_mode")
            continue
        lines = [
            "# The token file of this environment (cs.config.v1.TokenFile): SHA-256 of each bearer",
            "# token, never the token. Made by deploy/k8s/make-secrets.py with the services' own",
            "# tokens; add every person and gateway that calls the suite (README \"Token files\").",
        ]
        for service, token in sorted(service_tokens.items()):
            digest = hashlib.sha256(token.encode()).hexdigest()
            lines.append(f'tokens {{ token_sha256: "{digest}" user: "svc-{service}" '
                         f'role: ROLE_SERVICE }}')
        _write(path, "\n".join(lines) + "\n")
        made.append(path)
    for path in made:
        print(f"made {os.path.relpath(path)}", file=out)
    return problems


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("overlay", help="an overlay directory, e.g. deploy/k8s/overlays/staging")
    parser.add_argument("--mysql-ca",
                        help="PEM file of the database server's certificate authority")
    args = parser.parse_args(argv)
    problems = make_secrets(args.overlay, args.mysql_ca)
    for problem in problems:
        print(f"make-secrets.py: {problem}", file=sys.stderr)
    if problems:
        return 1
    print(f"The database accounts: deploy/sql/create_service_accounts.sh "
          f"{os.path.join(args.overlay, 'secrets')} <service>... | "
          f"mariadb -h <primary> -u <admin> -p")
    return 0


if __name__ == "__main__":
    sys.exit(main())
