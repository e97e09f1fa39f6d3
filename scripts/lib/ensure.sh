# Shared by scripts/start.sh and scripts/test.sh: make a fresh clone on a fresh machine work.
# shellcheck shell=bash

BUN_VERSION="1.4.5"

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

ensure_bun() {
  if command -v bun >/dev/null 2>&1 && [[ "$(bun --version 2>/dev/null)" == "$BUN_VERSION" ]]; then return; fi
  log "installing bun@$BUN_VERSION from npm"
  npm install -g --no-fund --no-audit "bun@$BUN_VERSION" >&2
  hash -r
  command -v bun >/dev/null 2>&1 || { echo "bun is not on PATH after npm install -g bun" >&2; exit 1; }
}

ensure_deps() {
  if [[ -f bun.lock ]]; then
    bun install --frozen-lockfile >&2 || bun install >&2
  else
    bun install >&2
  fi
}

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

apt_install() {
  command -v apt-get >/dev/null 2>&1 || return 1
  log "apt-get install $*"
  (apt-get update -qq >&2 || true) && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
}

# PostgreSQL on 127.0.0.1:5432 (the machine's cluster), started if it is installed but down.
ensure_postgres() {
  port_open 127.0.0.1 5432 && return 0
  if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then apt_install postgresql || true; fi
  if ls /etc/postgresql/*/main >/dev/null 2>&1; then
    log "starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start >&2 || true
  fi
  for _ in $(seq 1 60); do port_open 127.0.0.1 5432 && return 0; sleep 0.5; done
  echo "PostgreSQL is not answering on 127.0.0.1:5432" >&2
  return 1
}

# NATS with JetStream on 127.0.0.1:4222, started if installed but down.
ensure_nats() {
  port_open 127.0.0.1 4222 && return 0
  command -v nats-server >/dev/null 2>&1 || [[ -x /usr/sbin/nats-server ]] || apt_install nats-server || true
  local bin; bin="$(command -v nats-server || echo /usr/sbin/nats-server)"
  if [[ -x "$bin" ]]; then
    log "starting nats-server (JetStream)"
    mkdir -p /var/lib/nats-server 2>/dev/null || true
    start-stop-daemon --start --oknodo --background --exec "$bin" -- -a 127.0.0.1 -p 4222 -js -sd /var/lib/nats-server >&2 || true
  fi
  for _ in $(seq 1 40); do port_open 127.0.0.1 4222 && return 0; sleep 0.5; done
  echo "NATS is not answering on 127.0.0.1:4222" >&2
  return 1
}

# Debian's Chromium for the web app's browser tests (playwright-core drives /usr/bin/chromium; it never downloads one).
ensure_chromium() {
  command -v chromium >/dev/null 2>&1 && return 0
  apt_install chromium fonts-dejavu-core || true
  command -v chromium >/dev/null 2>&1 && return 0
  echo "chromium is not installed and could not be installed: the browser tests (test/e2e/web*.test.ts) will fail" >&2
  return 1
}

# Redis on 127.0.0.1:6379 (the gateway's shared rate limits), started if installed but down.
ensure_redis() {
  port_open 127.0.0.1 6379 && return 0
  command -v redis-server >/dev/null 2>&1 || apt_install redis-server || true
  if command -v redis-server >/dev/null 2>&1; then
    log "starting redis-server"
    mkdir -p /var/lib/redis /var/log/redis 2>/dev/null || true
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no --dir /var/lib/redis >&2 || true
  fi
  for _ in $(seq 1 40); do port_open 127.0.0.1 6379 && return 0; sleep 0.25; done
  echo "Redis is not answering on 127.0.0.1:6379" >&2
  return 1
}
