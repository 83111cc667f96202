#!/usr/bin/env bash
# Three real Docker registries (Debian's docker-registry, distribution v2.8) on 127.0.0.1 for test/registry:
#   open   — no auth                               GOFILE_TEST_REGISTRY=127.0.0.1:PORT
#   basic  — htpasswd (bcrypt) basic auth          GOFILE_TEST_REGISTRY_BASIC, _USER, _PASSWORD
#   token  — `auth: token`: the registry sends clients to a token endpoint that the TEST starts in-process
#            on GOFILE_TEST_TOKEN_PORT; it signs ES256 JWTs with GOFILE_TEST_TOKEN_KEY (PEM private key)
#            and puts GOFILE_TEST_TOKEN_CERT (the self-signed certificate the registry trusts as
#            `rootcertbundle`) in the JWT's x5c header. Issuer gofile-test-issuer, service gofile-test.
# Usage: bash registry.sh start|stop. start prints KEY=VALUE lines (nothing else) on stdout.
# Each start is independent (several runs may share a machine): everything lives in a fresh temp folder,
# printed as GOFILE_TEST_REGISTRY_STATE and also recorded in a pointer named after the calling process
# (.ci/run's shell is the parent of both start and stop). stop takes GOFILE_TEST_REGISTRY_STATE from the
# environment, else that pointer, and kills only the docker-registry processes recorded in that folder.
set -euo pipefail

POINTER="${TMPDIR:-/tmp}/gofile-ci-registry.$PPID"
ISSUER=gofile-test-issuer
SERVICE=gofile-test

log() { echo "registry.sh: $*" >&2; }

# N distinct free ports on 127.0.0.1 (all held open together, so two calls cannot return the same one).
free_ports() {
  node -e '
    const net = require("net");
    const n = Number(process.argv[1]);
    const servers = Array.from({ length: n }, () => net.createServer());
    Promise.all(servers.map((s) => new Promise((r) => s.listen(0, "127.0.0.1", () => r(s.address().port)))))
      .then((ports) => { console.log(ports.join(" ")); servers.forEach((s) => s.close()); });' "$1"
}

# Waits until http://127.0.0.1:$1/v2/ answers (200 or 401), for at most 20 s.
wait_up() {
  node -e '
    const url = `http://127.0.0.1:${process.argv[1]}/v2/`;
    const until = Date.now() + 20000;
    (async () => {
      for (;;) {
        try { const r = await fetch(url); if (r.status === 200 || r.status === 401) process.exit(0); } catch {}
        if (Date.now() > until) process.exit(1);
        await new Promise((r) => setTimeout(r, 200));
      }
    })();' "$1"
}

install() {
  if command -v docker-registry >/dev/null && command -v htpasswd >/dev/null && command -v openssl >/dev/null; then return; fi
  log "installing docker-registry, apache2-utils, openssl"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq docker-registry apache2-utils openssl >&2
}

# The package starts a system-wide registry on :5000 (all interfaces) where an init system lets it: not ours.
stop_system_instance() {
  if command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
    systemctl stop docker-registry.service >/dev/null 2>&1 || true
    systemctl disable docker-registry.service >/dev/null 2>&1 || true
  fi
  if [ -x /etc/init.d/docker-registry ]; then
    /etc/init.d/docker-registry stop >/dev/null 2>&1 || true
    update-rc.d docker-registry disable >/dev/null 2>&1 || true
  fi
}

# write_config NAME PORT AUTH_YAML
write_config() {
  local name=$1 port=$2 auth=$3
  mkdir -p "$STATE/$name/storage"
  cat > "$STATE/$name/config.yml" <<EOF
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $STATE/$name/storage
  delete:
    enabled: true
  maintenance:
    uploadpurging:
      enabled: false
http:
  addr: 127.0.0.1:$port
  secret: $(openssl rand -hex 16)
$auth
EOF
}

launch() {
  local name=$1 port=$2
  docker-registry serve "$STATE/$name/config.yml" > "$STATE/$name/log" 2>&1 &
  echo $! > "$STATE/$name/pid"
  if ! wait_up "$port"; then
    log "$name registry did not come up on 127.0.0.1:$port; its log:"
    tail -20 "$STATE/$name/log" >&2
    return 1
  fi
}

start() {
  install
  stop_system_instance
  STATE=$(mktemp -d "${TMPDIR:-/tmp}/gofile-registry.XXXXXX")
  echo "$STATE" > "$POINTER"
  # a registry that does not come up takes the ones already started down with it
  trap 'GOFILE_TEST_REGISTRY_STATE="$STATE" stop' ERR

  local open_port basic_port token_port realm_port
  read -r open_port basic_port token_port realm_port <<< "$(free_ports 4)"
  write_config open "$open_port" ""
  launch open "$open_port"

  local user=gofile-basic password
  password=$(openssl rand -hex 12)
  mkdir -p "$STATE/basic"
  htpasswd -Bbn "$user" "$password" > "$STATE/basic/htpasswd" 2>/dev/null
  write_config basic "$basic_port" "auth:
  htpasswd:
    realm: gofile-basic
    path: $STATE/basic/htpasswd"
  launch basic "$basic_port"

  mkdir -p "$STATE/token"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj "/CN=$ISSUER" \
    -keyout "$STATE/token/key.pem" -out "$STATE/token/cert.pem" >/dev/null 2>&1
  write_config token "$token_port" "auth:
  token:
    realm: http://127.0.0.1:$realm_port/token
    service: $SERVICE
    issuer: $ISSUER
    rootcertbundle: $STATE/token/cert.pem"
  launch token "$token_port"

  echo "GOFILE_TEST_REGISTRY_STATE=$STATE"
  echo "GOFILE_TEST_REGISTRY=127.0.0.1:$open_port"
  echo "GOFILE_TEST_REGISTRY_BASIC=127.0.0.1:$basic_port"
  echo "GOFILE_TEST_REGISTRY_BASIC_USER=$user"
  echo "GOFILE_TEST_REGISTRY_BASIC_PASSWORD=$password"
  echo "GOFILE_TEST_REGISTRY_TOKEN=127.0.0.1:$token_port"
  echo "GOFILE_TEST_TOKEN_PORT=$realm_port"
  echo "GOFILE_TEST_TOKEN_KEY=$STATE/token/key.pem"
  echo "GOFILE_TEST_TOKEN_CERT=$STATE/token/cert.pem"
  echo "GOFILE_TEST_TOKEN_ISSUER=$ISSUER"
  echo "GOFILE_TEST_TOKEN_SERVICE=$SERVICE"
}

stop() {
  local state="${GOFILE_TEST_REGISTRY_STATE:-}"
  if [ -z "$state" ] && [ -f "$POINTER" ]; then state=$(cat "$POINTER"); fi
  [ -n "$state" ] && [ -d "$state" ] || { rm -f "$POINTER"; return 0; }
  for pidfile in "$state"/*/pid; do
    [ -f "$pidfile" ] || continue
    local pid
    pid=$(cat "$pidfile")
    # only a docker-registry we started: the pid may have been reused since
    if [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q "docker-registry serve $state/"; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
  done
  case "$state" in
    "${TMPDIR:-/tmp}"/gofile-registry.*) rm -rf "$state" ;;
  esac
  if [ -f "$POINTER" ] && [ "$(cat "$POINTER")" = "$state" ]; then rm -f "$POINTER"; fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
