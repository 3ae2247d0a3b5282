// Validates Kubernetes objects offline against the Kubernetes API schema, as the API server would
// before storing them.
//
//   node tests/k8s/validate.cjs --modules DIR FILE.json...
//
// DIR is a node_modules folder holding kubernetes-models (tests/k8s/package.json pins it; its JSON
// schemas are those of the Kubernetes 1.33 API); each FILE.json is an array of objects, e.g. from
// `deploy/k8s/render.py --json`. For every object:
//   1. its apiVersion and kind must be a built-in type (kubernetes-models/<group>/<version>);
//   2. the type's JSON schema (types, required fields, enums, formats such as int32 and
//      quantities);
//   3. no unknown field, at any depth: the schemas leave additionalProperties open, so a misspelt
//      field (readinesProbe) would pass them. Each object is validated through a Proxy that
//      records which fields the schema's validator reads; an object whose validation passes and
//      that holds a field the validator never read has a field its type does not define (the
//      API server's strict field validation refuses the same);
//   4. names as the API server checks them: object names (DNS-1123 subdomain; a Service's name a
//      DNS-1035 label), container names (DNS-1123 label), port names (IANA service names), label
//      keys and values.
// Prints one line per problem ("<file> <kind>/<name>: <path> <problem>") and exits 1 if any.
"use strict";

const fs = require("fs");
const path = require("path");
const { createRequire } = require("module");

const args = process.argv.slice(2);
const modulesIndex = args.indexOf("--modules");
if (modulesIndex < 0 || modulesIndex + 1 >= args.length || args.length < 3) {
  console.error("usage: validate.cjs --modules NODE_MODULES_DIR FILE.json...");
  process.exit(2);
}
const modulesDir = path.resolve(args[modulesIndex + 1]);
const files = args.filter((_, i) => i !== modulesIndex && i !== modulesIndex + 1);
const requireModel = createRequire(path.join(modulesDir, "validate-anchor.js"));
const modelsVersion = requireModel("kubernetes-models/package.json").version;

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const IANA_SVC_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

function modelFor(apiVersion, kind) {
  const groupVersion = apiVersion.includes("/") ? apiVersion : `v1`;
  let module;
  try {
    module = requireModel(`kubernetes-models/${groupVersion}`);
  } catch (e) {
    return null;
  }
  const model = module[kind];
  return typeof model === "function" && model.kind === kind ? model : null;
}

// Wraps `value` so that every field read is recorded in `reads` (object -> Set of keys).
function tracked(value, reads) {
  if (value === null || typeof value !== "object") return value;
  if (!reads.has(value)) reads.set(value, new Set());
  return new Proxy(value, {
    get(target, key, receiver) {
      if (typeof key === "string") reads.get(target).add(key);
      return tracked(Reflect.get(target, key, receiver), reads);
    },
  });
}

function unknownFields(value, reads, where, out) {
  if (value === null || typeof value !== "object") return;
  const read = reads.get(value);
  if (read === undefined) return;  // never reached: its parent field is unknown, reported above
  if (Array.isArray(value)) {
    value.forEach((item, i) => unknownFields(item, reads, `${where}[${i}]`, out));
    return;
  }
  for (const key of Object.keys(value)) {
    if (!read.has(key)) {
      out.push(`${where}.${key}: unknown field`);
    } else {
      unknownFields(value[key], reads, `${where}.${key}`, out);
    }
  }
}

// kustomize writes generated base64 in lines of 70 characters (kyaml/yaml/datamap.go); the API
// server's decoder (Go's encoding/base64) skips newlines, the schema's "byte" format does not.
const base64Cache = new WeakMap();
function withoutBase64Newlines(object) {
  if (base64Cache.has(object)) return base64Cache.get(object);
  let result = object;
  const field =
      object.kind === "Secret" ? "data" : object.kind === "ConfigMap" ? "binaryData" : null;
  if (field && object[field] && typeof object[field] === "object") {
    const data = {};
    for (const [k, v] of Object.entries(object[field])) {
      data[k] = typeof v === "string" ? v.replace(/[\r\n]/g, "") : v;
    }
    result = { ...object, [field]: data };
  }
  base64Cache.set(object, result);
  return result;
}

function checkLabels(labels, where, out) {
  for (const [key, value] of Object.entries(labels || {})) {
    const [prefix, name] = key.includes("/") ? key.split("/", 2) : [null, key];
    if ((prefix !== null && (!DNS1123_SUBDOMAIN.test(prefix) || prefix.length > 253)) ||
        !LABEL_NAME.test(name) || name.length > 63) {
      out.push(`${where}: invalid label key "${key}"`);
    }
    if (typeof value !== "string" || !LABEL_VALUE.test(value) || value.length > 63) {
      out.push(`${where}: invalid value for label "${key}": ${JSON.stringify(value)}`);
    }
  }
}

function checkNames(object, out) {
  const meta = object.metadata || {};
  const name = meta.name || "";
  const pattern = object.kind === "Service" ? DNS1035_LABEL : DNS1123_SUBDOMAIN;
  const limit = object.kind === "Service" ? 63 : 253;
  if (!pattern.test(name) || name.length > limit) {
    out.push(`.metadata.name: "${name}" is not a valid ${object.kind} name`);
  }
  if (meta.namespace !== undefined &&
      (!DNS1123_LABEL.test(meta.namespace) || meta.namespace.length > 63)) {
    out.push(`.metadata.namespace: "${meta.namespace}" is not a valid namespace`);
  }
  checkLabels(meta.labels, ".metadata.labels", out);
  const walk = (node, where) => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, `${where}[${i}]`));
      return;
    }
    if (node === null || typeof node !== "object") return;
    for (const field of ["containers", "initContainers"]) {
      for (const [i, c] of (Array.isArray(node[field]) ? node[field] : []).entries()) {
        const here = `${where}.${field}[${i}]`;
        if (typeof c.name !== "string" || !DNS1123_LABEL.test(c.name) || c.name.length > 63) {
          out.push(`${here}.name: "${c.name}" is not a valid container name`);
        }
        for (const [j, p] of (c.ports || []).entries()) {
          if (p.name !== undefined && (!IANA_SVC_NAME.test(p.name) || p.name.length > 15 ||
                                       !/[a-z]/.test(p.name) || p.name.includes("--"))) {
            out.push(`${here}.ports[${j}].name: "${p.name}" is not a valid port name`);
          }
        }
      }
    }
    if (node.metadata && node.metadata.labels && where !== "") {
      checkLabels(node.metadata.labels, `${where}.metadata.labels`, out);
    }
    for (const [key, value] of Object.entries(node)) {
      if (key !== "metadata") walk(value, `${where}.${key}`);
    }
  };
  walk(object, "");
}

let problems = 0;
let checked = 0;
for (const file of files) {
  const objects = JSON.parse(fs.readFileSync(file, "utf8"));
  if (!Array.isArray(objects)) {
    console.log(`${file}: not a JSON array of objects`);
    problems++;
    continue;
  }
  for (const object of objects) {
    const id = `${file} ${object.kind}/${(object.metadata || {}).name}`;
    const out = [];
    const model = typeof object.apiVersion === "string" && typeof object.kind === "string"
      ? modelFor(object.apiVersion, object.kind) : null;
    if (model === null) {
      out.push(`apiVersion ${object.apiVersion} kind ${object.kind} is not a built-in type`);
    } else {
      const reads = new Map();
      try {
        model.prototype.validate.call(tracked(withoutBase64Newlines(object), reads));
      } catch (e) {
        out.push(`schema: ${e.message}`);
      }
      // The validators are compiled with allErrors: a failing object is still read whole.
      unknownFields(withoutBase64Newlines(object), reads, "", out);
      checkNames(object, out);
    }
    for (const line of out) console.log(`${id}: ${line}`);
    problems += out.length;
    checked++;
  }
}
if (problems > 0) {
  console.log(
      `${problems} problem(s) in ${checked} object(s) (kubernetes-models ${modelsVersion})`);
  process.exit(1);
}
console.log(`${checked} object(s) valid against the Kubernetes API schema ` +
            `(kubernetes-models ${modelsVersion})`);
