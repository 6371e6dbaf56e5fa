#!/usr/bin/env bash
# Runs every AlphaKite test: unit, integration (real PostgreSQL, PgBouncer, moto, the Schwab
# sandbox, the published bootstrap in each build flavour, arm64 under qemu) and the infrastructure:
# Terraform against moto.
#
# Usage: ./test.sh [--unit] [--filter EXPR]
#   --unit          only the fast unit tests (no services)
#   --filter EXPR   passed to `dotnet test --filter`
#
# On a fresh Debian/Ubuntu machine it first installs what the tests need (as root, or through
# sudo): PostgreSQL server binaries, PgBouncer, shellcheck, clang + zlib (Native AOT), zip, the
# AWS CLI v2 (Debian's awscli), botocore (Debian's python3-botocore: the SigV4 oracle, also for
# --unit), the arm64 cross toolchain, C library and qemu-user (arm64 builds, run on x86_64), and the
# npm packages in backend/tests/js (independent indicator libraries, the HCL parser). moto (the AWS
# emulator) is installed with pip when pip can reach an index. Terraform is not a Debian package:
# it is named with how to install it. A test whose tool is still missing fails on CI (CI=true, set by
# .ci/run) and is skipped elsewhere, saying how to install it; the closing line counts the skips.
set -euo pipefail

log() { printf '[test] %s\n' "$*" >&2; }
die() { printf '[test] error: %s\n' "$*" >&2; exit 1; }

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
readonly ROOT
readonly APT_PACKAGES=(postgresql pgbouncer shellcheck clang zlib1g-dev zip binutils)
# Not on every distribution (Ubuntu serves :arm64 packages from another mirror, and 24.04 has no
# awscli package): installed when the package manager has them. A test that needs a missing one
# says so; on CI (CI=true) it fails. The :arm64 packages need the arm64 architecture, added here.
readonly APT_PACKAGES_IF_AVAILABLE=(awscli python3-botocore qemu-user-static gcc-aarch64-linux-gnu libc6-dev-arm64-cross
  zlib1g-dev:arm64 libc6:arm64 libstdc++6:arm64)

missing_packages() {
  local pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || printf '%s\n' "$pkg"
  done
}

install_system_packages() {
  local missing=() optional=() pkg sudo=()
  while IFS= read -r pkg; do missing+=("$pkg"); done < <(missing_packages "${APT_PACKAGES[@]}")
  while IFS= read -r pkg; do optional+=("$pkg"); done < <(missing_packages "${APT_PACKAGES_IF_AVAILABLE[@]}")
  [ ${#missing[@]} -eq 0 ] && [ ${#optional[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null || die "missing ${missing[*]} ${optional[*]}: install them with your package manager"
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  if [[ " ${optional[*]}" == *:arm64* ]] && ! dpkg --print-foreign-architectures | grep -qx arm64; then
    "${sudo[@]}" dpkg --add-architecture arm64
  fi
  # An index that cannot be fetched (say, arm64 on a mirror without it) must not stop the rest.
  "${sudo[@]}" apt-get update -qq || log "warning: apt-get update reported errors; installing what it can"
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  if [ ${#optional[@]} -gt 0 ]; then
    log "installing ${optional[*]}"
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${optional[@]}" >/dev/null ||
      log "warning: could not install ${optional[*]}: the tests that need them say so (and fail on CI)"
  fi
  # The Debian package starts a cluster and PgBouncer as services; the tests start their own.
  "${sudo[@]}" service postgresql stop >/dev/null 2>&1 || true
  "${sudo[@]}" service pgbouncer stop >/dev/null 2>&1 || true
}

# The SigV4 oracle test is a unit test: --unit installs botocore too (python3-botocore), or says why not.
install_botocore() {
  python3 -c 'import botocore' >/dev/null 2>&1 && return 0
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  if command -v apt-get >/dev/null && [ -n "$(missing_packages python3-botocore)" ]; then
    log "installing python3-botocore"
    { "${sudo[@]}" apt-get update -qq && DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends python3-botocore >/dev/null; } ||
      log "warning: could not install python3-botocore"
  fi
  python3 -c 'import botocore' >/dev/null 2>&1 ||
    log "warning: python3 cannot import botocore: the SigV4 oracle test (Aws/SigV4SignerTests) will skip (fail on CI); install it with \`apt-get install python3-botocore\` or \`python3 -m pip install botocore\`"
}

# moto is not a Debian package: pip installs it when it can reach an index; never fatal.
install_moto() {
  command -v moto_server >/dev/null && return 0
  local pip=(python3 -m pip install --quiet --disable-pip-version-check --timeout 20 --retries 1)
  # PEP 668: a Debian-managed python refuses pip installs unless told otherwise.
  if python3 -c 'import sys, sysconfig, os; sys.exit(not os.path.exists(os.path.join(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED")))' 2>/dev/null; then
    pip+=(--break-system-packages)
  fi
  [ "$(id -u)" -eq 0 ] || pip+=(--user)
  if python3 -m pip --version >/dev/null 2>&1; then
    log "installing moto[server] with pip"
    "${pip[@]}" 'moto[server]' || log "warning: pip could not install moto[server]"
    # A --user install lands in ~/.local/bin, which may not be on PATH yet.
    PATH="$PATH:$(python3 -m site --user-base 2>/dev/null || echo "$HOME/.local")/bin"
    export PATH
  fi
  command -v moto_server >/dev/null ||
    log "warning: moto_server is missing: the tests against moto (Infrastructure/TerraformStackTests, DeployEndToEndTests, GuideAwsCommandsTests, Doctor/DoctorAwsTests, Aws/SecretsManagerTokenStoreIntegrationTests, Schwab/TokenProviderIntegrationTests, Lambda/TokenStoreEndToEndTests and the bootstrap tests) will skip (fail on CI); install it with \`python3 -m pip install 'moto[server]'\` (or \`pipx install 'moto[server]'\`)"
}

# Terraform is not a Debian package: name it, with how to install it.
require_terraform() {
  command -v terraform >/dev/null ||
    log "warning: terraform is missing: Infrastructure/TerraformStackTests, DeployEndToEndTests and Doctor/DoctorAwsTests will skip (fail on CI); install Terraform >= 1.5 from https://developer.hashicorp.com/terraform/install (HashiCorp's apt repository, or unzip the release into /usr/local/bin)"
}

install_npm_packages() {
  command -v npm >/dev/null || die "npm is missing: install Node.js 18+ (apt-get install nodejs npm)"
  (cd "$ROOT/backend/tests/js" && npm ci --silent --no-audit --no-fund)
}

main() {
  local unit_only=false filter=""
  while [ $# -gt 0 ]; do
    case "$1" in
      --unit) unit_only=true ;;
      --filter) [ $# -ge 2 ] || die "--filter needs an expression"; filter=$2; shift ;;
      -h|--help) awk 'NR == 1 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "${BASH_SOURCE[0]}"; exit 0 ;;
      *) printf 'unknown option: %s\n' "$1" >&2; exit 2 ;;
    esac
    shift
  done

  command -v dotnet >/dev/null || die "the .NET 10 SDK is missing: https://dotnet.microsoft.com/download"
  install_npm_packages
  local projects=("$ROOT/backend/tests/AlphaKite.Tests")
  if [ "$unit_only" = false ]; then
    install_system_packages
    install_moto
    require_terraform
    projects+=("$ROOT/backend/tests/AlphaKite.IntegrationTests")
  fi
  install_botocore

  dotnet build "$ROOT/AlphaKite.sln" -c Release --nologo -clp:ErrorsOnly
  local status=0 project args
  # Global, not local: the EXIT trap runs after main has returned.
  TEST_OUTPUT=$(mktemp)
  trap 'rm -f "$TEST_OUTPUT"' EXIT
  for project in "${projects[@]}"; do
    args=(test "$project" -c Release --no-build --nologo --logger "console;verbosity=normal")
    [ -n "$filter" ] && args+=(--filter "$filter")
    dotnet "${args[@]}" | tee -a "$TEST_OUTPUT" || status=$?
  done
  # One closing line over both projects: "N passed, N failed, N skipped" (skips are never hidden;
  # on CI a missing prerequisite fails instead of skipping, see Prerequisite.cs).
  awk '$1 == "Passed:" { p += $2 } $1 == "Failed:" { f += $2 } $1 == "Skipped:" { s += $2 }
       END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$TEST_OUTPUT"
  return "$status"
}

main "$@"
