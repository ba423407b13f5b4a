#!/usr/bin/env bash
# The front door: "./kiosk.sh run" starts the product, "./kiosk.sh test" runs every test.
# Each installs what it needs when missing and is safe to run again.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")"

usage() {
  cat <<'USAGE'
usage: ./kiosk.sh run     start the kiosk on simulated hardware with a private Mosquitto (the simulator)
       ./kiosk.sh broker  start only the private Mosquitto with the role users
       ./kiosk.sh test    install what is missing, build, run every test, print "N passed, N failed"
       ./kiosk.sh bench   run the benchmarks (not part of the tests)
USAGE
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# apt packages the product and its tests use; installed only when missing.
ensure_packages() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

ensure_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "The .NET 10 SDK is needed (dotnet was not found on PATH). See README.md." >&2
    exit 1
  fi
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
}

# The simulator: the real kiosk on simulated buttons, reader and printer, with a private Mosquitto it starts itself.
cmd_run() {
  ensure_packages mosquitto mosquitto-clients
  ensure_dotnet
  dotnet build Simulator/Simulator.csproj -c Release -nologo -v quiet
  exec dotnet Simulator/bin/Release/net10.0/Kiosk.Simulator.dll "$@"
}

# Only the private broker with its role users, for connecting your own clients.
cmd_broker() {
  ensure_packages mosquitto mosquitto-clients
  ensure_dotnet
  dotnet build Broker/Broker.csproj -c Release -nologo -v quiet
  exec dotnet Broker/bin/Release/net10.0/Kiosk.Broker.dll run "$@"
}

cmd_test() {
  ensure_packages mosquitto mosquitto-clients chromium
  ensure_dotnet
  local results=artifacts/test-results
  rm -rf "$results"
  mkdir -p "$results"
  dotnet build Kiosk.sln -c Release -nologo -v quiet
  local status=0
  # --blame-hang-timeout: a test that hangs despite its own bounded waits fails after 5 minutes instead of stalling CI.
  dotnet test Kiosk.sln -c Release --no-build -nologo --blame-hang-timeout 5min \
    --results-directory "$results" || status=$?
  summarize "$results" "$status"
}

# Sum the TRX counters of every test project; fail when a test failed, a project wrote no results, or nothing ran.
summarize() {
  local results=$1 status=$2 passed=0 failed=0 skipped=0 total=0 files=0
  local projects
  projects=$(find tests -name '*.Tests.csproj' | wc -l)
  for trx in "$results"/*.trx; do
    [ -f "$trx" ] || continue
    files=$((files + 1))
    local counters
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
    value() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
    passed=$((passed + $(value passed)))
    failed=$((failed + $(value failed) + $(value error) + $(value timeout) + $(value aborted)))
    skipped=$((skipped + $(value notExecuted)))
    total=$((total + $(value total)))
  done
  if [ "$files" -lt "$projects" ]; then
    echo "Only $files of $projects test projects wrote results: a test host crashed or did not start." >&2
    failed=$((failed + projects - files))
  fi
  local line="$passed passed, $failed failed"
  [ "$skipped" -gt 0 ] && line="$line, $skipped skipped"
  echo "$line"
  if [ "$failed" -gt 0 ] || [ "$status" -ne 0 ] || [ "$total" -eq 0 ]; then
    exit 1
  fi
}

# ./kiosk.sh bench [name] [args...]: every benchmark, or those whose project name contains NAME (e.g. mqtt, queue,
# printing, devicedrivers, kiosk), with ARGS passed on.
cmd_bench() {
  ensure_packages mosquitto mosquitto-clients
  ensure_dotnet
  local filter=""
  if [ $# -gt 0 ] && ls bench/*/*.csproj | grep -qi -- "$1"; then
    filter=$1
    shift
  fi
  local found=0
  for bench in bench/*/*.csproj; do
    [ -f "$bench" ] || continue
    if [ -n "$filter" ] && ! grep -qi -- "$filter" <<<"$bench"; then
      continue
    fi
    found=1
    echo "== $bench"
    dotnet run -c Release --project "$bench" -- "$@"
  done
  [ "$found" -eq 1 ] || echo "No benchmark matches '${filter}'."
}

case "${1:-}" in
  run) shift; cmd_run "$@" ;;
  broker) shift; cmd_broker "$@" ;;
  test) shift; cmd_test "$@" ;;
  bench) shift; cmd_bench "$@" ;;
  *) usage; exit 2 ;;
esac
