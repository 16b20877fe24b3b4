#!/usr/bin/env bash
# Installs the Go-built tools opsgate drives, at the versions pinned in scripts/<tool>-pin/go.mod,
# into $(go env GOBIN), else $(go env GOPATH)/bin. Idempotent: a tool already at the pinned version
# is left alone. With arguments, only those tools (k6, actionlint).
set -euo pipefail
cd "$(dirname "$0")"
export GOPROXY="${GOPROXY:-https://proxy.golang.org}"
bin="$(go env GOBIN)"
[ -n "$bin" ] || bin="$(go env GOPATH)/bin"
tools=" $* "

install_pinned() { # <binary> <module path> <pin dir> <version check command...>  (PKG=<package> when the binary is not at the module root)
  local binary=$1 module=$2 dir=$3 pkg=${PKG:-$2}
  local want
  want=$(awk -v m="$module" '$1==m {print $2} $2==m {print $3}' "$dir/go.mod" | head -n1)
  if [ -x "$bin/$binary" ] && "$bin/$binary" "${@:4}" 2>/dev/null | grep -q "${want#v}"; then
    echo "$binary $want already installed"
    return
  fi
  echo "installing $binary $want …"
  (cd "$dir" && go install "$pkg")
}

want_tool() { [ "$tools" = "  " ] || [[ "$tools" == *" $1 "* ]]; }
if want_tool k6; then install_pinned k6 go.k6.io/k6/v2 k6-pin version; fi
if want_tool actionlint; then
  PKG=github.com/rhysd/actionlint/cmd/actionlint install_pinned actionlint github.com/rhysd/actionlint actionlint-pin -version
fi
