#!/usr/bin/env bash
# Builds the AlphaKite Lambda, packages it and deploys it with Terraform.
#
# Usage: ./deploy_lambda.sh [--plan-only | --yes] [--build aot|container|portable]
#   --plan-only   build, package, check, then terraform init, validate and plan; change nothing.
#                 The plan is saved; a later full run applies exactly this plan if nothing changed.
#   --yes         apply without asking (needed when there is no terminal to ask on, e.g. in CI)
#   --build MODE  how to build the Lambda (default: the first that works here, in this order):
#                   aot        Native AOT on this Linux host (clang; for arm64 on x86_64 also the
#                              aarch64-linux-gnu cross toolchain)
#                   container  the same Native AOT build inside Amazon Linux 2023 with Docker
#                   portable   self-contained, trimmed, ReadyToRun .NET (any OS; slower cold start)
#   -h, --help    print this help
#
# Steps: preflight (tools, infrastructure/terraform.tfvars, build mode, AWS identity)
#   -> dotnet publish backend/src/AlphaKite.Lambda.Bootstrap into artifacts/lambda/publish
#   -> artifacts/lambda/alpha-kite-real-time-streamer.zip with `bootstrap` (0755) at its root
#   -> checks: every ELF file built for the architecture and needing glibc <= 2.34, package size
#   -> terraform -chdir=infrastructure init, validate, plan -out=alpha-kite.tfplan; or, when a
#      plan saved by --plan-only is for the same package, terraform.tfvars and *.tf (its
#      fingerprint in infrastructure/alpha-kite.tfplan.fingerprint matches), that reviewed plan
#   -> show the plan and ask "yes" before applying (--yes skips the question; without a terminal
#      and without --yes the script refuses before building anything)
#   -> apply that saved plan (Terraform itself refuses a plan the state has moved past), then
#      print the next steps with the deployed names.
#
# Needs: zip, readelf (binutils; on macOS: brew install binutils && export
# PATH="$(brew --prefix binutils)/bin:$PATH"), sha256sum or shasum, Terraform >= 1.5, the AWS CLI
# with credentials (aws configure, or AWS_PROFILE), and for the build the .NET 10 SDK with clang and zlib (aot), or Docker (container),
# or the .NET 10 SDK alone (portable). Settings come from
# infrastructure/terraform.tfvars: cp terraform.tfvars.example infrastructure/terraform.tfvars
#
# Exit status: 0 done; 1 a check failed; 2 bad usage; otherwise that of the command that failed.
set -euo pipefail

readonly FUNCTION_NAME="alpha-kite-real-time-streamer"
readonly LAMBDA_PROJECT="backend/src/AlphaKite.Lambda.Bootstrap"
readonly PUBLISH_DIR="artifacts/lambda/publish"
readonly PACKAGE="artifacts/lambda/$FUNCTION_NAME.zip"
readonly TF_DIR="infrastructure"
readonly TFVARS="$TF_DIR/terraform.tfvars"
readonly PLAN_FILE="alpha-kite.tfplan"
# What a saved plan was made from; git ignores both (the plan holds the secrets).
readonly FINGERPRINT_FILE="$PLAN_FILE.fingerprint"
# shellcheck disable=SC2016 # the PATH line is for the user to paste, unexpanded
readonly READELF_HINT='apt-get install binutils (dnf install binutils; macOS: brew install binutils && export PATH="$(brew --prefix binutils)/bin:$PATH")'
# provided.al2023 ships glibc 2.34: a binary that needs a newer symbol version fails at start-up.
readonly MAX_GLIBC="2.34"
# Bigger packages start slower; 50 MB is Lambda's limit for a zip uploaded directly (no S3).
readonly WARN_PACKAGE_BYTES=$((10 * 1024 * 1024))
readonly MAX_PACKAGE_BYTES=$((50 * 1024 * 1024))
# The container build: Amazon Linux 2023 is what provided.al2023 runs, so its glibc is the same.
readonly BUILD_IMAGE="public.ecr.aws/amazonlinux/amazonlinux:2023"
# .NET is not supported under QEMU's amd64 emulation, which Docker uses on an arm64 host.
readonly EMULATION_HINT="this arm64 host builds x86_64 in an emulated container, which .NET does not support well: set architecture = \"arm64\" in $TFVARS (a native build; Graviton costs 20% less), or turn on Docker Desktop's 'Use Rosetta for x86_64/amd64 emulation', or use --build portable"
readonly CLANG_HINT="Native AOT links with clang: apt-get install clang zlib1g-dev (dnf install clang zlib-devel)"
readonly DOTNET_HINT="install the .NET 10 SDK (https://dotnet.microsoft.com/download)"

log() { printf '[deploy] %s\n' "$*" >&2; }
die() { printf '[deploy] error: %s\n' "$*" >&2; exit 1; }

usage() {
  awk 'NR == 1 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "${BASH_SOURCE[0]}"
}

# Runs a command; on failure says which one and exits with its status.
run() {
  log "\$ $*"
  local status=0
  "$@" || status=$?
  if [ "$status" -ne 0 ]; then
    printf "[deploy] error: '%s' failed with exit status %d\n" "$*" "$status" >&2
    exit "$status"
  fi
}

# Prints the value of a simple `name = "value"` line of terraform.tfvars, or the default.
tfvars_string() {
  local name=$1 default=$2 value
  value=$(sed -n -E "s/^[[:space:]]*${name}[[:space:]]*=[[:space:]]*\"([^\"]*)\".*/\\1/p" "$TFVARS" | tail -n 1)
  printf '%s\n' "${value:-$default}"
}

require_tool() {
  local tool=$1 hint=$2
  command -v "$tool" >/dev/null 2>&1 && return 0
  printf '[deploy] error: %s is missing: %s\n' "$tool" "$hint" >&2
  return 1
}

preflight() {
  local missing=0
  require_tool zip "apt-get install zip (dnf install zip)" || missing=1
  require_tool readelf "$READELF_HINT" || missing=1
  # The saved plan's fingerprint: coreutils' sha256sum on Linux, Perl's shasum on macOS.
  if ! command -v sha256sum >/dev/null 2>&1 && ! command -v shasum >/dev/null 2>&1; then
    printf '[deploy] error: sha256sum (or shasum) is missing: apt-get install coreutils (dnf install coreutils; macOS ships shasum)\n' >&2
    missing=1
  fi
  require_tool terraform "install Terraform >= 1.5 (https://developer.hashicorp.com/terraform/install)" || missing=1
  require_tool aws "install the AWS CLI (https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html)" || missing=1
  [ "$missing" -eq 0 ] || exit 1

  if [ ! -f "$TFVARS" ]; then
    die "$TFVARS is missing. Create it from the example, then fill in your values:
  cp terraform.tfvars.example $TFVARS"
  fi
  # Caught by Terraform too, but only after a build of several minutes.
  if grep -Eq '^[^#]*REPLACE_ME' "$TFVARS"; then
    die "$TFVARS still contains REPLACE_ME placeholders: fill in the values its comments point to"
  fi
}

check_aws_identity() {
  local region=$1 identity status=0
  identity=$(aws sts get-caller-identity --region "$region" --query Arn --output text) || status=$?
  if [ "$status" -ne 0 ]; then
    printf "[deploy] error: the AWS CLI has no usable credentials (exit status %d): run 'aws configure' or set AWS_PROFILE\n" "$status" >&2
    exit "$status"
  fi
  log "deploying to $region as $identity"
}

runtime_identifier() {
  case "$1" in
    x86_64) echo linux-x64 ;;
    arm64) echo linux-arm64 ;;
    *) die "architecture \"$1\" in $TFVARS must be x86_64 or arm64" ;;
  esac
}

# x86_64 or arm64, in the spelling of terraform.tfvars' architecture.
host_architecture() {
  case "$(uname -m)" in
    x86_64 | amd64) echo x86_64 ;;
    aarch64 | arm64) echo arm64 ;;
    *) uname -m ;;
  esac
}

# Empty when this host can build Native AOT for the architecture; otherwise why not.
aot_unavailable() {
  local architecture=$1 host_os host_arch triple debian_arch gcc_package
  host_os=$(uname -s)
  host_arch=$(host_architecture)
  if [ "$host_os" != Linux ]; then
    echo "Native AOT cannot build for Linux on $host_os"
  elif ! command -v dotnet >/dev/null 2>&1; then
    echo "dotnet is missing: $DOTNET_HINT"
  elif ! command -v clang >/dev/null 2>&1; then
    echo "clang is missing: $CLANG_HINT"
  elif [ "$host_arch" != "$architecture" ]; then
    # clang --target=<triple> links with the cross binutils and C library from Debian's packages,
    # and with the target's zlib (multiarch), so all three must be there before minutes of building.
    if [ "$architecture" = arm64 ]; then
      triple=aarch64-linux-gnu debian_arch=arm64 gcc_package=gcc-aarch64-linux-gnu
    else
      triple=x86_64-linux-gnu debian_arch=amd64 gcc_package=gcc-x86-64-linux-gnu
    fi
    if ! command -v "$triple-gcc" >/dev/null 2>&1 ||
      { [ ! -e "/usr/lib/$triple/libz.a" ] && [ ! -e "/usr/lib/$triple/libz.so" ]; }; then
      echo "no $triple cross toolchain with zlib on this $host_arch host: sudo dpkg --add-architecture $debian_arch && sudo apt-get update && sudo apt-get install $gcc_package zlib1g-dev:$debian_arch (see docs/deployment.md)"
    fi
  fi
}

docker_works() {
  command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1
}

docker_platform() {
  [ "$1" = arm64 ] && echo linux/arm64 || echo linux/amd64
}

# A container of another architecture needs emulation (Docker Desktop has it; a Linux engine needs
# qemu binfmt): try one before choosing it, or the build fails with "exec format error".
docker_runs_architecture() {
  local architecture=$1
  [ "$architecture" = "$(host_architecture)" ] && return 0
  docker run --rm --platform "$(docker_platform "$architecture")" "$BUILD_IMAGE" true >/dev/null 2>&1
}

warn_if_emulated() {
  if [ "$1" = x86_64 ] && [ "$(host_architecture)" = arm64 ]; then
    log "hint: $EMULATION_HINT"
  fi
}

# Prints aot, container or portable; logs which and why. Dies when the forced mode cannot work here.
choose_build() {
  local forced=$1 architecture=$2 no_aot
  no_aot=$(aot_unavailable "$architecture")
  case "$forced" in
    aot)
      [ -z "$no_aot" ] || die "--build aot: cannot build Native AOT for $architecture here: $no_aot"
      log "build: aot (forced with --build)"
      ;;
    container)
      docker_works || die "--build container needs a running Docker engine, and 'docker info' failed (is Docker installed and started?)"
      docker_runs_architecture "$architecture" ||
        die "--build container: Docker cannot run a $(docker_platform "$architecture") container on this $(host_architecture) host (no emulation registered): use --build portable, or register qemu binfmt (docker run --privileged --rm tonistiigi/binfmt --install all)"
      log "build: container (forced with --build): Native AOT inside $BUILD_IMAGE"
      warn_if_emulated "$architecture"
      ;;
    portable)
      require_tool dotnet "$DOTNET_HINT" || exit 1
      log "build: portable (forced with --build): self-contained .NET, slower cold start than aot (docs/deployment.md)"
      ;;
    "")
      if [ -z "$no_aot" ]; then
        log "build: aot (Native AOT on this $(uname -s) $(host_architecture) host for $architecture)"
        forced=aot
      elif docker_works && docker_runs_architecture "$architecture"; then
        log "build: container ($no_aot; Docker works: Native AOT inside $BUILD_IMAGE)"
        warn_if_emulated "$architecture"
        forced=container
      else
        require_tool dotnet "$DOTNET_HINT" || exit 1
        log "build: portable ($no_aot, and no running Docker engine: self-contained .NET, slower cold start than aot; docs/deployment.md)"
        forced=portable
      fi
      ;;
    *) die "unreachable build mode: $forced" ;;
  esac
  printf '%s\n' "$forced"
}

build() {
  local mode=$1 rid=$2
  # A stale bootstrap must never be packaged when publish puts its output elsewhere.
  rm -rf "$PUBLISH_DIR"
  case "$mode" in
    aot) run dotnet publish "$LAMBDA_PROJECT" -c Release -r "$rid" -o "$PUBLISH_DIR" ;;
    portable) run dotnet publish "$LAMBDA_PROJECT" -c Release -r "$rid" -p:AlphaKiteBuild=portable -o "$PUBLISH_DIR" ;;
    container) build_in_container "$rid" ;;
  esac
  [ -f "$PUBLISH_DIR/bootstrap" ] ||
    die "dotnet publish produced no $PUBLISH_DIR/bootstrap: $LAMBDA_PROJECT must set AssemblyName=bootstrap"
}

# Native AOT in Amazon Linux 2023 for the target's own platform (so no cross toolchain): the
# repository is mounted read-only and copied without bin/obj (they hold this host's paths), only
# the publish directory is written back, owned by the caller. NuGet packages stay in a volume.
# The .NET 10 SDK comes from Amazon Linux's dotnet-sdk-10.0 package, or, when its repositories
# have none, from Microsoft's dotnet-install.sh. Checked with a stand-in for docker only.
build_in_container() {
  local rid=$1 platform
  platform=$(docker_platform "$([ "$rid" = linux-arm64 ] && echo arm64 || echo x86_64)")
  mkdir -p "$PUBLISH_DIR"
  run docker run --rm --platform "$platform" \
    -v "$PWD:/src:ro" -v "$PWD/$PUBLISH_DIR:/out" -v alpha-kite-nuget:/root/.nuget/packages -w /src \
    -e DOTNET_CLI_TELEMETRY_OPTOUT=1 -e DOTNET_NOLOGO=1 "$BUILD_IMAGE" \
    bash -euo pipefail -c "dnf install -y -q clang zlib-devel binutils tar gzip libicu >/dev/null; \
if ! dnf install -y -q dotnet-sdk-10.0 >/dev/null; then \
echo 'dotnet-sdk-10.0 is not in the Amazon Linux 2023 repositories: installing the .NET 10 SDK with https://dot.net/v1/dotnet-install.sh' >&2; \
curl -fsSL https://dot.net/v1/dotnet-install.sh | bash -s -- --channel 10.0 --install-dir /usr/share/dotnet; \
ln -sf /usr/share/dotnet/dotnet /usr/bin/dotnet; fi; mkdir /build; \
tar -C /src --exclude=./.git --exclude=./artifacts --exclude=node_modules --exclude=bin --exclude=obj -cf - . | tar -C /build -xf -; \
dotnet publish /build/$LAMBDA_PROJECT -c Release -r $rid -o /out; chown -R $(id -u):$(id -g) /out"
}

# The files the package holds, relative to the publish directory, in a fixed order: everything
# publish wrote except debug symbols (Native AOT writes bootstrap alone; another build may add files).
package_files() {
  (cd "$PUBLISH_DIR" && find . -type f ! -name '*.dbg' ! -name '*.pdb' | sed 's|^\./||' | LC_ALL=C sort)
}

package() {
  local files=() file zip_path="$PWD/$PACKAGE"
  # Not mapfile: macOS still ships bash 3.2.
  while IFS= read -r file; do files+=("$file"); done < <(package_files)
  rm -f "$PACKAGE"
  chmod 0755 "$PUBLISH_DIR/bootstrap"
  # A fixed time stamp makes the zip depend on the content only: an unchanged build keeps the same
  # source_code_hash and Terraform does not redeploy it.
  (cd "$PUBLISH_DIR" && TZ=UTC touch -t 198001010000 "${files[@]}")
  # Paths relative to the publish directory put `bootstrap` at the root of the zip; -X leaves out
  # uid/gid fields; zip keeps the mode. zip stores the time as local DOS time: in UTC too, or each
  # time zone would get another zip.
  (cd "$PUBLISH_DIR" && TZ=UTC run zip -q -X "$zip_path" "${files[@]}")
  log "packaged $PACKAGE (${#files[@]} file(s))"
}

# Every ELF file in the package must be built for the function's architecture, and provided.al2023's
# glibc must have every versioned symbol it asks for.
check_package_binaries() {
  local architecture=$1 file
  check_glibc "$PUBLISH_DIR/bootstrap"
  check_machine "$PUBLISH_DIR/bootstrap" "$architecture"
  while IFS= read -r file; do
    if [ "$file" != bootstrap ] && [ "$(head -c 4 "$PUBLISH_DIR/$file" | od -An -c | tr -d ' ')" = '177ELF' ]; then
      check_glibc "$PUBLISH_DIR/$file"
      check_machine "$PUBLISH_DIR/$file" "$architecture"
    fi
  done < <(package_files)
}

check_machine() {
  local binary=$1 architecture=$2 machine expected
  machine=$(readelf --file-header "$binary" | sed -n -E 's/^[[:space:]]*Machine:[[:space:]]*//p')
  expected=$([ "$architecture" = arm64 ] && echo AArch64 || echo X86-64)
  case "$machine" in
    *"$expected"*) ;;
    *) die "${binary#"$PUBLISH_DIR/"} is built for $machine, but the function's architecture is $architecture: Lambda could not run it" ;;
  esac
}

check_glibc() {
  local binary=$1 name symbols newest
  name=${binary#"$PUBLISH_DIR/"}
  symbols=$(readelf --dyn-syms --wide "$binary" 2>&1) ||
    die "$binary is not an ELF executable readelf can read: ${symbols%%$'\n'*}"
  newest=$(printf '%s\n' "$symbols" | sed -n -E 's/.*@+GLIBC_([0-9]+(\.[0-9]+)+).*/\1/p' | sort -u -V | tail -n 1)
  if [ -z "$newest" ]; then
    log "$name references no versioned glibc symbol"
    return 0
  fi
  if [ "$(printf '%s\n%s\n' "$newest" "$MAX_GLIBC" | sort -V | tail -n 1)" != "$MAX_GLIBC" ]; then
    die "$name needs GLIBC_$newest but provided.al2023 has glibc $MAX_GLIBC, so Lambda could not start it: build on a system with glibc <= $MAX_GLIBC (Debian 12, Amazon Linux 2023), or use --build container"
  fi
  log "$name needs glibc <= $newest (provided.al2023 has $MAX_GLIBC)"
}

check_size() {
  local bytes
  bytes=$(wc -c <"$PACKAGE")
  bytes=$((bytes))
  if [ "$bytes" -gt "$MAX_PACKAGE_BYTES" ]; then
    die "$PACKAGE is $bytes bytes, over Lambda's $MAX_PACKAGE_BYTES-byte limit for a direct upload"
  elif [ "$bytes" -gt "$WARN_PACKAGE_BYTES" ]; then
    log "warning: $PACKAGE is $bytes bytes (> 10 MB): cold starts get slower; the portable build is about 15 MB, Native AOT about 6 MB"
  else
    log "$PACKAGE is $bytes bytes"
  fi
}

terraform_plan() {
  run terraform -chdir="$TF_DIR" init -input=false
  run terraform -chdir="$TF_DIR" validate
  run terraform -chdir="$TF_DIR" plan -input=false -out="$PLAN_FILE"
}

sha256() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum "$@"; else shasum -a 256 "$@"; fi
}

# One line per input of the plan: the package, terraform.tfvars, every *.tf (overrides included),
# and the workspace and extra plan arguments (another environment, docs/infrastructure.md).
fingerprint() {
  (cd "$TF_DIR" && shopt -s nullglob && sha256 "../$PACKAGE" terraform.tfvars ./*.tf) || return
  printf 'TF_WORKSPACE=%s TF_CLI_ARGS=%s TF_CLI_ARGS_plan=%s\n' "${TF_WORKSPACE:-}" "${TF_CLI_ARGS:-}" "${TF_CLI_ARGS_plan:-}"
}

# Saves the fingerprint of the plan just made; a fingerprint that failed is never saved.
save_fingerprint() {
  local partial="$TF_DIR/$FINGERPRINT_FILE.tmp" status=0
  fingerprint >"$partial" || status=$?
  if [ "$status" -ne 0 ] || [ ! -s "$partial" ]; then
    rm -f "$partial"
    printf '[deploy] error: could not fingerprint the inputs of the plan (exit status %d): the next run plans again\n' "$status" >&2
    exit "$(( status == 0 ? 1 : status ))"
  fi
  mv -f "$partial" "$TF_DIR/$FINGERPRINT_FILE"
}

# True when the plan saved by --plan-only was made from exactly the current inputs.
saved_plan_is_current() {
  local current
  [ -f "$TF_DIR/$PLAN_FILE" ] && [ -s "$TF_DIR/$FINGERPRINT_FILE" ] || return 1
  current=$(fingerprint) || return 1
  [ -n "$current" ] && [ "$current" = "$(cat "$TF_DIR/$FINGERPRINT_FILE")" ]
}

confirm_apply() {
  local assume_yes=$1 answer=""
  if [ "$assume_yes" = true ]; then
    log "--yes: applying without asking"
    return 0
  fi
  printf '\nApply this plan to AWS? Only "yes" applies: ' >&2
  read -r answer || true
  [ "$answer" = yes ] && return 0
  log "nothing was applied. The plan stays in $TF_DIR/$PLAN_FILE: run ./deploy_lambda.sh again to review and apply it."
  exit 1
}

terraform_output() {
  local name=$1 value status=0
  value=$(terraform -chdir="$TF_DIR" output -raw "$name") || status=$?
  if [ "$status" -ne 0 ]; then
    printf "[deploy] error: 'terraform output -raw %s' failed with exit status %d\n" "$name" "$status" >&2
    exit "$status"
  fi
  printf '%s\n' "$value"
}

print_next_steps() {
  local region function_name log_group upload schedule_group closeout dashboard invoke_flags="" tail_logs
  region=$(terraform_output aws_region)
  function_name=$(terraform_output function_name)
  log_group=$(terraform_output log_group_name)
  upload=$(terraform_output token_upload_command)
  schedule_group=$(terraform_output schedule_group_name)
  closeout=$(terraform_output closeout_schedule_name)
  dashboard=$(terraform_output dashboard_url)
  # AWS CLI v2 reads --payload as base64 unless told otherwise; v1 has no such flag and no `logs tail`.
  case "$(aws --version 2>&1)" in
    aws-cli/1.*)
      # Without --start-time it lists the oldest events first: ask for the last 15 minutes.
      tail_logs="aws logs filter-log-events --log-group-name $log_group --region $region --max-items 50 --start-time \$(( (\$(date +%s) - 900) * 1000 ))"
      ;;
    *)
      invoke_flags=" --cli-binary-format raw-in-base64-out"
      tail_logs="aws logs tail $log_group --follow --region $region"
      ;;
  esac
  cat <<EOF

Deployed $function_name. Next steps (from the repository root):

1. Upload the Schwab token file (created by the Schwab login) to its store:
   $upload

2. Invoke the function once and read its answer ("Market is closed" outside the session):
   aws lambda invoke --function-name $function_name --region $region --payload '{}'$invoke_flags /tmp/alpha-kite-response.json && cat /tmp/alpha-kite-response.json

3. Follow its logs:
   $tail_logs

The schedules in group $schedule_group (New York time, weekdays): one run per completed bar
09:31-16:00 (every 5 minutes 09:35-16:00 with run_interval_minutes = 5),
and the close-out run $closeout at 16:10 that reloads the day. List them:
   aws scheduler list-schedules --group-name $schedule_group --region $region

Dashboard: $dashboard

If you set alert_email, confirm the subscription in the email AWS sent, or no alarm will reach you.
EOF
}

main() {
  local plan_only=false assume_yes=false build_mode=""
  while [ $# -gt 0 ]; do
    case "$1" in
      --plan-only) plan_only=true ;;
      --yes) assume_yes=true ;;
      --build)
        case "${2:-}" in
          aot | container | portable) build_mode=$2 ;;
          *)
            printf '[deploy] --build needs aot, container or portable (see ./deploy_lambda.sh --help)\n' >&2
            exit 2
            ;;
        esac
        shift
        ;;
      -h | --help)
        usage
        exit 0
        ;;
      *)
        printf '[deploy] unknown option: %s (see ./deploy_lambda.sh --help)\n' "$1" >&2
        exit 2
        ;;
    esac
    shift
  done

  if [ "$plan_only" = true ] && [ "$assume_yes" = true ]; then
    printf '[deploy] --plan-only and --yes exclude each other (see ./deploy_lambda.sh --help)\n' >&2
    exit 2
  fi
  # Decided before a build of several minutes: the question needs a terminal to be answered on.
  if [ "$plan_only" = false ] && [ "$assume_yes" = false ] && [ ! -t 0 ]; then
    die "no terminal to ask on before applying, and --yes was not given: nothing was built or applied.
  Review the plan first:     ./deploy_lambda.sh --plan-only
  then apply that plan:      ./deploy_lambda.sh --yes"
  fi

  cd "$(dirname "${BASH_SOURCE[0]}")"
  preflight
  local region architecture rid
  region=$(tfvars_string aws_region us-east-1)
  architecture=$(tfvars_string architecture x86_64)
  rid=$(runtime_identifier "$architecture")
  build_mode=$(choose_build "$build_mode" "$architecture")
  check_aws_identity "$region"

  build "$build_mode" "$rid"
  package
  check_package_binaries "$architecture"
  check_size

  if [ "$plan_only" = false ] && saved_plan_is_current; then
    log "applying the plan saved by --plan-only: the package, terraform.tfvars and *.tf are unchanged since"
    run terraform -chdir="$TF_DIR" show "$PLAN_FILE"
  else
    rm -f "$TF_DIR/$FINGERPRINT_FILE"
    terraform_plan
    save_fingerprint
  fi
  if [ "$plan_only" = true ]; then
    log "plan saved to $TF_DIR/$PLAN_FILE (it holds your secrets; git ignores it). Nothing was applied."
    log "apply exactly this plan with: ./deploy_lambda.sh   (it re-plans if anything changed)"
    return 0
  fi
  confirm_apply "$assume_yes"
  # The saved plan holds every variable value, secrets included: keep it only while it is needed.
  trap 'rm -f "$TF_DIR/$PLAN_FILE" "$TF_DIR/$FINGERPRINT_FILE"' EXIT
  run terraform -chdir="$TF_DIR" apply -input=false "$PLAN_FILE"
  print_next_steps
}

main "$@"
