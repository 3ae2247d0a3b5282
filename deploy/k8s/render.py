#!/usr/bin/python3
"""Renders a kustomization as `kubectl kustomize DIR` (kustomize v5) does, for the features used
here.

Debian has no kubectl (its kubernetes-client is 1.20, whose kustomize predates `patches`), so the
manifests of deploy/k8s are rendered and tested with this instead. What it implements, with
kustomize's semantics:

  resources          files (one or more YAML documents) and directories holding a kustomization,
                     rendered recursively; two objects with the same kind, namespace and name are an
                     error, as in kustomize
  configMapGenerator name, files (`path` or `key=path`), literals (`KEY=value`), envs (KEY=value
  secretGenerator    lines), type (secrets), behavior create / merge / replace, options and
                     generatorOptions: disableNameSuffixHash, labels, annotations. Generated
                     names get kustomize's content hash suffix (`cs-env-9bt2mftm8b`) unless
                     disabled, and every reference to them (envFrom, valueFrom, volumes, projected
                     volumes, imagePullSecrets) is rewritten to the hashed name
  patches            strategic-merge patches (Kubernetes merge keys of the kinds used: containers
                     and volumes by name, env by name, ports by containerPort / port,
                     volumeMounts by mountPath; `$patch: delete` / `replace`; null deletes a
                     field; kustomize's list order: the patch's items first) and JSON 6902
                     patches (add, remove, replace, test); `path:` or inline `patch:`, optional
                     `target:` (group, version, kind, name regex, namespace, labelSelector)
  namespace          set on every namespaced object
  commonLabels       labels on every object, its selectors and pod templates
  labels             `pairs` with includeSelectors / includeTemplates
  replicas           `name`, `count`
  images             `name`, newName, newTag, digest, for containers and initContainers
Transformers run in kustomize's order: patches, namespace, labels, replicas, images. Files are read
only from inside the kustomization's own directory (kustomize's default load restriction), and a
field this renderer does not implement is an error, never ignored. Output is kustomize's legacy
order (Namespace, ConfigMap, Secret, Service, Deployment, PodDisruptionBudget, …).

Usage: render.py DIR [-o FILE] [--json]      (multi-document YAML on stdout by default)
"""

import argparse
import base64
import copy
import hashlib
import json
import os
import re
import sys

import yaml

KUSTOMIZATION_FILES = ("kustomization.yaml", "kustomization.yml", "Kustomization")

SUPPORTED_FIELDS = {
    "apiVersion", "kind", "resources", "namespace", "commonLabels", "labels", "images", "replicas",
    "patches", "configMapGenerator", "secretGenerator", "generatorOptions",
}

# Kinds that have no namespace (the ones a suite like this could meet).
CLUSTER_SCOPED_KINDS = {
    "Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition",
    "PersistentVolume",
    "StorageClass", "PriorityClass", "IngressClass", "RuntimeClass", "APIService", "Node",
    "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "PodSecurityPolicy",
    "CSIDriver", "VolumeAttachment", "ValidatingAdmissionPolicy",
    "ValidatingAdmissionPolicyBinding",
}

# kustomize's legacy output order (api/resid/gvk.go); kinds not listed follow, by name.
LEGACY_ORDER = [
    "Namespace", "ResourceQuota", "StorageClass", "CustomResourceDefinition", "ServiceAccount",
    "PodSecurityPolicy", "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding", "ConfigMap",
    "Secret", "Endpoints", "Service", "LimitRange", "PriorityClass", "PersistentVolume",
    "PersistentVolumeClaim", "Deployment", "StatefulSet", "CronJob", "PodDisruptionBudget",
]
LEGACY_LAST = ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"]

# Strategic-merge keys of the lists met in pod specs (Kubernetes' patchMergeKey). "ports" is keyed
# by containerPort in containers and by port in Services (chosen by the items). Other lists are
# replaced.
MERGE_KEYS = {
    "containers": "name", "initContainers": "name", "ephemeralContainers": "name", "env": "name",
    "volumes": "name", "volumeMounts": "mountPath", "volumeDevices": "devicePath",
    "imagePullSecrets": "name", "hostAliases": "ip", "topologySpreadConstraints": "topologyKey",
    "resourceClaims": "name", "conditions": "type",
}

# Where labels go besides metadata.labels (kustomize's field specs, api/internal/konfig/
# builtinpluginconsts): pod templates (includeTemplates, and commonLabels) and selectors
# (includeSelectors, and commonLabels). A path through a list applies to every item; `create` says
# whether a missing map is created.
_POD_TEMPLATE = [("spec/template/metadata/labels", True)]
TEMPLATE_PATHS = {
    "Deployment": _POD_TEMPLATE, "ReplicaSet": _POD_TEMPLATE, "DaemonSet": _POD_TEMPLATE,
    "StatefulSet": _POD_TEMPLATE, "Job": _POD_TEMPLATE, "ReplicationController": _POD_TEMPLATE,
    "CronJob": [("spec/jobTemplate/metadata/labels", True),
                ("spec/jobTemplate/spec/template/metadata/labels", True)],
}
_AFFINITY = [
    (f"spec/template/spec/affinity/{a}/{p}/labelSelector/matchLabels", False)
    for a in ("podAffinity", "podAntiAffinity")
    for p in ("preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm",
              "requiredDuringSchedulingIgnoredDuringExecution")
] + [("spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels", False)]
SELECTOR_PATHS = {
    "Service": [("spec/selector", True)],
    "ReplicationController": [("spec/selector", True)],
    "Deployment": [("spec/selector/matchLabels", True)] + _AFFINITY,
    "StatefulSet": [("spec/selector/matchLabels", True)] + _AFFINITY,
    "ReplicaSet": [("spec/selector/matchLabels", True)],
    "DaemonSet": [("spec/selector/matchLabels", True)],
    "Job": [("spec/selector/matchLabels", False)],
    "CronJob": [("spec/jobTemplate/spec/selector/matchLabels", False)],
    "PodDisruptionBudget": [("spec/selector/matchLabels", False)],
    "NetworkPolicy": [("spec/podSelector/matchLabels", False),
                      ("spec/ingress/from/podSelector/matchLabels", False),
                      ("spec/egress/to/podSelector/matchLabels", False)],
}

REPLICATED_KINDS = {"Deployment", "StatefulSet", "ReplicaSet", "ReplicationController"}

KEY_PATTERN = re.compile(r"^[-._a-zA-Z0-9]+$")


class RenderError(Exception):
    """A kustomization this renderer (or kustomize) refuses; the message names file and field."""


class Resource:
    """One object of the build. `generated` objects may get a hash suffix at the end."""

    def __init__(self, obj, source, generated=False, hash_suffix=False):
        self.obj = obj
        self.source = source
        self.generated = generated
        self.hash_suffix = hash_suffix

    @property
    def kind(self):
        return self.obj.get("kind", "")

    @property
    def name(self):
        return self.obj.get("metadata", {}).get("name", "")

    @property
    def namespace(self):
        return self.obj.get("metadata", {}).get("namespace", "")

    def key(self):
        api = self.obj.get("apiVersion", "")
        group = api.split("/")[0] if "/" in api else ""
        return (group, self.kind, self.namespace, self.name)

    def describe(self):
        ns = f"{self.namespace}/" if self.namespace else ""
        return f"{self.kind} {ns}{self.name} ({self.source})"


# --------------------------------------------------------------------------------------------------
# Loading


def _kustomization_file(directory):
    found = [n for n in KUSTOMIZATION_FILES if os.path.isfile(os.path.join(directory, n))]
    if not found:
        raise RenderError(f"{directory}: no kustomization.yaml")
    if len(found) > 1:
        raise RenderError(f"{directory}: more than one kustomization file: {', '.join(found)}")
    return os.path.join(directory, found[0])


def _within(root, path, what):
    """kustomize's default load restriction: files are read only from inside the kustomization."""
    real_root = os.path.realpath(root)
    real = os.path.realpath(path)
    if real != real_root and not real.startswith(real_root + os.sep):
        raise RenderError(f"{what}: security; file '{path}' is not in or below '{root}'")
    if not os.path.isfile(real):
        raise RenderError(f"{what}: no such file '{path}'")
    return real


def _load_documents(path):
    with open(path, encoding="utf-8") as f:
        try:
            docs = [d for d in yaml.safe_load_all(f) if d is not None]
        except yaml.YAMLError as e:
            raise RenderError(f"{path}: {e}") from None
    for d in docs:
        if not isinstance(d, dict) or "kind" not in d or "metadata" not in d:
            raise RenderError(f"{path}: every document must be an object with kind and metadata")
        if not d.get("metadata", {}).get("name"):
            raise RenderError(f"{path}: {d.get('kind')} without metadata.name")
    return docs


def _add(accumulated, resource):
    for existing in accumulated:
        if existing.key() == resource.key():
            raise RenderError(f"may not add resource with an already registered id: "
                              f"{resource.describe()} (first from {existing.source})")
    accumulated.append(resource)


# --------------------------------------------------------------------------------------------------
# Generators


def _split_key_value(text, what):
    if "=" not in text:
        raise RenderError(f"{what}: '{text}' is not KEY=VALUE")
    key, value = text.split("=", 1)
    return key, value


def _base64(data):
    """kustomize's base64 of generated data (kyaml/yaml/datamap.go): an encoding of 70 characters
    or more is cut into lines of 70, each ending in a newline (base64 decoders skip them)."""
    text = base64.b64encode(data).decode("ascii")
    if len(text) < 70:
        return text
    return "".join(text[i:i + 70] + "\n" for i in range(0, len(text), 70))


def _generator_data(directory, spec, what):
    """The key -> bytes of a configMapGenerator / secretGenerator entry."""
    data = {}

    def put(key, value):
        if not KEY_PATTERN.match(key):
            raise RenderError(f"{what}: '{key}' is not a valid key "
                              f"(letters, digits, '-', '_', '.')")
        if key in data:
            raise RenderError(f"{what}: key '{key}' is given twice")
        data[key] = value

    for entry in spec.get("files", []) or []:
        key, path = entry.split("=", 1) if "=" in entry else (os.path.basename(entry), entry)
        real = _within(directory, os.path.join(directory, path), what)
        with open(real, "rb") as f:
            put(key, f.read())
    for literal in spec.get("literals", []) or []:
        key, value = _split_key_value(literal, what)
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        put(key, value.encode("utf-8"))
    for env_file in spec.get("envs", []) or []:
        real = _within(directory, os.path.join(directory, env_file), what)
        with open(real, encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                line = line.strip()
                if not line or line.startswith("#"):
                    continue
                key, value = _split_key_value(line, f"{env_file}:{number}")
                put(key, value.encode("utf-8"))
    return data


def _generate(directory, kind, spec, options, source):
    unknown = set(spec) - {"name", "namespace", "behavior", "files", "literals", "envs", "options",
                           "type"}
    if unknown or (kind == "ConfigMap" and "type" in spec):
        raise RenderError(f"{source}: unsupported field(s) {sorted(unknown or {'type'})}")
    name = spec.get("name")
    if not name:
        raise RenderError(f"{source}: a generator needs a name")
    what = f"{source}: {kind.lower()}Generator {name}"
    raw = _generator_data(directory, spec, what)
    merged_options = dict(options or {})
    entry_options = spec.get("options") or {}
    for field in ("labels", "annotations"):
        merged_options[field] = {**(merged_options.get(field) or {}),
                                 **(entry_options.get(field) or {})}
    if "disableNameSuffixHash" in entry_options:
        merged_options["disableNameSuffixHash"] = entry_options["disableNameSuffixHash"]
    metadata = {"name": name}
    if spec.get("namespace"):
        metadata["namespace"] = spec["namespace"]
    if merged_options.get("labels"):
        metadata["labels"] = dict(merged_options["labels"])
    if merged_options.get("annotations"):
        metadata["annotations"] = dict(merged_options["annotations"])
    obj = {"apiVersion": "v1", "kind": kind, "metadata": metadata}
    if kind == "Secret":
        obj["type"] = spec.get("type", "Opaque")
        if raw:
            obj["data"] = {k: _base64(v) for k, v in raw.items()}
    else:
        text, binary = {}, {}
        for k, v in raw.items():
            try:
                text[k] = v.decode("utf-8")
            except UnicodeDecodeError:
                binary[k] = _base64(v)
        if text:
            obj["data"] = text
        if binary:
            obj["binaryData"] = binary
    hashed = not merged_options.get("disableNameSuffixHash", False)
    return Resource(obj, source, generated=True, hash_suffix=hashed), spec.get("behavior", "create")


def _apply_generated(accumulated, resource, behavior, source):
    if behavior == "create":
        _add(accumulated, resource)
        return
    if behavior not in ("merge", "replace"):
        raise RenderError(f"{source}: behavior must be create, merge or replace, not '{behavior}'")
    matches = [r for r in accumulated if r.kind == resource.kind and r.name == resource.name
               and (not resource.namespace or r.namespace == resource.namespace)]
    if len(matches) != 1:
        raise RenderError(f"{source}: {behavior} {resource.kind} {resource.name}: "
                          f"found {len(matches)} to {behavior} (needs exactly one from resources)")
    target = matches[0]
    if behavior == "replace":
        for field in ("data", "binaryData"):
            target.obj.pop(field, None)
    for field in ("data", "binaryData"):
        if resource.obj.get(field):
            target.obj.setdefault(field, {}).update(resource.obj[field])
    meta = target.obj.setdefault("metadata", {})
    for field in ("labels", "annotations"):
        if resource.obj["metadata"].get(field):
            meta.setdefault(field, {}).update(resource.obj["metadata"][field])
    if resource.kind == "Secret" and "type" in resource.obj:
        target.obj["type"] = resource.obj["type"]
    target.hash_suffix = target.hash_suffix and resource.hash_suffix


# --------------------------------------------------------------------------------------------------
# Patches


def _strip_directives(value):
    if isinstance(value, dict):
        return {k: _strip_directives(v) for k, v in value.items() if k != "$patch"}
    if isinstance(value, list):
        return [_strip_directives(v) for v in value
                if not (isinstance(v, dict) and set(v) == {"$patch"})]
    return value


def _merge_key(field, target_items, patch_items):
    if field == "ports":
        items = [i for i in target_items + patch_items if isinstance(i, dict)]
        return "containerPort" if items and all("containerPort" in i for i in items) else "port"
    return MERGE_KEYS.get(field)


def _merge_list(field, target, patch, where):
    key = _merge_key(field, target, patch)
    if any(isinstance(i, dict) and i.get("$patch") == "replace" and len(i) == 1 for i in patch):
        return _strip_directives(patch)
    if key is None or not all(isinstance(i, dict) for i in target + patch):
        return _strip_directives(patch)
    # kustomize's order (kyaml merge2 with ListIncreaseDirection prepend): the patch's items in the
    # patch's order, each merged with the target's item of the same key, then the target's other
    # items in their order.
    by_key = {t.get(key): t for t in target}
    result, seen = [], set()
    for item in patch:
        directive = item.get("$patch")
        if key not in item:
            raise RenderError(f"{where}.{field}: a patch item lacks the merge key '{key}'")
        seen.add(item[key])
        if directive == "delete":
            continue
        if directive not in (None, "merge"):
            raise RenderError(f"{where}.{field}: unsupported $patch: {directive}")
        if item[key] in by_key:
            result.append(_strategic_merge(by_key[item[key]], item,
                                           f"{where}.{field}[{item[key]}]"))
        else:
            result.append(_strip_directives(item))
    result += [copy.deepcopy(t) for t in target if t.get(key) not in seen]
    return result


def _strategic_merge(target, patch, where="patch"):
    """Kubernetes' strategic merge of `patch` into `target` (a new object; inputs untouched)."""
    directive = patch.get("$patch")
    if directive == "replace":
        return _strip_directives(patch)
    if directive == "delete":
        return None
    if directive not in (None, "merge"):
        raise RenderError(f"{where}: unsupported $patch: {directive}")
    result = copy.deepcopy(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if key == "$patch":
            continue
        if key.startswith("$"):
            raise RenderError(f"{where}: unsupported strategic-merge directive {key}")
        if value is None:
            result.pop(key, None)
        elif isinstance(value, dict) and isinstance(result.get(key), dict):
            merged = _strategic_merge(result[key], value, f"{where}.{key}")
            if merged is None:
                result.pop(key)
            else:
                result[key] = merged
        elif isinstance(value, list) and isinstance(result.get(key), list):
            result[key] = _merge_list(key, result[key], value, where)
        elif isinstance(value, dict) and value.get("$patch") == "delete":
            result.pop(key, None)
        else:
            result[key] = _strip_directives(copy.deepcopy(value))
    return result


def _pointer(path, where):
    if path == "":
        return []
    if not path.startswith("/"):
        raise RenderError(f"{where}: JSON pointer '{path}' must start with /")
    return [p.replace("~1", "/").replace("~0", "~") for p in path[1:].split("/")]


def _json6902(obj, operations, where):
    """RFC 6902 add / remove / replace / test on a copy of obj."""
    result = copy.deepcopy(obj)
    for n, op in enumerate(operations):
        here = f"{where}[{n}]"
        if not isinstance(op, dict) or "op" not in op or "path" not in op:
            raise RenderError(f"{here}: every operation needs op and path")
        parts = _pointer(op["path"], here)
        if not parts:
            raise RenderError(f"{here}: the whole document cannot be patched")
        parent = result
        for part in parts[:-1]:
            try:
                parent = parent[int(part)] if isinstance(parent, list) else parent[part]
            except (KeyError, IndexError, ValueError, TypeError):
                raise RenderError(f"{here}: path {op['path']} does not exist") from None
        last = parts[-1]
        kind = op["op"]
        if kind in ("add", "replace", "test") and "value" not in op:
            raise RenderError(f"{here}: {kind} needs a value")
        if isinstance(parent, list):
            if last == "-" and kind == "add":
                parent.append(copy.deepcopy(op["value"]))
                continue
            try:
                index = int(last)
            except ValueError:
                raise RenderError(f"{here}: '{last}' is not a list index") from None
            limit = len(parent) if kind == "add" else len(parent) - 1
            if not 0 <= index <= limit:
                raise RenderError(f"{here}: index {index} out of range in {op['path']}")
            if kind == "add":
                parent.insert(index, copy.deepcopy(op["value"]))
            elif kind == "remove":
                del parent[index]
            elif kind == "replace":
                parent[index] = copy.deepcopy(op["value"])
            elif kind == "test":
                if parent[index] != op["value"]:
                    raise RenderError(f"{here}: test failed at {op['path']}")
            else:
                raise RenderError(f"{here}: unsupported op '{kind}'")
        elif isinstance(parent, dict):
            if kind == "add":
                parent[last] = copy.deepcopy(op["value"])
            elif kind in ("remove", "replace", "test") and last not in parent:
                raise RenderError(f"{here}: path {op['path']} does not exist")
            elif kind == "remove":
                del parent[last]
            elif kind == "replace":
                parent[last] = copy.deepcopy(op["value"])
            elif kind == "test":
                if parent[last] != op["value"]:
                    raise RenderError(f"{here}: test failed at {op['path']}")
            else:
                raise RenderError(f"{here}: unsupported op '{kind}'")
        else:
            raise RenderError(f"{here}: path {op['path']} does not exist")
    return result


def _label_selector_matches(selector, labels, where):
    for term in (t.strip() for t in selector.split(",") if t.strip()):
        if "!=" in term:
            key, value = (s.strip() for s in term.split("!=", 1))
            if labels.get(key) == value:
                return False
        elif "=" in term:
            key, value = (s.strip() for s in term.replace("==", "=").split("=", 1))
            if labels.get(key) != value:
                return False
        elif re.match(r"^[-./a-zA-Z0-9_]+$", term):
            if term not in labels:
                return False
        else:
            raise RenderError(f"{where}: unsupported labelSelector term '{term}'")
    return True


def _target_matches(resource, target, where):
    unknown = set(target) - {"group", "version", "kind", "name", "namespace", "labelSelector"}
    if unknown:
        raise RenderError(f"{where}: unsupported target field(s) {sorted(unknown)}")
    api = resource.obj.get("apiVersion", "")
    group, version = api.split("/", 1) if "/" in api else ("", api)
    if "group" in target and target["group"] != group:
        return False
    if "version" in target and target["version"] != version:
        return False
    if "kind" in target and target["kind"] != resource.kind:
        return False
    if "name" in target and not re.fullmatch(target["name"], resource.name):
        return False
    if "namespace" in target and not re.fullmatch(target["namespace"], resource.namespace):
        return False
    if "labelSelector" in target:
        labels = resource.obj.get("metadata", {}).get("labels") or {}
        if not _label_selector_matches(target["labelSelector"], labels, where):
            return False
    return True


def _apply_patch(directory, accumulated, entry, source):
    unknown = set(entry) - {"path", "patch", "target", "options"}
    if unknown or ("path" in entry) == ("patch" in entry):
        raise RenderError(f"{source}: a patch needs exactly one of path and patch "
                          f"(unsupported: {sorted(unknown)})")
    if "path" in entry:
        where = f"{source}: patch {entry['path']}"
        real = _within(directory, os.path.join(directory, entry["path"]), where)
        with open(real, encoding="utf-8") as f:
            text = f.read()
    else:
        where = f"{source}: inline patch"
        text = entry["patch"]
    try:
        docs = [d for d in yaml.safe_load_all(text) if d is not None]
    except yaml.YAMLError as e:
        raise RenderError(f"{where}: {e}") from None
    target = entry.get("target")
    if len(docs) == 1 and isinstance(docs[0], list):
        if target is None:
            raise RenderError(f"{where}: a JSON 6902 patch needs a target")
        selected = [r for r in accumulated if _target_matches(r, target, where)]
        if not selected:
            raise RenderError(f"{where}: no resource matches target {target}")
        for resource in selected:
            resource.obj = _json6902(resource.obj, docs[0], f"{where} on {resource.describe()}")
        return
    for doc in docs:
        if not isinstance(doc, dict):
            raise RenderError(f"{where}: a strategic-merge patch must be an object")
        if target is not None:
            selected = [r for r in accumulated if _target_matches(r, target, where)]
            if not selected:
                raise RenderError(f"{where}: no resource matches target {target}")
        else:
            name = doc.get("metadata", {}).get("name")
            namespace = doc.get("metadata", {}).get("namespace")
            selected = [r for r in accumulated if r.kind == doc.get("kind") and r.name == name
                        and (namespace is None or r.namespace == namespace)
                        and doc.get("apiVersion") in (None, r.obj.get("apiVersion"))]
            if len(selected) != 1:
                raise RenderError(f"{where}: failed to find unique target for patch "
                                  f"{doc.get('kind')} {name} (found {len(selected)})")
        for resource in selected:
            body = copy.deepcopy(doc)
            # With a target, the patch's own identity is the target's: a patch never renames.
            meta = body.setdefault("metadata", {})
            meta["name"] = resource.name
            if resource.namespace:
                meta["namespace"] = resource.namespace
            else:
                meta.pop("namespace", None)
            body["kind"] = resource.kind
            body["apiVersion"] = resource.obj.get("apiVersion")
            merged = _strategic_merge(resource.obj, body, f"{where} on {resource.describe()}")
            if merged is None:
                accumulated.remove(resource)
            else:
                resource.obj = merged


# --------------------------------------------------------------------------------------------------
# Other transformers


def _add_labels_at(node, parts, labels, create):
    if isinstance(node, list):
        for item in node:
            _add_labels_at(item, parts, labels, create)
        return
    if not isinstance(node, dict):
        return
    head, rest = parts[0], parts[1:]
    if head not in node or node[head] is None:
        if not create:
            return
        node[head] = {}
    if rest:
        _add_labels_at(node[head], rest, labels, create)
    elif isinstance(node[head], dict):
        node[head].update(labels)


def _apply_labels(accumulated, labels, include_selectors, include_templates):
    for resource in accumulated:
        _add_labels_at(resource.obj, ["metadata", "labels"], labels, True)
        paths = []
        if include_selectors or include_templates:
            paths += TEMPLATE_PATHS.get(resource.kind, [])
        if include_selectors:
            paths += SELECTOR_PATHS.get(resource.kind, [])
        for path, create in paths:
            _add_labels_at(resource.obj, path.split("/"), labels, create)


def _apply_images(accumulated, images, source):
    def walk(node):
        if isinstance(node, dict):
            for field in ("containers", "initContainers"):
                for container in node.get(field) or []:
                    if isinstance(container, dict) and isinstance(container.get("image"), str):
                        container["image"] = _new_image(container["image"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    def _new_image(image):
        name, tag, digest = image, None, None
        if "@" in name:
            name, digest = name.split("@", 1)
        last = name.rsplit("/", 1)[-1]
        if ":" in last:
            name, tag = name.rsplit(":", 1)
        for spec in images:
            if spec.get("name") != name:
                continue
            new_name = spec.get("newName", name)
            if spec.get("digest"):
                return f"{new_name}@{spec['digest']}"
            if spec.get("newTag"):
                return f"{new_name}:{spec['newTag']}"
            if digest:
                return f"{new_name}@{digest}"
            return f"{new_name}:{tag}" if tag else new_name
        return image

    for spec in images:
        unknown = set(spec) - {"name", "newName", "newTag", "digest"}
        if unknown or "name" not in spec:
            raise RenderError(f"{source}: images entries need name "
                              f"(unsupported: {sorted(unknown)})")
        if "newTag" in spec and not isinstance(spec["newTag"], str):
            raise RenderError(f"{source}: images {spec['name']}: newTag must be a string; quote it")
    for resource in accumulated:
        walk(resource.obj)


def _apply_replicas(accumulated, replicas, source):
    for spec in replicas:
        if set(spec) != {"name", "count"} or not isinstance(spec["count"], int):
            raise RenderError(f"{source}: replicas entries are name and an integer count")
        matched = False
        for resource in accumulated:
            if resource.kind in REPLICATED_KINDS and resource.name == spec["name"]:
                resource.obj.setdefault("spec", {})["replicas"] = spec["count"]
                matched = True
        if not matched:
            raise RenderError(f"{source}: replicas: no Deployment or StatefulSet {spec['name']}")


# --------------------------------------------------------------------------------------------------
# The build


def _build(directory, stack=()):
    directory = os.path.realpath(directory)
    if directory in stack:
        raise RenderError(f"{directory}: cycle in resources")
    path = _kustomization_file(directory)
    with open(path, encoding="utf-8") as f:
        try:
            k = yaml.safe_load(f) or {}
        except yaml.YAMLError as e:
            raise RenderError(f"{path}: {e}") from None
    if not isinstance(k, dict):
        raise RenderError(f"{path}: not a mapping")
    unsupported = set(k) - SUPPORTED_FIELDS
    if unsupported:
        raise RenderError(f"{path}: field(s) not implemented by render.py: {sorted(unsupported)}")
    if k.get("kind", "Kustomization") != "Kustomization":
        raise RenderError(f"{path}: kind must be Kustomization")

    accumulated = []
    for entry in k.get("resources") or []:
        target = os.path.join(directory, entry)
        if os.path.isdir(target):
            for resource in _build(target, stack + (directory,)):
                _add(accumulated, resource)
        else:
            real = _within(directory, target, f"{path}: resources")
            for doc in _load_documents(real):
                _add(accumulated, Resource(doc, os.path.relpath(real)))

    options = k.get("generatorOptions") or {}
    if set(options) - {"disableNameSuffixHash", "labels", "annotations"}:
        raise RenderError(f"{path}: generatorOptions supports disableNameSuffixHash, labels, "
                          f"annotations")
    for kind, field in (("ConfigMap", "configMapGenerator"), ("Secret", "secretGenerator")):
        for spec in k.get(field) or []:
            resource, behavior = _generate(directory, kind, spec, options, path)
            _apply_generated(accumulated, resource, behavior, path)

    for entry in k.get("patches") or []:
        _apply_patch(directory, accumulated, entry, path)
    if k.get("namespace"):
        for resource in accumulated:
            if resource.kind not in CLUSTER_SCOPED_KINDS:
                resource.obj.setdefault("metadata", {})["namespace"] = k["namespace"]
    if k.get("commonLabels"):
        _apply_labels(accumulated, k["commonLabels"], True, True)
    for entry in k.get("labels") or []:
        if set(entry) - {"pairs", "includeSelectors", "includeTemplates"}:
            raise RenderError(f"{path}: labels entries are pairs, includeSelectors, "
                              f"includeTemplates")
        _apply_labels(accumulated, entry.get("pairs") or {}, entry.get("includeSelectors", False),
                      entry.get("includeTemplates", False))
    _apply_replicas(accumulated, k.get("replicas") or [], path)
    _apply_images(accumulated, k.get("images") or [], path)
    return accumulated


def _go_json(value):
    """Go's encoding/json Marshal of a map (keys sorted, HTML characters escaped), as kustomize
    hashes it."""
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                          ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return text


def name_hash(obj):
    """kustomize's name suffix of a generated ConfigMap or Secret (api/hasher/hasher.go).

    kustomize v5 hashes kind, data (binaryData; type for a Secret) and a name it looks up as the
    single field "metadata/name", which finds nothing: the name hashed is always "" (seen with
    kubectl 1.32's kustomize v5.5.0). A missing data map is hashed as "". So two generators with
    the same content get the same suffix, and the suffix changes exactly when the content does.
    """
    def field(name):
        value = obj.get(name)
        return value if isinstance(value, dict) else ""

    if obj["kind"] == "ConfigMap":
        encoded = {"kind": "ConfigMap", "name": "", "data": field("data")}
        if isinstance(obj.get("binaryData"), dict):
            encoded["binaryData"] = obj["binaryData"]
    elif obj["kind"] == "Secret":
        encoded = {"kind": "Secret", "type": obj.get("type", ""), "name": "", "data": field("data")}
        if isinstance(obj.get("stringData"), dict):
            encoded["stringData"] = obj["stringData"]
    else:
        raise RenderError(f"cannot hash a {obj['kind']}")
    digest = hashlib.sha256(_go_json(encoded).encode("utf-8")).hexdigest()[:10]
    return digest.translate(str.maketrans({"0": "g", "1": "h", "3": "k", "a": "m", "e": "t"}))


def _rewrite_references(obj, renames):
    """Renames references to generated ConfigMaps and Secrets in the same namespace."""
    namespace = obj.get("metadata", {}).get("namespace", "")

    def rename(kind, name):
        return renames.get((kind, namespace, name), name)

    def walk(node):
        if isinstance(node, dict):
            for field, kind in (("configMapRef", "ConfigMap"), ("configMapKeyRef", "ConfigMap"),
                                ("configMap", "ConfigMap"), ("secretRef", "Secret"),
                                ("secretKeyRef", "Secret")):
                ref = node.get(field)
                if isinstance(ref, dict) and isinstance(ref.get("name"), str):
                    ref["name"] = rename(kind, ref["name"])
            secret = node.get("secret")
            if isinstance(secret, dict):
                for field in ("secretName", "name"):
                    if isinstance(secret.get(field), str):
                        secret[field] = rename("Secret", secret[field])
            for pull in node.get("imagePullSecrets") or []:
                if isinstance(pull, dict) and isinstance(pull.get("name"), str):
                    pull["name"] = rename("Secret", pull["name"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    if obj.get("kind") not in ("ConfigMap", "Secret"):
        walk(obj)


def _order(resource):
    kind = resource.kind
    if kind in LEGACY_ORDER:
        rank = LEGACY_ORDER.index(kind)
    elif kind in LEGACY_LAST:
        rank = len(LEGACY_ORDER) + 1 + LEGACY_LAST.index(kind)
    else:
        rank = len(LEGACY_ORDER)
    return (rank, kind, resource.namespace, resource.name)


def render(directory):
    """The objects `kubectl kustomize directory` would print, in its order."""
    accumulated = _build(directory)
    renames = {}
    for resource in accumulated:
        if resource.generated and resource.hash_suffix:
            old = resource.name
            new = f"{old}-{name_hash(resource.obj)}"
            resource.obj["metadata"]["name"] = new
            renames[(resource.kind, resource.namespace, old)] = new
    for resource in accumulated:
        _rewrite_references(resource.obj, renames)
    return [r.obj for r in sorted(accumulated, key=_order)]


def to_yaml(objects):
    return yaml.safe_dump_all(objects, sort_keys=False, default_flow_style=False, width=100)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("directory", help="a directory holding kustomization.yaml")
    parser.add_argument("-o", "--output", help="write here instead of stdout")
    parser.add_argument("--json", action="store_true", help="a JSON array instead of YAML")
    args = parser.parse_args(argv)
    try:
        objects = render(args.directory)
    except RenderError as e:
        print(f"render.py: {e}", file=sys.stderr)
        return 1
    text = json.dumps(objects, indent=1) + "\n" if args.json else to_yaml(objects)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
