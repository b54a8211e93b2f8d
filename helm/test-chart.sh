#!/usr/bin/env bash
# Tests the Helm chart helm/steward with real tools, offline but for first-time installs:
#   1. helm lint of the default and the production-like values (helm built from Go modules by
#      testing/helm/build.sh, or $HELM);
#   2. values.schema.json refuses bad values (several replicas without ha, ha without PostgreSQL, ...);
#   3. helm template of the default, production-like and cluster-wide values, validated offline against the
#      Kubernetes 1.35 schemas in strict mode by kubernetes-validate (PyPI, into .cache/helm-venv), and the
#      chart's alert rules by promtool (Debian's prometheus package);
#   4. helm install, upgrade and uninstall of the production-like values against a real kube-apiserver
#      (testing/kube-apiserver, or $STEWARD_KUBE_APISERVER_BIN; objects are created, no pods run), and
#      SubjectAccessReviews for the chart's service account: allowed where Steward needs it, refused for
#      secrets, other kinds, other namespaces and cluster scope; after uninstall, refused everywhere.
# A missing tool skips its part with a message, and fails the run with CI=true.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CHART="$ROOT/helm/steward"
PROD="$CHART/ci/production-values.yaml"
K8S_VERSION=1.35
RELEASE=steward
NAMESPACE=steward

WORK=$(mktemp -d "${TMPDIR:-/tmp}/steward-chart-test.XXXXXX")
APISERVER_PID=""
cleanup() {
  if [ -n "$APISERVER_PID" ]; then
    kill "$APISERVER_PID" 2>/dev/null || true
    wait "$APISERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# jq, openssl and curl from Debian when missing (a fresh machine)
for tool in jq:jq openssl:openssl curl:curl; do
  if ! command -v "${tool%%:*}" > /dev/null; then
    sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get install -y -qq "${tool##*:}" > /dev/null 2>&1 \
      || { $sudo_cmd apt-get update -qq && $sudo_cmd apt-get install -y -qq "${tool##*:}" > /dev/null; }
  fi
done

failures=0
pass() { echo "  ok: $*"; }
fail() { echo "  FAILED: $*" >&2; failures=$((failures + 1)); }
missing() { # tool, what it is needed for
  if [ "${CI:-}" = true ]; then
    echo "test-chart: $1 is missing, needed for $2 (CI=true: failing rather than skipping)." >&2
    exit 1
  fi
  echo "test-chart: $1 is missing; skipping $2."
}

# helm keeps its repositories, plugins and cache out of $HOME
export HELM_CONFIG_HOME="$WORK/helm/config" HELM_CACHE_HOME="$WORK/helm/cache" HELM_DATA_HOME="$WORK/helm/data"
HELM=${HELM:-$("$ROOT/testing/helm/build.sh" | tail -n1)}
[ -x "$HELM" ] || { echo "test-chart: no helm at '$HELM'." >&2; exit 1; }
echo "test-chart: $("$HELM" version --short) from $HELM"

echo "== helm lint"
for values in "" "$PROD"; do
  if "$HELM" lint --strict "$CHART" ${values:+-f "$values"} > "$WORK/lint.out" 2>&1; then
    pass "helm lint --strict ${values:+-f ${values#"$ROOT"/}}"
  else
    cat "$WORK/lint.out" >&2; fail "helm lint ${values:+-f $values}"
  fi
done

echo "== values.schema.json refuses bad values"
refused() { # reason, helm template arguments...
  local reason=$1; shift
  if "$HELM" template "$RELEASE" "$CHART" "$@" > /dev/null 2> "$WORK/refused.err"; then
    fail "values accepted although $reason: $*"
  elif grep -q "values don't meet the specifications of the schema" "$WORK/refused.err"; then
    pass "refused: $reason"
  else
    cat "$WORK/refused.err" >&2; fail "values failed for another reason than the schema ($reason)"
  fi
}
refused "several replicas need ha.enabled" --set replicaCount=3
refused "replicaCount is at least 1" --set replicaCount=0
refused "ha needs PostgreSQL, a Git remote and a signing key" --set ha.enabled=true --set replicaCount=2
refused "an environment's target is dry-run, gitops or cluster" --set 'environments[0].target=kubernetes'
refused "unknown top-level values are mistakes" --set replicas=3
refused "the image pull policy is one of Kubernetes' three" --set image.pullPolicy=Sometimes
refused "an OIDC client secret needs oidc.issuerUri" --set oidc.existingSecret=steward-oidc
refused "OIDC sign-in asks for the openid scope" --set oidc.issuerUri=https://login.example.com --set 'oidc.scopes={profile}'

echo "== helm template, validated against the Kubernetes $K8S_VERSION schemas"
"$HELM" template "$RELEASE" "$CHART" --namespace "$NAMESPACE" > "$WORK/default.yaml"
"$HELM" template "$RELEASE" "$CHART" --namespace "$NAMESPACE" -f "$PROD" > "$WORK/production.yaml"
"$HELM" template "$RELEASE" "$CHART" --namespace "$NAMESPACE" -f "$PROD" --set rbac.clusterWide=true \
  > "$WORK/cluster-wide.yaml"
validator="$ROOT/.cache/helm-venv/bin/kubernetes-validate"
if [ ! -x "$validator" ]; then
  python3 -m venv "$ROOT/.cache/helm-venv"
  "$ROOT/.cache/helm-venv/bin/pip" install -q --disable-pip-version-check 'kubernetes-validate>=1.35,<2'
fi
validate() { "$validator" --strict --no-warn --quiet -k "$K8S_VERSION" "$@"; }
# the validator must catch a broken manifest before its passes mean anything
cat > "$WORK/broken.yaml" <<'YAML'
apiVersion: apps/v1
kind: Deployment
metadata: {name: broken}
spec:
  replicas: three
  selector: {matchLabels: {app: broken}}
  template:
    metadata: {labels: {app: broken}}
    spec:
      containers: [{name: app, image: app, imagePullPolicy: Always, unknownField: 1}]
YAML
if validate "$WORK/broken.yaml" > /dev/null 2>&1; then
  fail "kubernetes-validate passed a Deployment with replicas: three and an unknown field"
else
  pass "kubernetes-validate refuses a broken Deployment"
fi
for rendering in default production cluster-wide; do
  kinds=$(grep -c '^kind:' "$WORK/$rendering.yaml")
  if validate "$WORK/$rendering.yaml" > "$WORK/validate.out" 2>&1; then
    pass "$rendering values: $kinds objects valid (ServiceMonitor and PrometheusRule are CRDs and have no schema here)"
  else
    cat "$WORK/validate.out" >&2; fail "$rendering values do not validate"
  fi
done
for kind in Deployment Service ServiceAccount ConfigMap NetworkPolicy PodDisruptionBudget Role RoleBinding \
    ServiceMonitor PrometheusRule Pod; do
  grep -q "^kind: $kind\$" "$WORK/production.yaml" || fail "the production-like rendering has no $kind"
done
grep -q '^kind: ClusterRole$' "$WORK/production.yaml" && fail "the production-like rendering grants a ClusterRole"
grep -q '^kind: ClusterRole$' "$WORK/cluster-wide.yaml" || fail "rbac.clusterWide=true renders no ClusterRole"
grep -q 'readOnlyRootFilesystem: true' "$WORK/production.yaml" || fail "the container's root filesystem is writable"
# the oidc values reach Spring Security's own properties (env names by relaxed binding), credentials from the Secret
"$HELM" template "$RELEASE" "$CHART" --namespace "$NAMESPACE" --set oidc.issuerUri=https://login.example.com/ml \
  > "$WORK/api-only.yaml"
if "$ROOT/.cache/helm-venv/bin/python" - "$WORK" > "$WORK/oidc.out" 2>&1 <<'PY'
import sys, yaml
def env(rendering):
    with open(f"{sys.argv[1]}/{rendering}.yaml") as f:
        deployment = next(d for d in yaml.safe_load_all(f) if d and d["kind"] == "Deployment")
    return {e["name"]: e.get("value", e.get("valueFrom")) for e in deployment["spec"]["template"]["spec"]["containers"][0]["env"]}
def secret(key):
    return {"secretKeyRef": {"name": "steward-oidc", "key": key}}
prefix = "SPRING_SECURITY_OAUTH2_"
client = prefix + "CLIENT_REGISTRATION_SSO_"
expected = {
    prefix + "RESOURCESERVER_JWT_ISSUERURI": "https://login.example.com/realms/ml",
    prefix + "RESOURCESERVER_JWT_AUDIENCES": "steward",
    prefix + "CLIENT_PROVIDER_SSO_ISSUERURI": "https://login.example.com/realms/ml",
    client + "CLIENTID": secret("client-id"),
    client + "CLIENTSECRET": secret("client-secret"),
    client + "CLIENTNAME": "Company SSO",
    client + "SCOPE": "openid,profile",
    client + "AUTHORIZATIONGRANTTYPE": "authorization_code",
    client + "REDIRECTURI": "{baseUrl}/login/oauth2/code/{registrationId}",
}
production = env("production")
wrong = {k: (production.get(k), v) for k, v in expected.items() if production.get(k) != v}
assert not wrong, f"production-like rendering, (rendered, expected): {wrong}"
assert not [k for k in production if k.startswith("STEWARD_OIDC_")], "STEWARD_OIDC_* are not Steward's settings"
oauth = lambda e: sorted(k for k in e if k.startswith(prefix))
assert oauth(env("default")) == [], f"default values configure OIDC: {oauth(env('default'))}"
assert oauth(env("api-only")) == [prefix + "RESOURCESERVER_JWT_ISSUERURI"], f"issuerUri alone: {oauth(env('api-only'))}"
PY
then
  pass "oidc values: the issuer, audiences and the sign-in client (id and secret from the Secret) reach spring.security.oauth2.*"
else
  cat "$WORK/oidc.out" >&2; fail "oidc values do not render into Spring Security's properties"
fi
grep -q 'runAsNonRoot: true' "$WORK/production.yaml" || fail "the pod may run as root"

if command -v promtool > /dev/null; then
  if promtool check rules "$CHART/files/prometheus-rules.yaml" > "$WORK/promtool.out" 2>&1; then
    pass "promtool: $(grep -o 'SUCCESS: [0-9]* rules found' "$WORK/promtool.out")"
  else
    cat "$WORK/promtool.out" >&2; fail "promtool check rules"
  fi
else
  missing promtool "checking the chart's alert rules"
fi

echo "== helm install, upgrade, uninstall against kube-apiserver"
apiserver=${STEWARD_KUBE_APISERVER_BIN:-$ROOT/testing/kube-apiserver/bin/steward-kube-apiserver}
if [ ! -x "$apiserver" ]; then
  missing "kube-apiserver ($apiserver; build it with testing/kube-apiserver/build.sh)" "install, upgrade, uninstall and RBAC"
  [ "$failures" -eq 0 ] || { echo "test-chart: $failures failure(s)." >&2; exit 1; }
  exit 0
fi

# a CA, a serving certificate for 127.0.0.1, a service-account signing key and an admin token
pki="$WORK/pki"; mkdir -p "$pki"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=steward-chart-test-ca \
  -keyout "$pki/ca.key" -out "$pki/ca.crt" 2> /dev/null
openssl req -newkey rsa:2048 -nodes -subj /CN=kube-apiserver -keyout "$pki/server.key" -out "$pki/server.csr" 2> /dev/null
printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' > "$pki/server.ext"
openssl x509 -req -days 1 -in "$pki/server.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" -CAcreateserial \
  -extfile "$pki/server.ext" -out "$pki/server.crt" 2> /dev/null
openssl genrsa -out "$pki/sa.key" 2048 2> /dev/null
openssl rsa -in "$pki/sa.key" -pubout -out "$pki/sa.pub" 2> /dev/null
token=$(openssl rand -hex 24)
printf '%s,chart-test-admin,uid-admin,"system:masters"\n' "$token" > "$pki/tokens.csv"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url="https://127.0.0.1:$port"

# --exit-on-stdin-eof and a pipe this script holds open: the server dies with the script, however it ends
mkfifo "$WORK/apiserver.stdin"
"$apiserver" --etcd-data-dir="$WORK/etcd" --exit-on-stdin-eof \
  --bind-address=127.0.0.1 --advertise-address=127.0.0.1 --secure-port="$port" --cert-dir="$WORK/certs" \
  --tls-cert-file="$pki/server.crt" --tls-private-key-file="$pki/server.key" --client-ca-file="$pki/ca.crt" \
  --token-auth-file="$pki/tokens.csv" --authorization-mode=RBAC \
  --service-account-issuer=https://kubernetes.default.svc.cluster.local \
  --service-account-key-file="$pki/sa.pub" --service-account-signing-key-file="$pki/sa.key" \
  --service-cluster-ip-range=10.0.0.0/24 --disable-admission-plugins=ServiceAccount \
  --enable-priority-and-fairness=false --v=1 < "$WORK/apiserver.stdin" > "$WORK/apiserver.log" 2>&1 &
APISERVER_PID=$!
exec 9> "$WORK/apiserver.stdin"

kapi() { # method path [json body]: prints the body, fails on HTTP >= 400
  curl -sS --fail-with-body --cacert "$pki/ca.crt" -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' -X "$1" "$url$2" ${3:+--data "$3"}
}
started=$(date +%s)
until curl -sf --cacert "$pki/ca.crt" -H "Authorization: Bearer $token" "$url/readyz" > /dev/null 2>&1; do
  if ! kill -0 "$APISERVER_PID" 2> /dev/null || [ $(( $(date +%s) - started )) -gt 120 ]; then
    tail -n 40 "$WORK/apiserver.log" >&2
    echo "test-chart: kube-apiserver did not become ready." >&2
    exit 1
  fi
  sleep 0.5
done
echo "  kube-apiserver $url ready after $(( $(date +%s) - started ))s"

cat > "$WORK/kubeconfig" <<YAML
apiVersion: v1
kind: Config
clusters: [{name: test, cluster: {server: "$url", certificate-authority: "$pki/ca.crt"}}]
users: [{name: admin, user: {token: "$token"}}]
contexts: [{name: test, context: {cluster: test, user: admin}}]
current-context: test
YAML
chmod 600 "$WORK/kubeconfig"
export KUBECONFIG="$WORK/kubeconfig"

# the release's namespace, the environments' and retraining's namespaces, and one Steward has nothing to do with
for ns in "$NAMESPACE" ml-dev ml-staging ml-prod ml-training ml-other; do
  kapi POST /api/v1/namespaces "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"$ns\"}}" > /dev/null
done
# stand-ins for the Prometheus Operator's CRDs (any spec is accepted: their schemas are not available offline), so
# the production-like values install with monitoring on
for crd in servicemonitors:ServiceMonitor prometheusrules:PrometheusRule; do
  plural=${crd%%:*} kind=${crd##*:}
  kapi POST /apis/apiextensions.k8s.io/v1/customresourcedefinitions "$(cat <<JSON
{"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition",
 "metadata":{"name":"$plural.monitoring.coreos.com"},
 "spec":{"group":"monitoring.coreos.com","scope":"Namespaced",
  "names":{"plural":"$plural","singular":"${plural%s}","kind":"$kind"},
  "versions":[{"name":"v1","served":true,"storage":true,
   "schema":{"openAPIV3Schema":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}]}}
JSON
)" > /dev/null
done
for crd in servicemonitors prometheusrules; do
  for _ in $(seq 60); do
    kapi GET "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/$crd.monitoring.coreos.com" \
      | jq -e '.status.conditions // [] | any(.type == "Established" and .status == "True")' > /dev/null && break
    sleep 0.5
  done
done
# the discovery cache must see the new kinds
sleep 1

exists() { kapi GET "$1" > /dev/null 2>&1; }
expect_object() { if exists "$1"; then pass "exists: $1"; else fail "missing: $1"; fi; }
expect_gone() { if exists "$1"; then fail "still there: $1"; else pass "gone: $1"; fi; }

sa_user="system:serviceaccount:$NAMESPACE:$RELEASE"
can() { # namespace ('' = cluster scope) verb group resource: prints true or false for the chart's service account
  local attrs
  attrs=$(jq -nc --arg ns "$1" --arg verb "$2" --arg group "$3" --arg resource "$4" \
    '{verb: $verb, group: $group, resource: $resource} + (if $ns == "" then {} else {namespace: $ns} end)')
  kapi POST /apis/authorization.k8s.io/v1/subjectaccessreviews "$(jq -nc --arg user "$sa_user" \
      --arg ns "$NAMESPACE" --argjson attrs "$attrs" \
      '{apiVersion: "authorization.k8s.io/v1", kind: "SubjectAccessReview", spec: {user: $user,
        groups: ["system:serviceaccounts", ("system:serviceaccounts:" + $ns), "system:authenticated"],
        resourceAttributes: $attrs}}')" | jq -r '.status.allowed'
}
allowed() { if [ "$(can "$@")" = true ]; then pass "allowed: $*"; else fail "refused although needed: $*"; fi; }
refused_access() { if [ "$(can "$@")" = true ]; then fail "allowed although not needed: $*"; else pass "refused: $*"; fi; }

common=(--namespace "$NAMESPACE" -f "$PROD")
if "$HELM" install "$RELEASE" "$CHART" "${common[@]}" > "$WORK/install.out" 2>&1; then
  pass "helm install (production-like values)"
else
  cat "$WORK/install.out" >&2; fail "helm install"; exit 1
fi
ns_api="/api/v1/namespaces/$NAMESPACE"
expect_object "/apis/apps/v1/namespaces/$NAMESPACE/deployments/$RELEASE"
expect_object "$ns_api/services/$RELEASE"
expect_object "$ns_api/serviceaccounts/$RELEASE"
expect_object "$ns_api/configmaps/$RELEASE"
expect_object "/apis/networking.k8s.io/v1/namespaces/$NAMESPACE/networkpolicies/$RELEASE"
expect_object "/apis/policy/v1/namespaces/$NAMESPACE/poddisruptionbudgets/$RELEASE"
expect_object "/apis/monitoring.coreos.com/v1/namespaces/$NAMESPACE/servicemonitors/$RELEASE"
expect_object "/apis/monitoring.coreos.com/v1/namespaces/$NAMESPACE/prometheusrules/$RELEASE"
for ns in ml-staging ml-prod ml-training; do
  expect_object "/apis/rbac.authorization.k8s.io/v1/namespaces/$ns/roles/$RELEASE"
  expect_object "/apis/rbac.authorization.k8s.io/v1/namespaces/$ns/rolebindings/$RELEASE"
done
expect_gone "/apis/rbac.authorization.k8s.io/v1/namespaces/ml-dev/roles/$RELEASE"
[ "$(kapi GET "/apis/apps/v1/namespaces/$NAMESPACE/deployments/$RELEASE" | jq -r .spec.replicas)" = 3 ] \
  || fail "the Deployment does not have the 3 replicas the values ask for"

echo "  RBAC of $sa_user"
for ns in ml-staging ml-prod; do
  for verb in get list watch create update patch delete; do allowed "$ns" "$verb" serving.kserve.io inferenceservices; done
  allowed "$ns" create "" events
  allowed "$ns" create events.k8s.io events
done
for verb in get list watch create delete; do allowed ml-training "$verb" batch jobs; done
allowed ml-training create "" events
for ns in "$NAMESPACE" ml-prod ml-training ml-other kube-system; do
  refused_access "$ns" get "" secrets
  refused_access "$ns" list "" secrets
done
refused_access ml-prod create batch jobs                     # retraining runs in ml-training only
refused_access ml-training create serving.kserve.io inferenceservices
refused_access ml-dev create serving.kserve.io inferenceservices  # a dry-run environment
refused_access ml-other create serving.kserve.io inferenceservices
refused_access ml-prod create apps deployments
refused_access ml-prod create "" pods
refused_access ml-prod update rbac.authorization.k8s.io roles
refused_access ml-prod get "" configmaps
refused_access "$NAMESPACE" create coordination.k8s.io leases  # leader election is PostgreSQL's
refused_access "" list serving.kserve.io inferenceservices     # cluster scope
refused_access "" list "" namespaces
refused_access "" get "" nodes
refused_access "" create rbac.authorization.k8s.io clusterrolebindings
refused_access "" create apiextensions.k8s.io customresourcedefinitions

# upgrade: one more namespace to deploy to, one more replica
if "$HELM" upgrade "$RELEASE" "$CHART" "${common[@]}" --set replicaCount=4 --set 'rbac.extraNamespaces={ml-other}' \
    > "$WORK/upgrade.out" 2>&1; then
  pass "helm upgrade (a fourth replica, ml-other added)"
else
  cat "$WORK/upgrade.out" >&2; fail "helm upgrade"
fi
[ "$(kapi GET "/apis/apps/v1/namespaces/$NAMESPACE/deployments/$RELEASE" | jq -r .spec.replicas)" = 4 ] \
  || fail "the upgrade did not set 4 replicas"
expect_object "/apis/rbac.authorization.k8s.io/v1/namespaces/ml-other/roles/$RELEASE"
allowed ml-other create serving.kserve.io inferenceservices
refused_access ml-other get "" secrets
[ "$("$HELM" history "$RELEASE" --namespace "$NAMESPACE" -o json | jq 'length')" = 2 ] \
  || fail "helm history does not show two revisions"
# a bad value is refused at upgrade too, and changes nothing
if "$HELM" upgrade "$RELEASE" "$CHART" "${common[@]}" --set ha.enabled=false > /dev/null 2>&1; then
  fail "an upgrade to three replicas without ha was accepted"
else
  pass "an upgrade to several replicas without ha is refused"
fi
[ "$("$HELM" history "$RELEASE" --namespace "$NAMESPACE" -o json | jq 'length')" = 2 ] \
  || fail "the refused upgrade left a revision"

if "$HELM" uninstall "$RELEASE" --namespace "$NAMESPACE" --wait --timeout 60s > "$WORK/uninstall.out" 2>&1; then
  pass "helm uninstall"
else
  cat "$WORK/uninstall.out" >&2; fail "helm uninstall"
fi
expect_gone "/apis/apps/v1/namespaces/$NAMESPACE/deployments/$RELEASE"
expect_gone "$ns_api/serviceaccounts/$RELEASE"
for ns in ml-staging ml-prod ml-training ml-other; do
  expect_gone "/apis/rbac.authorization.k8s.io/v1/namespaces/$ns/roles/$RELEASE"
done
refused_access ml-prod create serving.kserve.io inferenceservices
refused_access ml-training create batch jobs

if [ "$failures" -gt 0 ]; then
  echo "test-chart: $failures failure(s)." >&2
  exit 1
fi
echo "test-chart: all checks passed."
