#!/usr/bin/env bash
# Runs the AlphaKite demo: one whole trading session, minute by minute on a simulated clock,
# through the real tick (HTTP client, token refresh, Postgres upserts) against the built-in
# Schwab-compatible sandbox and an embedded PostgreSQL. No accounts, no configuration.
#
# Usage: ./demo.sh [demo options]     e.g. ./demo.sh --tickers QQQ,SPY --date 2026-11-27
# Options are those of `alphakite demo --help`. It builds the CLI first (a minute or two the
# first time, seconds afterwards); build progress goes to stderr, the demo's output to stdout.
set -euo pipefail

log() { printf 'demo: %s\n' "$*" >&2; }
die() { printf 'demo: error: %s\n' "$*" >&2; exit 1; }

# The same places the CLI searches (PostgresBinaries.cs); the CLI checks again, this is to fail
# before a two-minute build rather than after it.
postgres_installed() {
  local dir
  if command -v initdb >/dev/null && command -v pg_ctl >/dev/null && command -v postgres >/dev/null; then
    return 0
  fi
  for dir in /usr/lib/postgresql/*/bin /opt/homebrew/opt/postgresql@*/bin /usr/local/opt/postgresql@*/bin; do
    if [[ -x $dir/initdb && -x $dir/pg_ctl && -x $dir/postgres ]]; then
      return 0
    fi
  done
  return 1
}

# Prints one line per project as msbuild finishes it ("AlphaKite.Core -> .../AlphaKite.Core.dll").
progress() {
  local line name
  while IFS= read -r line; do
    if [[ $line == *' -> '* ]]; then
      name=${line%% -> *}
      log "  built ${name##* }"
    fi
  done
}

build() {
  local root=$1 output
  output=$(mktemp)
  if [[ -f $root/backend/src/AlphaKite.Cli/bin/Release/net10.0/alphakite.dll ]]; then
    log "building the CLI (seconds when nothing changed)..."
  else
    log "building the CLI once: the first build takes a minute or two..."
  fi
  # -tl:off: the terminal logger ignores -clp and prints its own summary; -clp:NoSummary drops
  # msbuild's "Build succeeded" block. On failure the errors are shown, nothing else.
  if ! dotnet build "$root/backend/src/AlphaKite.Cli" -c Release --nologo -tl:off -v minimal -clp:NoSummary 2>&1 \
      | tee "$output" | progress; then
    if ! grep -E ': error ' "$output" | sort -u >&2; then
      cat "$output" >&2
    fi
    rm -f "$output"
    die "the build failed (see above)"
  fi
  rm -f "$output"
}

main() {
  local root arg own_database=false
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
  for arg in "$@"; do
    if [[ $arg == --database || $arg == --database=* ]]; then
      own_database=true
    fi
  done
  command -v dotnet >/dev/null || die "the .NET 10 SDK is missing: https://dotnet.microsoft.com/download"
  if [[ $own_database == false ]] && ! postgres_installed; then
    die "PostgreSQL's server programs (initdb, pg_ctl, postgres) are not installed; the demo runs its own database with them.
  Install them: Debian/Ubuntu: sudo apt-get install postgresql    macOS: brew install postgresql@16
  Or use a database you have: ./demo.sh --database postgresql://user:password@host:5432/db"
  fi
  build "$root"
  cd "$root"
  exec dotnet "$root/backend/src/AlphaKite.Cli/bin/Release/net10.0/alphakite.dll" demo "$@"
}

main "$@"
