#!/usr/bin/env bash
# End-to-end checks of DomainDesk on a real Kubernetes cluster (kind):
# scripts/kind-up.sh brings the local overlay up, then this script proves
#   api      the curl walk-through of docs/api.md through Traefik (HTTPS);
#   browser  the browser journeys (system-tests, BrowserJourneysIT) against it;
#   psa      Pod Security "restricted" is enforced on every namespace that
#            asks for it, every pod there runs, and a privileged pod is refused;
#   netpol   the NetworkPolicies: another namespace reaches neither MySQL
#            (3306) nor the back's management port (8081); the back reaches
#            MySQL, the front does not;
#   rolling  a rolling restart of the back under steady load fails no request,
#            and deleting every back pod at once does (the probe can see failures);
#   reload   a change of the back-config ConfigMap is picked up by
#            spring-cloud-kubernetes without restarting any pod.
# On failure it collects `kubectl describe` and logs of every failing object
# into target/kind-e2e/diagnostics (CI uploads that folder).
# Needs docker, kind, kubectl, curl, jq (and the JDK for "browser").
# Ends with "N passed, N failed"; exits non-zero if anything failed.
set -uo pipefail

ALL_CHECKS="api browser psa netpol rolling reload"
CLUSTER=domaindesk
NAMESPACE=domaindesk
PROBE_NAMESPACE=domaindesk-e2e-probe
OVERLAY_DEFAULT=k8s/overlays/local

usage() {
  cat <<'EOF'
Usage: scripts/kind-e2e.sh [options]

Brings DomainDesk up on the kind cluster "domaindesk" (scripts/kind-up.sh) and
runs the cluster checks: api browser psa netpol rolling reload.

Options:
  --only CHECK[,CHECK]  run only these checks (repeatable)
  --skip-build          reuse the images already loaded (SKIP_BUILD=1 for kind-up.sh)
  --skip-up             do not run kind-up.sh: test the cluster as it is
  --keep                keep the cluster afterwards (default: delete it if this run created it)
  --overlay DIR         the overlay whose namespaces the psa check reads (default k8s/overlays/local)
  --dry-run             print what would run, run nothing
  -h, --help            this help

Environment: IMAGE_TAG (image tag, passed to kind-up.sh), BASE_URL (default
https://domaindesk.localtest.me), ADMIN_EMAIL / ADMIN_PASSWORD (default: read
from the dbmigrate Secret), PROBE_IMAGE (default busybox:1.37), DIAGNOSTICS
(default target/kind-e2e/diagnostics).
EOF
}

# --- Pure functions (no cluster; exercised by tests/workflows) ---------------

# parse_args "$@": sets CHECKS, KEEP, SKIP_BUILD, SKIP_UP, DRY_RUN, OVERLAY.
# Returns 2 with a one-line reason on bad input, 3 after printing the help.
parse_args() {
  CHECKS="" KEEP=0 SKIP_BUILD=0 SKIP_UP=0 DRY_RUN=0 OVERLAY=$OVERLAY_DEFAULT
  local only=""
  while [ $# -gt 0 ]; do
    case $1 in
      --only)
        if [ $# -lt 2 ] || [ -z "$2" ]; then echo "kind-e2e: --only needs a check name (one of: $ALL_CHECKS)" >&2; return 2; fi
        only="$only ${2//,/ }"; shift 2 ;;
      --only=*) only="$only ${1#--only=}"; only=${only//,/ }; shift ;;
      --overlay)
        if [ $# -lt 2 ] || [ -z "$2" ]; then echo "kind-e2e: --overlay needs a directory" >&2; return 2; fi
        OVERLAY=$2; shift 2 ;;
      --keep) KEEP=1; shift ;;
      --skip-build) SKIP_BUILD=1; shift ;;
      --skip-up) SKIP_UP=1; shift ;;
      --dry-run) DRY_RUN=1; shift ;;
      -h|--help) usage; return 3 ;;
      *) echo "kind-e2e: unknown argument '$1' (see --help)" >&2; return 2 ;;
    esac
  done
  local check
  for check in $only; do
    case " $ALL_CHECKS " in
      *" $check "*) ;;
      *) echo "kind-e2e: unknown check '$check' (one of: $ALL_CHECKS)" >&2; return 2 ;;
    esac
  done
  # The order of ALL_CHECKS, whatever the order given: "rolling" restarts the
  # back, so it must not run in the middle of another check.
  for check in $ALL_CHECKS; do
    if [ -z "$only" ] || [[ " $only " == *" $check "* ]]; then CHECKS="$CHECKS $check"; fi
  done
  CHECKS=${CHECKS# }
}

# kind_up_command: how kind-up.sh is called, with the two variables it
# honours: SKIP_BUILD=1 only when asked (so that no inherited value can be
# mistaken for "skip"), IMAGE_TAG when set (default there: k8s/base's tag).
kind_up_command() {
  local command="env"
  if [ "$SKIP_BUILD" -eq 1 ]; then command+=" SKIP_BUILD=1"; else command+=" -u SKIP_BUILD"; fi
  if [ -n "${IMAGE_TAG:-}" ]; then command+=" IMAGE_TAG=$IMAGE_TAG"; fi
  echo "$command scripts/kind-up.sh"
}

# restricted_namespaces: reads rendered manifests (kubectl kustomize output) on
# stdin, prints the Namespaces that carry pod-security enforce=restricted.
restricted_namespaces() {
  awk '
    /^---/ { flush(); next }
    /^kind: Namespace$/ { ns = 1 }
    /^  name: / && !name { name = $2 }
    /pod-security\.kubernetes\.io\/enforce: *"?restricted"?$/ { restricted = 1 }
    function flush() { if (ns && restricted && name) print name; ns = 0; restricted = 0; name = "" }
    END { flush() }
  '
}

# count_failures FILE: the number of lines of FILE (one HTTP status per
# request, 000 for a connection error) that are not 2xx.
count_failures() { grep -cv '^2[0-9][0-9]$' "$1" || true; }

# --- Results -----------------------------------------------------------------

passed=0 failed=0
pass() { passed=$((passed + 1)); echo "PASS  $*"; }
fail() { failed=$((failed + 1)); echo "FAIL  $*"; }
# check "what" command...: runs the command quietly and records the result.
check() {
  local what=$1; shift
  if "$@" >/dev/null 2>&1; then pass "$what"; else fail "$what"; fi
}

# --- Cluster access ------------------------------------------------------------

k() { kubectl -n "$NAMESPACE" "$@"; }

admin_credentials() {
  if [ -z "${ADMIN_PASSWORD:-}" ]; then
    # The Secret "dbmigrate" (ADMIN_EMAIL, ADMIN_PASSWORD), which
    # scripts/kind-up.sh creates with a random password.
    local secret
    secret=$(k get secret dbmigrate -o json | jq -c '.data // {} | select(.ADMIN_PASSWORD != null)')
    [ -n "$secret" ] || { echo "kind-e2e: no Secret dbmigrate with ADMIN_PASSWORD in namespace $NAMESPACE" >&2; return 1; }
    ADMIN_EMAIL=${ADMIN_EMAIL:-$(jq -r .ADMIN_EMAIL <<<"$secret" | base64 -d)}
    ADMIN_PASSWORD=$(jq -r .ADMIN_PASSWORD <<<"$secret" | base64 -d)
  fi
  [ -n "${ADMIN_EMAIL:-}" ] && [ -n "$ADMIN_PASSWORD" ]
}

api_token() {
  curl -ks --max-time 10 "$BASE_URL/api/v1/auth/token" -H 'Content-Type: application/json' \
    -d "$(jq -n --arg e "$ADMIN_EMAIL" --arg p "$ADMIN_PASSWORD" '{email: $e, password: $p}')" | jq -r .accessToken
}

# back_pods [restarts]: the running back pods that are not being deleted
# (a finished rollout may still leave old ones terminating); with
# "restarts", as name=restartCount.
back_pods() {
  k get pods -l app.kubernetes.io/name=back -o json | jq -r --arg with "${1:-}" '[.items[]
    | select(.status.phase == "Running" and .metadata.deletionTimestamp == null)
    | .metadata.name + (if $with == "restarts" then "=\(.status.containerStatuses[0].restartCount)" else "" end)] | join(" ")'
}

# refused COMMAND...: COMMAND ran and failed to connect (exit 1), which is
# not the same as the probe itself failing to start (kubectl errors, 98/99).
refused() { local code=0; "$@" || code=$?; [ "$code" -eq 1 ]; }

# debug_probe POD COMMAND...: runs COMMAND in an ephemeral busybox container
# of POD (same network namespace, so POD's NetworkPolicies apply) and returns
# its exit code.
debug_probe() {
  local pod=$1; shift
  local name
  name="probe-$(date +%s)-$RANDOM"
  k debug "pod/$pod" --image="$PROBE_IMAGE" --profile=restricted --container="$name" -- "$@" >/dev/null || return 99
  local code=""
  for _ in $(seq 1 60); do
    code=$(k get pod "$pod" -o jsonpath="{.status.ephemeralContainerStatuses[?(@.name==\"$name\")].state.terminated.exitCode}")
    [ -n "$code" ] && break
    sleep 1
  done
  return "${code:-98}"
}

# load FILE STOP-FILE TOKEN: one authenticated GET per 0.1 s through
# Traefik, one HTTP status per line into FILE, until the stop file appears.
load() {
  local out=$1 stop=$2 token=$3
  : > "$out"
  while [ ! -e "$stop" ]; do
    curl -ks -o /dev/null -w '%{http_code}\n' --max-time 5 "$BASE_URL/api/v1/users/me" \
      -H "Authorization: Bearer $token" >> "$out"
    sleep 0.1
  done
}

# --- Checks --------------------------------------------------------------------

# http_status [curl arguments...]: the HTTP status code only (000: no answer).
http_status() { curl -ks -o /dev/null -w '%{http_code}' --max-time 10 "$@"; }

# created_ok RESPONSE: a 201 with a Location and the first ETag.
created_ok() {
  grep -q '^HTTP/[0-9.]* 201' <<<"$1" && grep -qi '^Location: /api/v1/domains/' <<<"$1" && grep -qi '^ETag: "0"' <<<"$1"
}

check_api() {
  echo "== api: docs/api.md walk-through through Traefik ($BASE_URL)"
  local api=$BASE_URL/api/v1 token me name created location
  check "the UI is served through Traefik" curl -kfs --max-time 10 "$BASE_URL/"
  check "the API refuses a request without a token (401)" test "$(http_status "$api/users/me")" = 401
  token=$(api_token)
  check "sign in as the administrator" test -n "$token" -a "$token" != null
  me=$(curl -ks "$api/users/me" -H "Authorization: Bearer $token" | jq .id)
  check "who am I" test "${me:-0}" -gt 0
  name="kind-e2e-$(date +%s)-$RANDOM.example.com"
  created=$(curl -ksi "$api/domains" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "{\"name\":\"$name\",\"registrar\":\"Gandi\",\"expiresAt\":\"$(date -u -d '+20 days' +%F)\",\"ownerId\":${me:-0}}")
  check "create a domain (201, Location, ETag)" created_ok "$created"
  location=$BASE_URL$(sed -n 's/^[Ll]ocation: *//p' <<<"$created" | tr -d '\r')
  check "read it back" test "$(curl -ks "$location" -H "Authorization: Bearer $token" | jq -r .name)" = "$name"
  local patch=(-X PATCH "$location" -H "Authorization: Bearer $token" -H 'If-Match: "0"' -H 'Content-Type: application/json')
  check "change it, guarded by its ETag (200)" test "$(http_status "${patch[@]}" -d '{"notes":"renew"}')" = 200
  check "a stale ETag is refused (412)" test "$(http_status "${patch[@]}" -d '{"notes":"again"}')" = 412
}

check_browser() {
  echo "== browser: BrowserJourneysIT against $BASE_URL"
  check "browser journeys (system-tests, BrowserJourneysIT)" env E2E_BASE_URL="$BASE_URL" \
    E2E_ADMIN_EMAIL="$ADMIN_EMAIL" E2E_ADMIN_PASSWORD="$ADMIN_PASSWORD" E2E_INSECURE_TLS=true \
    ./mvnw -B -q -pl system-tests -am verify -Dit.test=BrowserJourneysIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
}

# unready_workloads NAMESPACE: Deployments and StatefulSets of NAMESPACE
# without all their replicas ready (their pods were admitted and run).
unready_workloads() {
  kubectl -n "$1" get deployments,statefulsets -o json |
    jq -r '.items[] | select((.status.readyReplicas // 0) < .spec.replicas) | .kind + "/" + .metadata.name'
}

# psa_refusals NAMESPACE: how many times a controller could not create a pod
# because Pod Security refused it.
psa_refusals() {
  kubectl -n "$1" get events --field-selector reason=FailedCreate -o json |
    jq '[.items[] | select(.message | test("PodSecurity"))] | length'
}

# server_dry_run NAMESPACE PRIVILEGED: what the API server says to the probe pod.
server_dry_run() { probe_pod "$1" "$2" | kubectl apply --dry-run=server -f - 2>&1; }

check_psa() {
  echo "== psa: Pod Security restricted"
  local namespaces ns
  namespaces=$(kubectl kustomize "$OVERLAY" | restricted_namespaces)
  check "the overlay asks for enforce=restricted on at least one namespace" test -n "$namespaces"
  for ns in $namespaces; do
    check "namespace $ns enforces restricted" \
      test "$(kubectl get ns "$ns" -o jsonpath='{.metadata.labels.pod-security\.kubernetes\.io/enforce}')" = restricted
    check "namespace $ns: Pod Security refused no pod (no FailedCreate event)" test "$(psa_refusals "$ns")" = 0
    check "namespace $ns: every Deployment and StatefulSet has all its replicas ready" \
      test -n "$(kubectl -n "$ns" get deployments,statefulsets -o name)" -a -z "$(unready_workloads "$ns")"
    check "a pod meeting restricted is accepted in $ns (server dry run)" server_dry_run "$ns" false
    check "a privileged pod is refused in $ns (negative control)" grep -q 'violates PodSecurity' <<<"$(server_dry_run "$ns" true)"
  done
}

# probe_pod NAMESPACE PRIVILEGED: a busybox pod; restricted-compliant unless PRIVILEGED=true.
probe_pod() {
  local security='{"allowPrivilegeEscalation": false, "capabilities": {"drop": ["ALL"]}, "runAsNonRoot": true, "runAsUser": 65534, "seccompProfile": {"type": "RuntimeDefault"}}'
  [ "$2" = true ] && security='{"privileged": true}'
  cat <<EOF
{"apiVersion": "v1", "kind": "Pod",
 "metadata": {"name": "psa-probe", "namespace": "$1"},
 "spec": {"containers": [{"name": "probe", "image": "$PROBE_IMAGE", "command": ["sleep", "3600"],
   "securityContext": $security}]}}
EOF
}

check_netpol() {
  echo "== netpol: NetworkPolicy probes"
  local back front back_ip mysql=mysql.$NAMESPACE.svc.cluster.local
  back=$(back_pods | awk '{print $1}')
  front=$(k get pods -l app.kubernetes.io/name=front -o jsonpath='{.items[0].metadata.name}')
  back_ip=$(k get pod "$back" -o jsonpath='{.status.podIP}')
  # A pod in a namespace of its own, with no policy: what any other workload
  # of the cluster could do.
  kubectl create namespace "$PROBE_NAMESPACE" --dry-run=client -o yaml | kubectl apply -f - >/dev/null
  kubectl label --overwrite ns "$PROBE_NAMESPACE" pod-security.kubernetes.io/enforce=restricted >/dev/null
  probe_pod "$PROBE_NAMESPACE" false | sed 's/"psa-probe"/"netpol-probe"/' | kubectl apply -f - >/dev/null
  kubectl -n "$PROBE_NAMESPACE" wait --for=condition=Ready pod/netpol-probe --timeout=120s >/dev/null
  local probe=(kubectl -n "$PROBE_NAMESPACE" exec netpol-probe --)
  check "positive control: the probe pod reaches the cluster DNS (53/tcp)" \
    "${probe[@]}" nc -z -w 3 kube-dns.kube-system.svc.cluster.local 53
  check "another namespace cannot reach MySQL ($mysql:3306)" refused "${probe[@]}" nc -z -w 3 "$mysql" 3306
  check "another namespace cannot reach the back's management port ($back_ip:8081)" \
    refused "${probe[@]}" nc -z -w 3 "$back_ip" 8081
  check "the back pod reaches MySQL (3306)" debug_probe "$back" nc -z -w 3 "$mysql" 3306
  check "the front pod cannot reach MySQL (3306)" refused debug_probe "$front" nc -z -w 3 "$mysql" 3306
  kubectl delete namespace "$PROBE_NAMESPACE" --wait=false >/dev/null
}

check_rolling() {
  echo "== rolling: restart of the back under load"
  local token dir
  token=$(api_token)
  dir=$(mktemp -d)

  load "$dir/rolling" "$dir/stop-rolling" "$token" &
  sleep 5
  k rollout restart deployment/back >/dev/null
  k rollout status deployment/back --timeout=5m >/dev/null
  sleep 5
  touch "$dir/stop-rolling"; wait
  local total failures
  total=$(wc -l < "$dir/rolling"); failures=$(count_failures "$dir/rolling")
  echo "      rolling restart: $total requests, $failures failed"
  check "a rolling restart of the back under load fails no request ($failures of $total)" \
    test "$total" -ge 50 -a "$failures" -eq 0

  # Negative control: the same probe sees an outage when every back pod goes at once.
  load "$dir/outage" "$dir/stop-outage" "$token" &
  sleep 3
  k delete pods -l app.kubernetes.io/name=back --grace-period=0 --force >/dev/null 2>&1
  sleep 10
  touch "$dir/stop-outage"; wait
  total=$(wc -l < "$dir/outage"); failures=$(count_failures "$dir/outage")
  echo "      all back pods deleted at once: $total requests, $failures failed"
  check "negative control: deleting every back pod at once fails requests ($failures of $total)" \
    test "$total" -ge 20 -a "$failures" -gt 0
  k rollout status deployment/back --timeout=5m >/dev/null
  rm -rf "$dir"
}

# logged POD SINCE TEXT: whether POD logged TEXT since SINCE.
# The log is read whole before grep: `kubectl logs | grep -q` under pipefail fails
# when grep stops at the first match while kubectl is still writing (SIGPIPE).
logged() {
  local log
  log=$(k logs "$1" --since-time="$2" 2>/dev/null)
  grep -qF "$3" <<<"$log"
}

# requests_logged POD SINCE: whether POD logged a request to /api/v1/users/me
# (Spring MVC's DispatcherServlet does at DEBUG only).
requests_logged() { logged "$1" "$2" /api/v1/users/me; }

check_reload() {
  echo "== reload: back-config change without a restart"
  local pods pod before after t0 t1 token original seen=1
  token=$(api_token)
  pods=$(back_pods)
  before=$(back_pods restarts)
  original=$(k get configmap back-config -o json)

  # Negative control: at the committed levels a request leaves no trace.
  t0=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  for _ in $(seq 1 10); do http_status "$BASE_URL/api/v1/users/me" -H "Authorization: Bearer $token" >/dev/null; done
  sleep 2
  local quiet=0
  for pod in $pods; do requests_logged "$pod" "$t0" && quiet=1; done
  check "negative control: at INFO the back logs no request" test "$quiet" -eq 0

  # Spring MVC at DEBUG logs every request: set it in the ConfigMap only.
  t1=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  jq '.data["application.yaml"] |= sub("\n  level:\n"; "\n  level:\n    org.springframework.web: DEBUG\n")' <<<"$original" |
    k apply -f - >/dev/null
  for _ in $(seq 1 45); do
    http_status "$BASE_URL/api/v1/users/me" -H "Authorization: Bearer $token" >/dev/null
    seen=0
    for pod in $pods; do requests_logged "$pod" "$t1" || seen=1; done
    [ "$seen" -eq 0 ] && break
    sleep 2
  done
  check "every back pod applies the new level from the ConfigMap (DEBUG request logs)" test "$seen" -eq 0
  check "spring-cloud-kubernetes logged the reload" logged "${pods%% *}" "$t1" "Reloading using strategy"

  # With the loggers endpoint exposed on the management port, read the level itself.
  pod=${pods%% *}
  local port_file pf port
  port_file=$(mktemp)
  k port-forward "pod/$pod" :8081 > "$port_file" 2>&1 &
  pf=$!
  for _ in $(seq 1 20); do grep -q 'Forwarding from 127.0.0.1' "$port_file" && break; sleep 0.5; done
  port=$(sed -n 's/^Forwarding from 127.0.0.1:\([0-9]*\).*/\1/p' "$port_file" | head -1)
  if [ -n "$port" ] && curl -fs "http://127.0.0.1:$port/actuator/loggers/org.springframework.web" >/dev/null 2>&1; then
    check "/actuator/loggers/org.springframework.web shows DEBUG" \
      test "$(curl -fs "http://127.0.0.1:$port/actuator/loggers/org.springframework.web" | jq -r .configuredLevel)" = DEBUG
  else
    echo "      (/actuator/loggers is not exposed on 8081: the request logs above are the evidence)"
  fi
  kill "$pf" 2>/dev/null; rm -f "$port_file"

  after=$(back_pods restarts)
  check "no back pod was restarted or replaced ($before)" test "$before" = "$after"
  # Back to the committed ConfigMap.
  jq 'del(.metadata.resourceVersion, .metadata.uid, .metadata.creationTimestamp, .metadata.managedFields)' <<<"$original" |
    k apply -f - >/dev/null
}

# --- Diagnostics ---------------------------------------------------------------

collect_diagnostics() {
  local dir=$DIAGNOSTICS
  mkdir -p "$dir"
  echo "kind-e2e: collecting diagnostics into $dir"
  kubectl get all,ingress,networkpolicy,pvc,jobs -A -o wide > "$dir/objects.txt" 2>&1
  kubectl get events -A --sort-by=.lastTimestamp > "$dir/events.txt" 2>&1
  local ns kind name
  # Pods that are not Running and Ready, Deployments/StatefulSets not fully
  # available, Jobs without success: describe them and keep their logs.
  kubectl get pods -A --no-headers | awk '{split($3, r, "/"); if ($4 != "Completed" && ($4 != "Running" || r[1] != r[2])) print $1, "pod", $2}' > "$dir/failing.txt"
  kubectl get deployments,statefulsets -A --no-headers | awk '{split($3, r, "/"); if (r[1] != r[2]) print $1, "deploy-or-sts", $2}' >> "$dir/failing.txt"
  kubectl get jobs -A --no-headers | awk '$3 != "Complete" {print $1, "job", $2}' >> "$dir/failing.txt"
  while read -r ns kind name; do
    [ -n "$name" ] || continue
    case $kind in deploy-or-sts) kind=${name%%/*}; name=${name#*/} ;; esac
    kubectl -n "$ns" describe "$kind" "$name" > "$dir/$ns.$kind.${name//\//_}.describe.txt" 2>&1
    [ "$kind" = pod ] || continue
    kubectl -n "$ns" logs "$name" --all-containers --prefix > "$dir/$ns.$name.log" 2>&1
    kubectl -n "$ns" logs "$name" --all-containers --prefix --previous > "$dir/$ns.$name.previous.log" 2>/dev/null || true
  done < "$dir/failing.txt"
  # The application's own pods, failing or not: their logs explain most failures.
  for name in $(k get pods -o jsonpath='{.items[*].metadata.name}'); do
    k logs "$name" --all-containers --prefix > "$dir/$NAMESPACE.$name.log" 2>&1
  done
}

# --- Main ----------------------------------------------------------------------

main() {
  parse_args "$@"
  case $? in 0) ;; 3) return 0 ;; *) return 2 ;; esac
  cd "$(dirname "${BASH_SOURCE[0]}")/.." || return 1
  BASE_URL=${BASE_URL:-https://domaindesk.localtest.me}
  PROBE_IMAGE=${PROBE_IMAGE:-busybox:1.37}
  DIAGNOSTICS=${DIAGNOSTICS:-target/kind-e2e/diagnostics}
  [ -d "$OVERLAY" ] || { echo "kind-e2e: overlay $OVERLAY does not exist" >&2; return 2; }

  if [ "$DRY_RUN" -eq 1 ]; then
    [ "$SKIP_UP" -eq 1 ] || echo "would run: $(kind_up_command)"
    echo "would run checks: $CHECKS (overlay $OVERLAY, $BASE_URL)"
    [ "$KEEP" -eq 1 ] && echo "would keep the cluster" || echo "would delete the cluster if this run created it"
    return 0
  fi

  local tool
  for tool in docker kind kubectl curl jq; do
    command -v "$tool" >/dev/null || { echo "kind-e2e: $tool is required" >&2; return 1; }
  done

  local created=0
  grep -qx "$CLUSTER" <<<"$(kind get clusters 2>/dev/null)" || created=1
  if [ "$SKIP_UP" -eq 0 ]; then
    local up
    read -ra up <<<"$(kind_up_command)"
    if ! "${up[@]}"; then
      fail "scripts/kind-up.sh brings the local overlay up"
      collect_diagnostics
      echo "$passed passed, $failed failed"
      return 1
    fi
    pass "scripts/kind-up.sh brings the local overlay up"
  fi
  kubectl config use-context "kind-$CLUSTER" >/dev/null

  check "the administrator's credentials are readable from the dbmigrate Secret" admin_credentials
  local c
  for c in $CHECKS; do "check_$c"; done

  [ "$failed" -eq 0 ] || collect_diagnostics
  if [ "$KEEP" -eq 0 ] && [ "$created" -eq 1 ]; then
    kind delete cluster --name "$CLUSTER"
  fi
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}

# Sourced (by the tests), it only defines the functions.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  main "$@"
fi
