#!/usr/bin/env bash
# Builds the chart renderer (helm/tools/render) from Debian's Go toolchain and Go library packages, offline (no Go
# module proxy needed), installing them with apt-get when missing and running as root. Prints the binary's path.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/startales/helm-render"
bin="$cache/render"
pkgs=(golang-go golang-github-masterminds-sprig-dev golang-k8s-sigs-yaml-dev golang-github-xeipuuv-gojsonschema-dev)

missing=()
command -v go >/dev/null 2>&1 || missing+=(golang-go)
for p in "${pkgs[@]:1}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
    echo "render: needs Debian packages ${missing[*]} (apt-get install as root)" >&2
    exit 2
  fi
  echo "render: installing ${missing[*]}" >&2
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >&2; then
    apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >&2
  fi
fi

# rebuild only when a source changed
sum="$(cat "$here"/*.go | sha256sum | cut -c1-16)"
if [[ -x "$bin" && -f "$cache/sum" && "$(cat "$cache/sum")" == "$sum" ]]; then
  echo "$bin"
  exit 0
fi
mkdir -p "$cache/gopath/src/github.com/Masterminds/sprig" "$cache/gopath/src/github.com/Masterminds/semver"
# Debian ships sprig v3 and semver v3 without their /v3 import-path suffix: map it in a GOPATH of our own
ln -sfn /usr/share/gocode/src/github.com/Masterminds/sprig "$cache/gopath/src/github.com/Masterminds/sprig/v3"
ln -sfn /usr/share/gocode/src/github.com/Masterminds/semver "$cache/gopath/src/github.com/Masterminds/semver/v3"
build="$cache/build"
rm -rf "$build" && mkdir -p "$build" && cp "$here"/*.go "$build/"
(cd "$build" && GO111MODULE=off GOPATH="$cache/gopath:/usr/share/gocode" GOCACHE="$cache/gocache" GOFLAGS= go build -o "$bin" .) >&2
echo "$sum" >"$cache/sum"
echo "$bin"
