#!/usr/bin/python3
"""Checks the rendered Kubernetes manifests (deploy/k8s: the base and every overlay) against the
rules of README "Kubernetes" and the facts of the repository they must agree with:

- every service the build has (services/CMakeLists.txt, with a main.cc) is deployed, and nothing
  else;
- per Deployment: >= 2 replicas; startup, readiness and liveness probes that run the image's
  grpc_health_probe against the service's own gRPC port; cpu and memory requests and limits
  (requests <= limits); non-root (numeric user), read-only root file system, no privilege
  escalation, every capability dropped, the RuntimeDefault seccomp profile, an emptyDir at /tmp;
  Prometheus scrape annotations on the pods naming the metrics port; container ports exactly the
  gRPC and metrics ports of the README's service table, the same in CS_GRPC_PORT /
  CS_METRICS_PORT, the probes and the Service; the schema and database user of the table; the
  database password from a Secret; every CS_* variable (env and the shared cs-env ConfigMap) one
  the service really reads from the environment (its flags, common/server and services/<svc>/
  main.cc); never --dev_mode nor --test_clock; the token file and the service token file inside
  Secret volumes, the config dir the cs-config ConfigMap; peer addresses naming a deployed
  service's gRPC port;
- per service: a Service selecting its pods and a PodDisruptionBudget with minAvailable 1;
- the cs-config ConfigMap holds every data file of deploy/config, byte for byte, except the
  public development token files tokens.textproto and dev-tokens.md, and no rendered object
  contains a development token, its hash or a development_only entry;
- in every overlay: every namespaced object is in the overlay's namespace, which exists and
  enforces Pod Security "restricted"; the image is tagged; every ConfigMap and Secret a pod
  refers to is part of the rendering; each service's migration account is a Secret of its own.

Run: tests/k8s/check_manifests.py (ctest k8s_manifests_test, label unit).
"""

import base64
import os
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import k8s_fixture  # noqa: E402

ROOT = k8s_fixture.ROOT
PROBE = "grpc_health_probe"
NEVER_DEPLOYED_CONFIG = {"tokens.textproto", "dev-tokens.md", "kustomization.yaml"}


def read(*parts):
    with open(os.path.join(ROOT, *parts), encoding="utf-8") as f:
        return f.read()


def service_table():
    """{service: (grpc_port, metrics_port, schema)} from the README's table of services."""
    table, in_table = {}, False
    for line in read("README.md").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("| service | gRPC port | metrics port | schema"):
            in_table = True
            continue
        if in_table:
            if not line.startswith("|"):
                break
            if set(cells[0]) <= {"-"}:
                continue
            table[cells[0]] = (int(cells[1]), int(cells[2]), cells[3].strip("`"))
    if not table:
        raise AssertionError("README.md: no table '| service | gRPC port | metrics port | schema'")
    return table


def built_services():
    """The services the build makes a binary of (services/CMakeLists.txt, with a main.cc)."""
    listed = re.findall(r"^add_subdirectory\(([-\w]+)\)", read("services", "CMakeLists.txt"), re.M)
    return [s for s in listed if os.path.isfile(os.path.join(ROOT, "services", s, "main.cc"))]


def _quoted_names_in_function(text, function):
    """The quoted flag names in the body of `function` (up to the closing brace at column 0)."""
    start = text.index(function)
    body = text[start:text.index("\n}\n", start)]
    return set(re.findall(r'"([a-z0-9_]+)"', body))


def env_flags(service):
    """The flags `service` reads from CS_<FLAG> variables (run_service's env list)."""
    common = _quoted_names_in_function(read("common", "server", "server_flags.cc"),
                                       "ServerFlagNames()")
    main = read("services", service, "main.cc")
    names = set(common)
    if "OutboxRelayFlagNames" in main:
        names |= _quoted_names_in_function(read("common", "server", "outbox_relay_flags.cc"),
                                           "OutboxRelayFlagNames()")
    if "OutboxRelayFlagNames" in main or "kServiceTokenFileFlag" in main:
        # --service_token_file (common/server/service_token_flags.h): every relay needs it, and a
        # service that calls its peers in its own name (assessment) names it by the constant.
        names |= set(re.findall(r'kServiceTokenFileFlag\[\]\s*=\s*"([a-z0-9_]+)"',
                                read("common", "server", "service_token_flags.h")))
    defined = set(re.findall(r"ABSL_FLAG\(\s*[\w:<>]+\s*,\s*(\w+)", main))
    names |= defined & set(re.findall(r'"([a-z0-9_]+)"', main))
    return names, common


def quantity(text):
    units = {"m": 1e-3, "k": 1e3, "M": 1e6, "G": 1e9, "Ki": 2**10, "Mi": 2**20, "Gi": 2**30}
    match = re.fullmatch(r"([0-9.]+)([a-zA-Z]*)", str(text))
    if not match or (match.group(2) and match.group(2) not in units):
        raise AssertionError(f"not a quantity: {text}")
    return float(match.group(1)) * units.get(match.group(2), 1)


def dev_secrets():
    """What must never reach a cluster: the public dev tokens and the hashes of the dev file."""
    tokens = set(re.findall(r"`(dev-[^`\s]+)`", read("deploy", "config", "dev-tokens.md")))
    hashes = set(re.findall(r'token_sha256:\s*"([0-9a-f]{64})"',
                            read("deploy", "config", "tokens.textproto")))
    return tokens, hashes


def object_texts(obj):
    """Every string of obj, with Secret data and ConfigMap binaryData decoded."""
    out = []

    def walk(node):
        if isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
        elif isinstance(node, str):
            out.append(node)

    walk(obj)
    encoded = obj.get("data") if obj.get("kind") == "Secret" else obj.get("binaryData")
    for value in (encoded or {}).values():
        out.append(base64.b64decode(value).decode("utf-8", "replace"))
    return out


def original_name(obj):
    """A generated object's name without kustomize's hash suffix."""
    return re.sub(r"-[a-z0-9]{10}$", "", obj["metadata"]["name"])


def env_map(container):
    return {e["name"]: e for e in container.get("env", [])}


RENDERED = k8s_fixture.render_all()
TABLE = service_table()


class ManifestTest(unittest.TestCase):

    def renderings(self):
        for name, objects in RENDERED.items():
            yield name, objects

    @staticmethod
    def of_kind(objects, kind):
        return [o for o in objects if o["kind"] == kind]

    def config_maps(self, objects):
        return {original_name(o): o for o in self.of_kind(objects, "ConfigMap")}

    def test_every_built_service_is_deployed_and_in_the_table(self):
        built = set(built_services())
        self.assertTrue(built, "services/CMakeLists.txt lists no service")
        for rendering, objects in self.renderings():
            deployed = {d["metadata"]["name"] for d in self.of_kind(objects, "Deployment")}
            self.assertEqual(
                deployed, built,
                f"{rendering}: Deployments must be exactly the services the build has; a new "
                f"service adds deploy/k8s/base/<service>/ (copy intake/) and one line in "
                f"deploy/k8s/base/kustomization.yaml")
            for name in deployed:
                self.assertIn(name, TABLE, f"{name} is not in README.md's table of services")

    def test_deployments(self):
        for rendering, objects in self.renderings():
            for deployment in self.of_kind(objects, "Deployment"):
                with self.subTest(rendering=rendering, deployment=deployment["metadata"]["name"]):
                    self.check_deployment(rendering, objects, deployment)

    def check_deployment(self, rendering, objects, deployment):
        name = deployment["metadata"]["name"]
        grpc, metrics, schema = TABLE[name]
        spec = deployment["spec"]
        pod = spec["template"]["spec"]
        self.assertGreaterEqual(spec.get("replicas", 1), 2, "replicas")
        self.assertEqual(len(pod["containers"]), 1, "one container per pod")
        container = pod["containers"][0]

        # Probes: the image's probe binary against the service's own gRPC port.
        for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
            self.assertIn(probe, container, probe)
            self.assertEqual(container[probe].get("exec", {}).get("command"),
                             [PROBE, "--addr", f"127.0.0.1:{grpc}"], probe)
            self.assertGreaterEqual(container[probe].get("timeoutSeconds", 1), 1, probe)

        # Resources.
        resources = container.get("resources", {})
        for resource in ("cpu", "memory"):
            request = resources.get("requests", {}).get(resource)
            limit = resources.get("limits", {}).get(resource)
            self.assertIsNotNone(request, f"requests.{resource}")
            self.assertIsNotNone(limit, f"limits.{resource}")
            self.assertLessEqual(quantity(request), quantity(limit), resource)

        # Security.
        pod_security = pod.get("securityContext", {})
        security = container.get("securityContext", {})
        self.assertTrue(security.get("runAsNonRoot", pod_security.get("runAsNonRoot")),
                        "runAsNonRoot")
        user = security.get("runAsUser", pod_security.get("runAsUser"))
        self.assertIsInstance(user, int, "runAsUser must be numeric so the kubelet can check it")
        self.assertGreater(user, 0, "runAsUser")
        self.assertIs(security.get("readOnlyRootFilesystem"), True, "readOnlyRootFilesystem")
        self.assertIs(security.get("allowPrivilegeEscalation"), False, "allowPrivilegeEscalation")
        self.assertEqual(security.get("capabilities", {}).get("drop"), ["ALL"], "capabilities")
        self.assertIsNot(security.get("privileged"), True, "privileged")
        seccomp = security.get("seccompProfile", pod_security.get("seccompProfile", {}))
        self.assertEqual(seccomp.get("type"), "RuntimeDefault", "seccompProfile")
        self.assertIs(pod.get("automountServiceAccountToken"), False,
                      "the services never call the Kubernetes API")
        volumes = {v["name"]: v for v in pod.get("volumes", [])}
        mounts = {m["mountPath"]: m for m in container.get("volumeMounts", [])}
        self.assertIn("/tmp", mounts, "an emptyDir at /tmp (the root file system is read-only)")
        self.assertIn("emptyDir", volumes[mounts["/tmp"]["name"]], "/tmp is an emptyDir")

        # Ports and scraping.
        ports = {p["name"]: p["containerPort"] for p in container.get("ports", [])}
        self.assertEqual(ports, {"grpc": grpc, "metrics": metrics},
                         "container ports (README table)")
        annotations = spec["template"]["metadata"].get("annotations", {})
        self.assertEqual(annotations.get("prometheus.io/scrape"), "true")
        self.assertEqual(annotations.get("prometheus.io/port"), str(metrics))
        self.assertEqual(annotations.get("prometheus.io/path"), "/metrics")

        # Environment: CS_* variables the service reads, with the table's values.
        env = env_map(container)
        config_maps = self.config_maps(objects)
        flags, common_flags = env_flags(name)
        for ref in container.get("envFrom", []):
            self.assertIn("configMapRef", ref, "envFrom only from ConfigMaps (secrets by key)")
            shared = config_maps[original_name({"metadata": ref["configMapRef"]})]
            for key in shared.get("data", {}):
                self.assertIn(key[3:].lower() if key.startswith("CS_") else key,
                              {f for f in common_flags},
                              f"{key} of ConfigMap {ref['configMapRef']['name']} is not a flag "
                              f"every service reads from the environment")
        values = {}
        for ref in container.get("envFrom", []):
            values.update(config_maps[original_name({"metadata": ref["configMapRef"]})]
                          .get("data", {}))
        for key, entry in env.items():
            self.assertTrue(key.startswith("CS_"), f"{key}: only CS_* variables")
            self.assertIn(key[3:].lower(), flags,
                          f"{key}: {name} reads no such flag from the environment")
            values[key] = entry.get("value", entry.get("valueFrom"))
        for forbidden in ("CS_DEV_MODE", "CS_TEST_CLOCK"):
            self.assertNotIn(forbidden, values, f"{forbidden} never in a cluster")
        for arg in container.get("args", []) + container.get("command", []):
            self.assertNotRegex(arg, r"^--(dev_mode|test_clock)", "never in a cluster")
        self.assertEqual(container.get("args"), [name], "the image's entrypoint takes the service")
        self.assertEqual(values.get("CS_GRPC_PORT"), str(grpc))
        self.assertEqual(values.get("CS_METRICS_PORT"), str(metrics))
        self.assertEqual(values.get("CS_MYSQL_DATABASE"), schema)
        self.assertEqual(values.get("CS_MYSQL_USER"), schema)
        self.assertIn("secretKeyRef", env["CS_MYSQL_PASSWORD"].get("valueFrom", {}),
                      "the database password comes from a Secret")
        self.assertNotIn("CS_MYSQL_PASSWORD", values.keys() - env.keys())

        # Files: config from cs-config, tokens and service token from Secret volumes.
        def volume_of(path):
            best = None
            for mount_path, mount in mounts.items():
                if path.startswith(mount_path.rstrip("/") + "/") and (
                        best is None or len(mount_path) > len(best[0])):
                    best = (mount_path, volumes[mount["name"]])
            self.assertIsNotNone(best, f"{path} is in no mounted volume")
            return best[1]

        config_volume = volume_of(values["CS_CONFIG_DIR"].rstrip("/") + "/calendar.textproto")
        self.assertEqual(original_name({"metadata": config_volume["configMap"]}), "cs-config")
        self.assertIn("secret", volume_of(values["CS_TOKENS_FILE"]),
                      "the token file comes from a Secret")
        if "CS_SERVICE_TOKEN_FILE" in values:
            self.assertIn("secret", volume_of(values["CS_SERVICE_TOKEN_FILE"]))
        for key, value in values.items():
            if key.endswith("_ADDRESS") and isinstance(value, str):
                peer, _, port = value.rpartition(":")
                self.assertIn(peer, TABLE, f"{key}={value}: no such service")
                self.assertEqual(int(port), TABLE[peer][0], f"{key}={value}: {peer}'s gRPC port")
                deployed = {d["metadata"]["name"] for d in self.of_kind(objects, "Deployment")}
                self.assertIn(peer, deployed, f"{key}={value}: {peer} is not deployed")

        # Its Service and PodDisruptionBudget.
        pod_labels = spec["template"]["metadata"]["labels"]
        self.assertLessEqual(spec["selector"]["matchLabels"].items(), pod_labels.items())
        services = [s for s in self.of_kind(objects, "Service") if s["metadata"]["name"] == name]
        self.assertEqual(len(services), 1, f"a Service named {name}")
        service = services[0]["spec"]
        self.assertTrue(service["selector"])
        self.assertLessEqual(service["selector"].items(), pod_labels.items(), "Service selector")
        self.assertEqual({p["name"]: (p["port"], p.get("targetPort")) for p in service["ports"]},
                         {"grpc": (grpc, "grpc"), "metrics": (metrics, "metrics")},
                         "Service ports (README table)")
        budgets = [b for b in self.of_kind(objects, "PodDisruptionBudget")
                   if b["spec"]["selector"]["matchLabels"].items() <= pod_labels.items()]
        self.assertEqual(len(budgets), 1, "one PodDisruptionBudget selecting the pods")
        self.assertEqual(budgets[0]["spec"].get("minAvailable"), 1, "minAvailable")

        # Every service migrates with an account of its own and grants its service account only
        # per-table rights (no UPDATE/DELETE on audit_log, issue 16).
        secret_of = {k: env[k]["valueFrom"]["secretKeyRef"]["name"]
                     for k in ("CS_MIGRATION_USER", "CS_MIGRATION_PASSWORD", "CS_MYSQL_PASSWORD")}
        self.assertEqual(original_name({"metadata": {"name": secret_of["CS_MIGRATION_USER"]}}),
                         f"cs-{name}-migration")
        self.assertEqual(secret_of["CS_MIGRATION_USER"], secret_of["CS_MIGRATION_PASSWORD"])
        self.assertNotEqual(secret_of["CS_MIGRATION_PASSWORD"], secret_of["CS_MYSQL_PASSWORD"],
                            "the migration account is a Secret of its own")

    def test_config_map_holds_the_data_files_and_never_the_dev_tokens(self):
        directory = os.path.join(ROOT, "deploy", "config")
        expected = {}
        for entry in sorted(os.listdir(directory)):
            path = os.path.join(directory, entry)
            if entry not in NEVER_DEPLOYED_CONFIG and os.path.isfile(path):
                with open(os.path.join(directory, entry), encoding="utf-8") as f:
                    expected[entry] = f.read()
        for rendering, objects in self.renderings():
            config = self.config_maps(objects)["cs-config"]
            self.assertEqual(set(config["data"]), set(expected),
                             f"{rendering}: cs-config must hold every data file of deploy/config "
                             f"but {sorted(NEVER_DEPLOYED_CONFIG)}; list a new one in "
                             f"deploy/config/kustomization.yaml")
            self.assertEqual(config["data"], expected)

    def test_no_development_token_reaches_a_cluster(self):
        tokens, hashes = dev_secrets()
        self.assertTrue(tokens and hashes, "dev-tokens.md and tokens.textproto were read")
        for rendering, objects in self.renderings():
            for obj in objects:
                for text in object_texts(obj):
                    for secret in tokens | hashes | {"development_only"}:
                        self.assertNotIn(secret, text,
                                         f"{rendering}: {obj['kind']} {obj['metadata']['name']}")

    def test_prometheus_scrape_job_finds_every_pod(self):
        """deploy/k8s/prometheus-scrape.yml, applied to the pods of each overlay as Prometheus's
        Kubernetes discovery would present them: one target per pod, on its metrics port, with the
        job name of deploy/prometheus/prometheus.yml and `service` the service's name."""
        import yaml
        job = yaml.safe_load(read("deploy", "k8s", "prometheus-scrape.yml"))["scrape_configs"][0]
        compose = yaml.safe_load(read("deploy", "prometheus", "prometheus.yml"))
        compose_jobs = [j["job_name"] for j in compose["scrape_configs"]]
        self.assertIn(job["job_name"], compose_jobs, "the job name the alert rules select")

        def sanitize(name):
            return re.sub(r"[^a-zA-Z0-9_]", "_", name)

        def relabel(labels):
            for rule in job["relabel_configs"]:
                value = ";".join(labels.get(s, "") for s in rule.get("source_labels", []))
                match = re.fullmatch(rule.get("regex", "(.*)"), value)
                action = rule.get("action", "replace")
                if action == "keep":
                    if not match:
                        return None
                elif action == "replace":
                    if match:
                        replacement = rule.get("replacement", "$1")
                        labels[rule["target_label"]] = re.sub(
                            r"\$(\d+)", lambda m: match.group(int(m.group(1))) or "", replacement)
                else:
                    self.fail(f"relabel action {action} is not emulated here")
            return labels

        for rendering, objects in self.renderings():
            if rendering == "base":
                continue
            namespace = self.of_kind(objects, "Namespace")[0]["metadata"]["name"]
            self.assertIn(namespace, job["kubernetes_sd_configs"][0]["namespaces"]["names"])
            for n, deployment in enumerate(self.of_kind(objects, "Deployment")):
                name = deployment["metadata"]["name"]
                template = deployment["spec"]["template"]
                meta = {"__meta_kubernetes_namespace": namespace,
                        "__meta_kubernetes_pod_name": f"{name}-0", "__metrics_path__": "/metrics"}
                for key, value in template["metadata"].get("labels", {}).items():
                    meta[f"__meta_kubernetes_pod_label_{sanitize(key)}"] = value
                for key, value in template["metadata"].get("annotations", {}).items():
                    meta[f"__meta_kubernetes_pod_annotation_{sanitize(key)}"] = value
                targets = set()
                for port in template["spec"]["containers"][0]["ports"]:
                    labels = relabel(dict(meta, __address__=f"10.0.0.{n}:{port['containerPort']}"))
                    if labels is not None:
                        targets.add((labels["__address__"], labels["__metrics_path__"],
                                     labels.get("service"), labels.get("namespace")))
                self.assertEqual(targets, {(f"10.0.0.{n}:{TABLE[name][1]}", "/metrics", name,
                                            namespace)}, f"{rendering}: {name}")

    def test_overlays(self):
        for rendering, objects in self.renderings():
            if rendering == "base":
                continue
            with self.subTest(overlay=rendering):
                namespaces = self.of_kind(objects, "Namespace")
                self.assertEqual(len(namespaces), 1, "the overlay makes its namespace")
                namespace = namespaces[0]["metadata"]
                self.assertEqual(namespace["labels"].get("pod-security.kubernetes.io/enforce"),
                                 "restricted")
                names = {(o["kind"], o["metadata"]["name"]) for o in objects}
                for obj in objects:
                    if obj["kind"] != "Namespace":
                        self.assertEqual(obj["metadata"].get("namespace"), namespace["name"],
                                         f"{obj['kind']} {obj['metadata']['name']}")
                for deployment in self.of_kind(objects, "Deployment"):
                    pod = deployment["spec"]["template"]["spec"]
                    image = pod["containers"][0]["image"]
                    self.assertRegex(image, r"[:@][^/]+$", f"{image}: the overlay pins a tag")
                    refs = set()
                    for container in pod["containers"]:
                        for ref in container.get("envFrom", []):
                            refs.add(("ConfigMap", ref["configMapRef"]["name"]))
                        for entry in container.get("env", []):
                            source = entry.get("valueFrom", {})
                            if "secretKeyRef" in source:
                                refs.add(("Secret", source["secretKeyRef"]["name"]))
                            if "configMapKeyRef" in source:
                                refs.add(("ConfigMap", source["configMapKeyRef"]["name"]))
                    for volume in pod.get("volumes", []):
                        if "secret" in volume:
                            refs.add(("Secret", volume["secret"]["secretName"]))
                        if "configMap" in volume:
                            refs.add(("ConfigMap", volume["configMap"]["name"]))
                    missing = refs - names
                    self.assertFalse(missing, f"{deployment['metadata']['name']} refers to "
                                              f"objects the overlay does not make: {missing}")


if __name__ == "__main__":
    unittest.main(verbosity=1)
