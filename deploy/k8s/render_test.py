#!/usr/bin/python3
"""Tests of render.py: its output against the real kustomize's (testdata/features, made with
kubectl 1.32.4 / kustomize v5.5.0), and what it refuses.

Run: deploy/k8s/render_test.py (ctest k8s_render_test, label unit).
"""

import base64
import io
import json
import os
import sys
import tempfile
import textwrap
import unittest
from contextlib import redirect_stderr, redirect_stdout

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import render  # noqa: E402

FEATURES = os.path.join(HERE, "testdata", "features")


class MatchesKustomizeTest(unittest.TestCase):
    """render.py prints what `kubectl kustomize` printed for the same input."""

    def check(self, name):
        with open(os.path.join(FEATURES, f"expected-{name}.json"), encoding="utf-8") as f:
            expected = json.load(f)
        rendered = render.render(os.path.join(FEATURES, name))
        self.assertEqual([(o["kind"], o["metadata"]["name"]) for o in rendered],
                         [(o["kind"], o["metadata"]["name"]) for o in expected],
                         "objects, in order")
        for got, want in zip(rendered, expected):
            self.assertEqual(got, want, f"{want['kind']} {want['metadata']['name']}")

    def test_base(self):
        self.check("base")

    def test_overlay(self):
        self.check("overlay")

    def test_yaml_output_reads_back(self):
        rendered = render.render(os.path.join(FEATURES, "overlay"))
        import yaml
        self.assertEqual(list(yaml.safe_load_all(render.to_yaml(rendered))), rendered)


class HashTest(unittest.TestCase):

    def test_values_kustomize_gives(self):
        # kubectl kustomize (v5.5.0): configMapGenerator "one" with literal X=1, and an empty one.
        self.assertEqual(render.name_hash({"kind": "ConfigMap", "metadata": {"name": "one"},
                                           "data": {"X": "1"}}), "4f64tg9ch6")
        self.assertEqual(render.name_hash({"kind": "ConfigMap", "metadata": {"name": "empty"}}),
                         "6ct58987ht")

    def test_name_is_not_hashed_content_is(self):
        a = {"kind": "ConfigMap", "metadata": {"name": "a"}, "data": {"k": "v"}}
        b = {"kind": "ConfigMap", "metadata": {"name": "b"}, "data": {"k": "v"}}
        c = {"kind": "ConfigMap", "metadata": {"name": "a"}, "data": {"k": "w"}}
        self.assertEqual(render.name_hash(a), render.name_hash(b))
        self.assertNotEqual(render.name_hash(a), render.name_hash(c))

    def test_secret_type_counts(self):
        opaque = {"kind": "Secret", "type": "Opaque", "metadata": {"name": "s"},
                  "data": {"k": "dg=="}}
        other = dict(opaque, type="example.com/other")
        self.assertNotEqual(render.name_hash(opaque), render.name_hash(other))

    def test_long_base64_is_cut_in_lines_of_70(self):
        text = render._base64(b"x" * 80)
        self.assertEqual([len(line) for line in text.split("\n")], [70, 38, 0])
        self.assertEqual(base64.b64decode(text.replace("\n", "")), b"x" * 80)
        self.assertEqual(render._base64(b"short"), "c2hvcnQ=")


class Tree:
    """A temporary directory of files: Tree({"k/kustomization.yaml": "...", ...})."""

    def __init__(self, files):
        self._tmp = tempfile.TemporaryDirectory(prefix="render-test-")
        self.root = self._tmp.name
        for path, text in files.items():
            full = os.path.join(self.root, path)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "w", encoding="utf-8") as f:
                f.write(textwrap.dedent(text))

    def path(self, *parts):
        return os.path.join(self.root, *parts)

    def close(self):
        self._tmp.cleanup()


DEPLOYMENT = """\
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
    spec:
      template:
        spec:
          containers:
            - name: app
              image: app
    """


class RefusesTest(unittest.TestCase):
    """What kustomize refuses, render.py refuses, and it never ignores what it cannot do."""

    def assertRefused(self, files, directory, message):
        tree = Tree(files)
        self.addCleanup(tree.close)
        with self.assertRaises(render.RenderError) as caught:
            render.render(tree.path(directory))
        self.assertIn(message, str(caught.exception))

    def test_file_outside_the_kustomization(self):
        self.assertRefused({"secret.txt": "x", "k/kustomization.yaml": """\
            secretGenerator:
              - name: s
                files: [../secret.txt]
            """}, "k", "is not in or below")

    def test_resource_file_outside_the_kustomization(self):
        self.assertRefused({"app.yaml": DEPLOYMENT,
                            "k/kustomization.yaml": "resources: [../app.yaml]\n"},
                           "k", "is not in or below")

    def test_symlink_out_of_the_kustomization(self):
        tree = Tree({"secret.txt": "x", "k/kustomization.yaml": """\
            configMapGenerator:
              - name: c
                files: [link.txt]
            """})
        self.addCleanup(tree.close)
        os.symlink(tree.path("secret.txt"), tree.path("k", "link.txt"))
        with self.assertRaises(render.RenderError) as caught:
            render.render(tree.path("k"))
        self.assertIn("is not in or below", str(caught.exception))

    def test_missing_file(self):
        self.assertRefused({"k/kustomization.yaml": """\
            secretGenerator:
              - name: s
                files: [absent.txt]
            """}, "k", "no such file")

    def test_unimplemented_field(self):
        self.assertRefused({"k/kustomization.yaml": "namePrefix: x-\n"}, "k", "not implemented")

    def test_unimplemented_generator_field(self):
        self.assertRefused({"k/kustomization.yaml": """\
            configMapGenerator:
              - name: c
                literals: [A=1]
                immutable: true
            """}, "k", "unsupported field")

    def test_duplicate_object(self):
        self.assertRefused({"k/a.yaml": DEPLOYMENT, "k/b.yaml": DEPLOYMENT,
                            "k/kustomization.yaml": "resources: [a.yaml, b.yaml]\n"},
                           "k", "already registered")

    def test_duplicate_key(self):
        self.assertRefused({"k/kustomization.yaml": """\
            configMapGenerator:
              - name: c
                literals: [A=1, A=2]
            """}, "k", "given twice")

    def test_merge_without_a_base_object(self):
        self.assertRefused({"k/kustomization.yaml": """\
            configMapGenerator:
              - name: c
                behavior: merge
                literals: [A=1]
            """}, "k", "found 0 to merge")

    def test_patch_without_its_target(self):
        self.assertRefused({"k/app.yaml": DEPLOYMENT, "k/kustomization.yaml": """\
            resources: [app.yaml]
            patches:
              - patch: |-
                  apiVersion: apps/v1
                  kind: Deployment
                  metadata:
                    name: other
                  spec:
                    replicas: 2
            """}, "k", "failed to find unique target")

    def test_json6902_needs_a_target(self):
        self.assertRefused({"k/app.yaml": DEPLOYMENT, "k/kustomization.yaml": """\
            resources: [app.yaml]
            patches:
              - patch: |-
                  - op: replace
                    path: /spec/replicas
                    value: 2
            """}, "k", "needs a target")

    def test_json6902_path_must_exist(self):
        self.assertRefused({"k/app.yaml": DEPLOYMENT, "k/kustomization.yaml": """\
            resources: [app.yaml]
            patches:
              - target: {kind: Deployment}
                patch: |-
                  - op: replace
                    path: /spec/template/spec/volumes/0
                    value: {}
            """}, "k", "does not exist")

    def test_json6902_failed_test(self):
        self.assertRefused({"k/app.yaml": DEPLOYMENT, "k/kustomization.yaml": """\
            resources: [app.yaml]
            patches:
              - target: {kind: Deployment}
                patch: |-
                  - op: test
                    path: /spec/template/spec/containers/0/name
                    value: other
            """}, "k", "test failed")

    def test_target_matching_nothing(self):
        self.assertRefused({"k/app.yaml": DEPLOYMENT, "k/kustomization.yaml": """\
            resources: [app.yaml]
            patches:
              - target: {kind: StatefulSet}
                patch: |-
                  - op: add
                    path: /spec/replicas
                    value: 2
            """}, "k", "no resource matches")

    def test_replicas_for_nothing(self):
        self.assertRefused({"k/app.yaml": DEPLOYMENT, "k/kustomization.yaml": """\
            resources: [app.yaml]
            replicas:
              - name: absent
                count: 2
            """}, "k", "no Deployment or StatefulSet absent")

    def test_unquoted_image_tag(self):
        self.assertRefused({"k/app.yaml": DEPLOYMENT, "k/kustomization.yaml": """\
            resources: [app.yaml]
            images:
              - name: app
                newTag: 1.10
            """}, "k", "quote it")

    def test_directory_without_kustomization(self):
        self.assertRefused({"k/sub/app.yaml": DEPLOYMENT,
                            "k/kustomization.yaml": "resources: [sub]\n"},
                           "k", "no kustomization.yaml")

    def test_cycle(self):
        self.assertRefused({"a/kustomization.yaml": "resources: [../b]\n",
                            "b/kustomization.yaml": "resources: [../a]\n"}, "a", "cycle")


class StrategicMergeTest(unittest.TestCase):

    def test_directives(self):
        target = {"spec": {"keep": 1, "drop": 2, "map": {"a": 1},
                           "containers": [{"name": "a", "args": ["x"]}, {"name": "b"}]}}
        patch = {"spec": {"drop": None, "map": {"$patch": "replace", "b": 2},
                          "containers": [{"name": "a", "args": ["y"]},
                                         {"name": "b", "$patch": "delete"}, {"name": "c"}]}}
        self.assertEqual(render._strategic_merge(target, patch),
                         {"spec": {"keep": 1, "map": {"b": 2},
                                   "containers": [{"name": "a", "args": ["y"]}, {"name": "c"}]}})
        self.assertEqual(target["spec"]["drop"], 2, "the target is not changed in place")

    def test_list_replace_directive(self):
        target = {"env": [{"name": "A"}, {"name": "B"}]}
        patch = {"env": [{"$patch": "replace"}, {"name": "C"}]}
        self.assertEqual(render._strategic_merge(target, patch), {"env": [{"name": "C"}]})

    def test_lists_without_merge_key_are_replaced(self):
        self.assertEqual(render._strategic_merge({"args": ["a", "b"]}, {"args": ["c"]}),
                         {"args": ["c"]})

    def test_unsupported_directive(self):
        with self.assertRaises(render.RenderError):
            render._strategic_merge({"a": [1]}, {"$setElementOrder/a": [1]})


class MainTest(unittest.TestCase):

    def test_json_and_errors(self):
        out = io.StringIO()
        with redirect_stdout(out):
            self.assertEqual(render.main([os.path.join(FEATURES, "base"), "--json"]), 0)
        self.assertEqual(len(json.loads(out.getvalue())), 9)
        err = io.StringIO()
        with redirect_stderr(err):
            self.assertEqual(render.main([os.path.join(FEATURES, "absent")]), 1)
        self.assertIn("no kustomization.yaml", err.getvalue())


if __name__ == "__main__":
    unittest.main(verbosity=1)
