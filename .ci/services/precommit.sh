#!/usr/bin/env bash
# The real pre-commit tool (Debian's package), for the hook tests. Not a daemon: start installs, stop does nothing.
set -euo pipefail
case "${1:-}" in
  start)
    if ! command -v pre-commit >/dev/null 2>&1; then
      # apt may be busy with another service's install: retry the lock a few times
      for i in 1 2 3 4 5; do
        if { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pre-commit git; } >&2; then break; fi
        sleep 5
      done
    fi
    command -v pre-commit >/dev/null || { echo "pre-commit did not install" >&2; exit 1; }
    pre-commit --version >&2
    echo "GOFILE_PRECOMMIT=$(command -v pre-commit)"
    ;;
  stop) ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
