#!/usr/bin/env bash
# The front door: "./kiosk.sh run" starts the product, "./kiosk.sh test" runs every test.
# Each installs what it needs when missing and is safe to run again.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")"

usage() {
  cat <<'USAGE'
usage: ./kiosk.sh run [--Section:Key=value...] [--config FILE]
                          start the kiosk on simulated hardware with a private Mosquitto (the simulator), plus the
                          loket pages and the waiting-room display; prints the URLs, the broker address and the role
                          users with their passwords
       ./kiosk.sh district [--sites N] [--port P] [--tanpa-tls]
                          a whole kabupaten on this machine: three private NATS nodes, a private PostgreSQL, the
                          district service and N simulated Puskesmas (5), each with its own Mosquitto, kiosk and
                          district link; prints the Dinkes dashboard's URL and a login; Ctrl+C stops every part
       ./kiosk.sh test    install what is missing, build, run every test, print "N passed, N failed"; a test run
                          writes only under artifacts/ and temp folders (it checks that git status is unchanged)
       ./kiosk.sh screenshots
                          renew the README's pictures in docs/ (the page tests marked Screenshot=Readme, in Chromium)
       ./kiosk.sh bench [NAME] [ARGS...]
                          run the benchmarks (or those whose name contains NAME); --smoke runs each at its smallest
                          setting, as ./kiosk.sh test does to prove they still measure
       ./kiosk.sh package build the .deb packages for arm64 and amd64 (deploy/package/build-deb.sh [--arch A] [--version V])
       ./kiosk.sh fuzz [TARGET] [MINUTES]
                          coverage-guided fuzzing (afl++ driving SharpFuzz) of a parser of untrusted bytes for MINUTES
                          (10) each: command, mqtt, scan, printer-status, screens, screens-wire, or all one after another;
                          output in artifacts/fuzz/TARGET/, crash and hang inputs kept in fuzz/findings/TARGET/
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

# The build compiles the broker's client-id plugin (Broker/plugin, C) against Mosquitto's plugin headers.
BUILD_PACKAGES=(gcc libc6-dev mosquitto-dev libmosquitto-dev)
# The arm64 package's plugin is cross-compiled.
CROSS_PACKAGES=(gcc-aarch64-linux-gnu libc6-dev-arm64-cross)

ensure_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "The .NET 10 SDK is needed (dotnet was not found on PATH). See README.md." >&2
    exit 1
  fi
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
}

# The simulator: the real kiosk on simulated buttons, reader and printer, with a private Mosquitto it starts itself.
# Arguments go to the simulator (e.g. --Kiosk:Printer:PaperWidthMm=58); it prints the broker's address and users.
cmd_run() {
  ensure_packages mosquitto mosquitto-clients espeak-ng "${BUILD_PACKAGES[@]}"
  ensure_dotnet
  first_build_notice Simulator/bin/Release/net10.0/Kiosk.Simulator.dll "the simulator" "about 4 minutes"
  build_with_progress Simulator/Simulator.csproj -c Release
  Simulator/bin/Release/net10.0/voice/generate-clips.sh >/dev/null
  exec dotnet Simulator/bin/Release/net10.0/Kiosk.Simulator.dll "$@"
}

# A simulated kabupaten (Kabupaten/): every part private to this run and stopped on exit, the machine's own NATS and
# PostgreSQL services untouched. Arguments go to the launcher (--sites N, --port P, --tanpa-tls).
cmd_district() {
  ensure_packages mosquitto nats-server postgresql "${BUILD_PACKAGES[@]}"
  ensure_dotnet
  first_build_notice Kabupaten/bin/Release/net10.0/Kiosk.Kabupaten.dll "the kabupaten launcher" "several minutes (the simulator and the district service)"
  build_with_progress Kabupaten/Kabupaten.csproj -c Release
  exec dotnet Kabupaten/bin/Release/net10.0/Kiosk.Kabupaten.dll "$@"
}

cmd_test() {
  # chromium: the page tests (Playwright drives Debian's browser); espeak-ng: the display's voice clips; strace: the
  # fsync bench's smoke run; nats-server and postgresql: the district tier's private cluster and database (the tests
  # start their own, never the machine's services).
  ensure_packages mosquitto mosquitto-clients chromium espeak-ng strace nats-server postgresql "${BUILD_PACKAGES[@]}"
  # node and npm: the independent AsyncAPI parser. Asked by command, not package: a Node.js from another source
  # (NodeSource's nodejs ships npm inside it) conflicts with Debian's npm package.
  command -v node >/dev/null 2>&1 || ensure_packages nodejs
  command -v npm >/dev/null 2>&1 || ensure_packages npm
  ensure_dotnet
  local results=artifacts/test-results
  rm -rf "$results"
  mkdir -p "$results"
  local tree_before=""
  in_git_checkout && tree_before=$(tree_state)
  first_build_notice tests/Simulator.Tests/bin/Release/net10.0/Simulator.Tests.dll "every project" \
    "several minutes (about 4 for the simulator alone)"
  build_with_progress Kiosk.sln -c Release
  local status=0
  # --blame-hang-timeout: a test that hangs despite its own bounded waits fails after 5 minutes instead of stalling CI.
  dotnet test Kiosk.sln -c Release --no-build -nologo --blame-hang-timeout 5min \
    --filter "FullyQualifiedName!~Kiosk.Package.Tests&FullyQualifiedName!~Kiosk.Vm.Tests" \
    --results-directory "$results" || status=$?
  test_bench_smoke "$results" || status=$?
  test_emulated_tiers "$results" || status=$?
  check_tree_unchanged "$tree_before"
  summarize "$results" "$status"
}

# The build's progress, one line per project as it finishes ("  built Broker"), and its errors in full; dotnet's exit
# status. -v quiet printed nothing for the minutes of a first build, which looks like a hang.
build_with_progress() {
  local status=0
  # After "Build FAILED." MSBuild repeats every error; they were shown as they came.
  dotnet build "$@" -nologo -v minimal -tl:off 2>&1 | while IFS= read -r line; do
    case "$line" in
      *"Build FAILED"*) echo "$line" >&2; summary=1 ;;
      *": error "* | *": warning "*) [ -n "${summary:-}" ] || echo "$line" >&2 ;;
      *" -> "*) name=${line%% -> *}; echo "  built ${name#"${name%%[! ]*}"}" ;;
    esac
  done || status=$?
  return "$status"
}

# Says once, before a build from nothing (OUTPUT missing), how long it takes, so the wait is expected.
first_build_notice() {
  local output=$1 what=$2 duration=$3
  [ -e "$output" ] || echo "First run: building $what takes $duration; later runs take seconds."
}

in_git_checkout() {
  command -v git >/dev/null 2>&1 && git rev-parse --is-inside-work-tree >/dev/null 2>&1
}

# What git sees changed or new, each path with its content hash: a run that rewrites a tracked file (or leaves a new
# file outside the ignored folders) changes this, even in a tree that was already dirty before the run.
tree_state() {
  git status --porcelain -uall | while IFS= read -r line; do
    printf '%s %s\n' "$line" "$(git hash-object -- "${line:3}" 2>/dev/null || true)"
  done
}

# Checks run by this script rather than by a test project, counted in the summary with the tests.
script_checks_passed=0
script_checks_failed=0
script_checks_skipped=0

# The build and tests must leave the checkout as they found it (tests write under artifacts/ and temp folders; the
# README's screenshots are made by ./kiosk.sh screenshots): one check, counted as a test.
check_tree_unchanged() {
  local before=$1
  if ! in_git_checkout; then
    echo "Tree check skipped: not a git checkout."
    script_checks_skipped=$((script_checks_skipped + 1))
    return
  fi
  local changed
  changed=$(diff <(printf '%s\n' "$before") <(tree_state) | sed -n 's/^> \(...[^ ]*\).*/  \1/p' || true)
  if [ -n "$changed" ]; then
    echo "The test run changed files in the checkout (a test must write under artifacts/ or a temp folder):" >&2
    echo "$changed" >&2
    script_checks_failed=$((script_checks_failed + 1))
  else
    script_checks_passed=$((script_checks_passed + 1))
  fi
}

# ./kiosk.sh screenshots: the README's pictures, renewed on purpose. Only the tests marked Screenshot=Readme run, with
# KIOSK_SCREENSHOTS_DIR pointing at docs/ (an ordinary test run saves the same pictures under artifacts/screenshots/).
cmd_screenshots() {
  ensure_packages mosquitto mosquitto-clients chromium espeak-ng "${BUILD_PACKAGES[@]}"
  ensure_dotnet
  local marker status=0
  marker=$(mktemp)
  for project in tests/Screens.Tests tests/Simulator.Tests; do
    build_with_progress "$project" -c Release
    KIOSK_SCREENSHOTS_DIR=$PWD/docs dotnet test "$project" -c Release --no-build -nologo \
      --filter "Screenshot=Readme" || status=$?
  done
  local written
  written=$(find docs -name '*.png' -newer "$marker" | sort)
  rm -f "$marker"
  if [ -z "$written" ]; then
    echo "No screenshot was written: the tests above say why (e.g. skipped: no Chromium)." >&2
    exit 1
  fi
  echo "Written (review with git diff docs/, then commit):"
  sed 's/^/  /' <<<"$written"
  return "$status"
}

# The package tiers, after the others and one at a time (each keeps both cores busy): the arm64 package under
# qemu-user, then the amd64 package in a Debian VM. Their own bounded waits are minutes under emulation, so their
# hang limit is longer. CI_UNDER_LOAD=1 or KIOSK_VM_TESTS=0 leaves the VM tier out; its tests then report skipped,
# with the reason.
test_emulated_tiers() {
  local results=$1 status=0
  # clang: the Native AOT kiosk test (tests/Package.Tests) links the kiosk with it; without it that test reports skipped.
  ensure_packages qemu-user-static libc6-arm64-cross libstdc++6-arm64-cross qemu-system-x86 qemu-utils debootstrap \
    openssh-client e2fsprogs clang "${CROSS_PACKAGES[@]}"
  local packages
  packages=$(readlink -f artifacts/test-packages)
  rm -rf "$packages"
  deploy/package/build-deb.sh --output "$packages" > /dev/null || return 1
  export KIOSK_TEST_PACKAGES=$packages
  if [ "${CI_UNDER_LOAD:-}" = 1 ]; then
    echo "CI_UNDER_LOAD=1: the VM tier (tests/Vm.Tests) is left out; its tests report skipped."
  elif [ "${KIOSK_VM_TESTS:-}" = 0 ]; then
    echo "KIOSK_VM_TESTS=0: the VM tier (tests/Vm.Tests) is left out; its tests report skipped."
  else
    echo "The VM tier (tests/Vm.Tests): about 16 minutes, 6 more the first time (it builds the VM image)."
  fi
  for project in tests/Package.Tests tests/Vm.Tests; do
    dotnet test "$project" -c Release --no-build -nologo --blame-hang-timeout 20min \
      --results-directory "$results" || status=$?
  done
  return "$status"
}

# Every bench at its smallest setting (--smoke, seconds each), one test each in bench-smoke.trx, so a bench whose work
# stopped happening (0 tickets, a refused command, a crash) fails the suite instead of rotting unseen. Each bench's
# output is kept in RESULTS/bench-NAME.log.
test_bench_smoke() {
  local results=$1 passed=0 failed=0 rows="" bench name dll started outcome
  for bench in bench/*/*.Bench.csproj; do
    name=$(basename "$bench" .csproj)
    dll=$(dirname "$bench")/bin/Release/net10.0/$(sed -n 's:.*<AssemblyName>\(.*\)</AssemblyName>.*:\1:p' "$bench").dll
    started=$SECONDS
    [ -f "$dll" ] || echo "$dll is not built" > "$results/bench-$name.log"
    if [ -f "$dll" ] && timeout --kill-after=10 180 dotnet "$dll" --smoke > "$results/bench-$name.log" 2>&1; then
      outcome=Passed
      passed=$((passed + 1))
    else
      outcome=Failed
      failed=$((failed + 1))
      echo "bench smoke $name failed: $(tail -n 1 "$results/bench-$name.log")" >&2
    fi
    rows+="    <UnitTestResult testName=\"bench smoke: $name\" outcome=\"$outcome\" duration=\"$(printf '00:%02d:%02d' $(((SECONDS - started) / 60)) $(((SECONDS - started) % 60)))\" />"$'\n'
  done
  cat > "$results/bench-smoke.trx" <<TRX
<?xml version="1.0" encoding="UTF-8"?>
<TestRun name="bench-smoke" xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
  <Results>
$rows  </Results>
  <ResultSummary outcome="Completed">
    <Counters total="$((passed + failed))" executed="$((passed + failed))" passed="$passed" failed="$failed" error="0" timeout="0" aborted="0" />
  </ResultSummary>
</TestRun>
TRX
  [ "$failed" -eq 0 ]
}

# Sum the TRX counters of every test project and of the bench smoke step; fail when a test failed, a project wrote no
# results, or nothing ran.
summarize() {
  local results=$1 status=$2 passed=0 failed=0 skipped=0 total=0 files=0
  local projects
  projects=$(($(find tests -name '*.Tests.csproj' | wc -l) + 1))
  for trx in "$results"/*.trx; do
    [ -f "$trx" ] || continue
    files=$((files + 1))
    local counters
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
    value() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
    passed=$((passed + $(value passed)))
    failed=$((failed + $(value failed) + $(value error) + $(value timeout) + $(value aborted)))
    # The TRX counters have no skipped field: a skipped test is counted in total but not executed.
    skipped=$((skipped + $(value total) - $(value executed)))
    total=$((total + $(value total)))
  done
  if [ "$files" -lt "$projects" ]; then
    echo "Only $files of $projects test projects wrote results: a test host crashed or did not start." >&2
    failed=$((failed + projects - files))
  fi
  passed=$((passed + script_checks_passed))
  failed=$((failed + script_checks_failed))
  skipped=$((skipped + script_checks_skipped))
  total=$((total + script_checks_passed + script_checks_failed + script_checks_skipped))
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
  # strace: bench/Fsync.Bench counts fsync calls with it; nats-server and postgresql: bench/District.Bench's private
  # cluster and database
  ensure_packages mosquitto mosquitto-clients strace nats-server postgresql "${BUILD_PACKAGES[@]}"
  ensure_dotnet
  local filter=""
  # bench/*/*.Bench.csproj: bench/BareWorker is the kiosk bench's baseline worker, not a bench (it runs until stopped).
  if [ $# -gt 0 ] && ls bench/*/*.Bench.csproj | grep -qi -- "$1"; then
    filter=$1
    shift
  fi
  local found=0 status=0
  for bench in bench/*/*.Bench.csproj; do
    [ -f "$bench" ] || continue
    if [ -n "$filter" ] && ! grep -qi -- "$filter" <<<"$bench"; then
      continue
    fi
    found=1
    echo "== $bench"
    dotnet run -c Release --project "$bench" -- "$@" || status=1
  done
  [ "$found" -eq 1 ] || { echo "No benchmark matches '${filter}'."; return 2; }
  return "$status"
}

# The Debian packages for the Pi (arm64) and a mini-PC (amd64), built here with the SDK; see deploy/package/.
cmd_package() {
  ensure_packages "${BUILD_PACKAGES[@]}" "${CROSS_PACKAGES[@]}"
  ensure_dotnet
  deploy/package/build-deb.sh "$@"
}

# ./kiosk.sh fuzz [target] [minutes]: afl-fuzz drives the harness (fuzz/Kiosk.Fuzz) on the seed corpus in fuzz/seeds/TARGET.
# Only a copy of the library under test is instrumented (dotnet sharpfuzz, the local tool in .config/dotnet-tools.json):
# an instrumented harness crashes with an access violation. afl-fuzz runs one target at a time on one core.
cmd_fuzz() {
  ensure_packages afl++
  ensure_dotnet
  local target="" minutes=10
  for arg in "$@"; do
    if [[ "$arg" =~ ^[0-9]+$ ]]; then minutes=$arg; else target=$arg; fi
  done
  dotnet tool restore > /dev/null
  dotnet build fuzz/Kiosk.Fuzz/Kiosk.Fuzz.csproj -c Release -nologo -v quiet
  local bin=fuzz/Kiosk.Fuzz/bin/Release/net10.0
  # One line per target: its name, then the assemblies to instrument for it (the harness owns the list).
  local targets
  targets=$(dotnet "$bin/Kiosk.Fuzz.dll" --list)
  if [ -n "$target" ] && ! grep -q "^$target " <<<"$targets"; then
    echo "Unknown fuzz target '$target'; targets: $(cut -d' ' -f1 <<<"$targets" | xargs)" >&2
    exit 2
  fi
  local summary=() line
  while read -r name assemblies; do
    if [ -n "$target" ] && [ "$name" != "$target" ]; then
      continue
    fi
    line=$(fuzz_target "$bin" "$name" "$minutes" $assemblies)
    summary+=("$line")
  done <<<"$targets"
  printf '%s\n' "${summary[@]}"
}

fuzz_target() {
  local bin=$1 name=$2 minutes=$3
  shift 3
  local out=artifacts/fuzz/$name
  # A run starts from the seeds plus the corpus the last run of this target built (its queue), so runs add up.
  local previous=artifacts/fuzz/.previous-$name
  rm -rf "$previous"
  [ -d "$out/findings/default/queue" ] && mv "$out/findings/default/queue" "$previous"
  rm -rf "$out"
  mkdir -p "$out/input"
  cp "fuzz/seeds/$name"/* "$out/input/"
  if [ -d "$previous" ]; then
    find "$previous" -maxdepth 1 -type f -name 'id:*' -exec sh -c 'cp "$1" "$2/queue-$(basename "$1" | cut -c4-9)"' _ {} "$out/input" \;
    rm -rf "$previous"
  fi
  cp -r "$bin" "$out/bin"
  for assembly in "$@"; do
    dotnet sharpfuzz "$out/bin/$assembly" > "$out/instrument.log"
  done
  local dictionary=()
  [ -f "fuzz/dictionaries/$name.dict" ] && dictionary=(-x "fuzz/dictionaries/$name.dict")
  echo "== fuzz $name: $minutes min, log in $out/afl.log" >&2
  # No root-owned tweaks: afl's core_pattern and CPU governor checks are skipped, its binary check too (the target is
  # dotnet), no core is pinned (the machine is shared). -t: an input running over 2 s is a hang.
  AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1 \
    AFL_FORKSRV_INIT_TMOUT=60000 AFL_IGNORE_UNKNOWN_ENVS=1 \
    afl-fuzz -i "$out/input" -o "$out/findings" -V $((minutes * 60)) -t 2000 -m none "${dictionary[@]}" \
    -- dotnet "$out/bin/Kiosk.Fuzz.dll" "$name" < /dev/null > "$out/afl.log" 2>&1 || {
    echo "afl-fuzz failed for $name (last lines of $out/afl.log):" >&2
    tail -n 15 "$out/afl.log" >&2
    echo "$name: afl-fuzz failed"
    return 0
  }
  # Crash and hang inputs are kept under their content hash, so a finding found again is not added twice.
  local kept=fuzz/findings/$name stats=$out/findings/default/fuzzer_stats
  for folder in crashes hangs; do
    local kind=${folder%s}
    kind=${kind%e}
    for input in "$out/findings/default/$folder"/id:*; do
      [ -f "$input" ] || continue
      mkdir -p "$kept"
      cp "$input" "$kept/$kind-$(sha256sum "$input" | cut -c1-16)"
      # What each crash throws, replayed on the uninstrumented harness: one line per distinct exception, with a count.
      if [ "$kind" = crash ]; then
        timeout 20 dotnet "$bin/Kiosk.Fuzz.dll" "$name" < "$input" 2>&1 >/dev/null \
          | sed -n 's/^Unhandled exception\. //p' | head -n 1 >> "$out/crash-reasons.txt" || true
      fi
    done
  done
  [ -s "$out/crash-reasons.txt" ] && sort "$out/crash-reasons.txt" | uniq -c | sort -rn | sed "s/^/  $name crash: /" >&2
  stat_of() { sed -n "s/^$1 *: *//p" "$stats"; }
  echo "$name: $minutes min, $(stat_of execs_done) execs ($(stat_of execs_per_sec)/s), $(stat_of saved_crashes) crashes, $(stat_of saved_hangs) hangs, corpus $(stat_of corpus_count) inputs from $(find "$out/input" -type f | wc -l)"
}

case "${1:-}" in
  run) shift; cmd_run "$@" ;;
  district) shift; cmd_district "$@" ;;
  test) shift; cmd_test "$@" ;;
  screenshots) shift; cmd_screenshots "$@" ;;
  bench) shift; cmd_bench "$@" ;;
  package) shift; cmd_package "$@" ;;
  fuzz) shift; cmd_fuzz "$@" ;;
  *) usage; exit 2 ;;
esac
