#!/usr/bin/env bash
# Installs the Go-built tools opsgate drives, at the versions pinned in scripts/<tool>-pin/go.mod,
# into $(go env GOPATH)/bin. Idempotent: a tool already at the pinned version is left alone.
set -euo pipefail
cd "$(dirname "$0")"
export GOPROXY="${GOPROXY:-https://proxy.golang.org}"
bin="$(go env GOPATH)/bin"

install_pinned() { # <binary> <module path> <pin dir> <version check command...>
  local binary=$1 module=$2 dir=$3
  local want
  want=$(awk -v m="$module" '$1==m {print $2} $2==m {print $3}' "$dir/go.mod" | head -n1)
  if [ -x "$bin/$binary" ] && "$bin/$binary" "${@:4}" 2>/dev/null | grep -q "${want#v}"; then
    echo "$binary $want already installed"
    return
  fi
  echo "installing $binary $want …"
  (cd "$dir" && go install "$module")
}

install_pinned k6 go.k6.io/k6/v2 k6-pin version
