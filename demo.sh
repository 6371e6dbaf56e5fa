#!/usr/bin/env bash
# Runs the AlphaKite demo: one whole trading session, minute by minute on a simulated clock,
# through the real tick (HTTP client, token refresh, Postgres upserts) against the built-in
# Schwab-compatible sandbox and an embedded PostgreSQL. No accounts, no configuration.
#
# Usage: ./demo.sh [demo options]     e.g. ./demo.sh --tickers QQQ,SPY --date 2026-11-27
# Options are those of `alphakite demo --help`.
set -euo pipefail

die() { printf 'demo: error: %s\n' "$*" >&2; exit 1; }

main() {
  local root
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
  command -v dotnet >/dev/null || die "the .NET 10 SDK is missing: https://dotnet.microsoft.com/download"
  dotnet build "$root/backend/src/AlphaKite.Cli" -c Release --nologo -v quiet -clp:ErrorsOnly >&2
  cd "$root"
  exec dotnet "$root/backend/src/AlphaKite.Cli/bin/Release/net10.0/alphakite.dll" demo "$@"
}

main "$@"
