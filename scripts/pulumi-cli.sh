#!/usr/bin/env bash
# Builds the real Pulumi CLI from Go modules (no release download is reachable from CI) and prints the
# path of the `pulumi` binary as its last line. Idempotent: a second run finds the cached binaries.
#
# Why a wrapper module: pkg/v3's go.mod carries `replace` directives, which `go install module@version`
# refuses. A tiny module of our own requires the released modules and repeats their non-local replaces.
#
# Language host: the Node.js host (github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3)
# has no version tags and the module proxy reachable here answers 403 for every pseudo-version of it,
# so the real-engine suite drives YAML programs through pulumi-language-yaml (tagged, on the proxy) and
# the policy pack through the CLI's documented fallback, `pulumi-analyzer-policy-nodejs` (see
# scripts/pulumi-analyzer-policy-nodejs). Set AAG_PULUMI_LANGUAGE_NODEJS_VERSION to a pseudo-version to
# also try the Node.js host where the proxy serves it.
set -euo pipefail

PULUMI_VERSION="${AAG_PULUMI_VERSION:-3.276.0}"
YAML_VERSION="${AAG_PULUMI_YAML_VERSION:-1.25.0}"
CACHE="${AAG_PULUMI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ai-access-guard/pulumi-cli}"
OUT="$CACHE/v$PULUMI_VERSION"
BIN="$OUT/bin"
HERE="$(cd "$(dirname "$0")" && pwd)"

log() { echo "pulumi-cli: $*" >&2; }

# --find: print the cached binary's path (exit 1 when it has not been built); never builds.
if [[ "${1:-}" == "--find" ]]; then
  [[ -x "$BIN/pulumi" && -x "$BIN/pulumi-language-yaml" ]] || exit 1
  echo "$BIN/pulumi"
  exit 0
fi

# Only Go is needed; say so plainly instead of failing inside go.
command -v go >/dev/null || { log "Go is not installed: install Go >= 1.26 to build the Pulumi CLI"; exit 2; }

build_module() { # <dir> <go.mod body> <package>@<version> <output binary> <ldflags>
  local dir="$1" gomod="$2" pkg="$3" out="$4" ldflags="$5"
  mkdir -p "$dir"
  printf '%s\n' "$gomod" > "$dir/go.mod"
  (
    cd "$dir"
    GOFLAGS=-mod=mod nice -n 10 go get "$pkg" >&2
    local start; start=$(date +%s)
    # -trimpath: the binary does not embed this machine's paths.
    nice -n 10 go build -trimpath -ldflags "$ldflags" -o "$out.tmp" "${pkg%@*}" >&2
    mv "$out.tmp" "$out"   # whole or not at all: a broken build never leaves a half binary behind
    log "built $(basename "$out") in $(( $(date +%s) - start )) s"
  )
}

mkdir -p "$BIN"
if [[ ! -x "$BIN/pulumi" ]]; then
  log "building pulumi v$PULUMI_VERSION from Go modules (first run only; several minutes)"
  build_module "$OUT/wrap-pulumi" "module aag.local/pulumi-cli

go 1.26

replace github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e

replace golang.org/x/text => golang.org/x/text v0.41.0" \
    "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi@v$PULUMI_VERSION" "$BIN/pulumi" \
    "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$PULUMI_VERSION"
fi
if [[ ! -x "$BIN/pulumi-language-yaml" ]]; then
  log "building pulumi-language-yaml v$YAML_VERSION from Go modules (first run only)"
  build_module "$OUT/wrap-yaml" "module aag.local/pulumi-language-yaml

go 1.26

replace github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e" \
    "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml@v$YAML_VERSION" "$BIN/pulumi-language-yaml" \
    "-s -w -X github.com/pulumi/pulumi-yaml/pkg/version.Version=v$YAML_VERSION"
fi
# The policy-pack fallback the CLI looks for on PATH when no Node.js language host is installed.
install -m 0755 "$HERE/pulumi-analyzer-policy-nodejs" "$BIN/pulumi-analyzer-policy-nodejs"

"$BIN/pulumi" version >&2
echo "$BIN/pulumi"
