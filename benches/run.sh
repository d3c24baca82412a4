#!/usr/bin/env bash
# Benchmarks vendctl against curl, curl | jq and a bash loop of curl calls, and loads
# `vendctl serve` with wrk, on a generated database of 1,001 machines and 120,000 sessions.
# Prints one Markdown table; raw hyperfine and wrk output stays in the output directory.
#
# Usage: benches/run.sh [OUTPUT_DIR]   (default: target/bench)
# Environment: LOAD_SECONDS (length of each wrk run, default 8), RUNS (hyperfine runs of a
# single request, default 100), BULK_RUNS (hyperfine runs over all 1,000 machines, default 3),
# JOBS (vendctl --jobs for the 1,000-machine runs, default 16), VENDCTL (a vendctl binary to
# time instead of building this checkout, such as one built from an older commit).
# Needs hyperfine, jq, curl, wrk, sqlite3 and GNU time; as root it installs missing ones with
# apt-get. Sends requests only to the `vendctl serve` it starts on 127.0.0.1.
set -euo pipefail

LOAD_SECONDS=${LOAD_SECONDS:-8}
RUNS=${RUNS:-100}
BULK_RUNS=${BULK_RUNS:-3}
JOBS=${JOBS:-16}

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:-$repo/target/bench}
mkdir -p "$out"
out=$(cd "$out" && pwd)

die() {
    echo "run.sh: $*" >&2
    exit 1
}

# Command name and the Debian package that provides it.
declare -A packages=(
    [hyperfine]=hyperfine [jq]=jq [curl]=curl [wrk]=wrk [sqlite3]=sqlite3 [cargo]=""
)

ensure_tools() {
    local missing=() installable=()
    for command in "${!packages[@]}"; do
        command -v "$command" >/dev/null || missing+=("$command")
    done
    [[ -x /usr/bin/time ]] || missing+=("/usr/bin/time")
    [[ ${#missing[@]} -eq 0 ]] && return

    for command in "${missing[@]}"; do
        case $command in
            cargo) die "cargo is missing: install a Rust toolchain as the README says" ;;
            /usr/bin/time) installable+=(time) ;;
            *) installable+=("${packages[$command]}") ;;
        esac
    done
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
        echo "installing ${installable[*]} with apt-get" >&2
        apt-get update -qq
        apt-get install -y -qq "${installable[@]}" >/dev/null
    else
        die "missing tools: ${missing[*]}; install them (Debian packages: ${installable[*]}) and run again"
    fi
}

work=$(mktemp -d /tmp/vendctl-bench.XXXXXX)
server_pid=""
url=""

cleanup() {
    local status=$?
    if [[ $status -ne 0 ]] && compgen -G "$work/serve-*.log" >/dev/null; then
        echo "run.sh: failed with status $status; last lines of the server log:" >&2
        tail -n 5 "$work"/serve-*.log >&2
    fi
    if [[ -n $server_pid ]]; then
        kill -TERM "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

# Starts `vendctl serve` on a free loopback port and sets url from its first stderr line.
start_server() {
    local log=$work/serve-$1.log
    "$bin" serve --listen 127.0.0.1:0 --database "$work/bench.db" 2>"$log" &
    server_pid=$!
    local line
    for _ in $(seq 100); do
        line=$(head -n 1 "$log")
        if [[ $line == "listening on http://"* ]]; then
            url=${line#listening on }
            # serve installs its SIGTERM handler once it serves, after printing the address; a
            # request that succeeds shows that stop_server's SIGTERM will be handled.
            curl -sf -o /dev/null "$url/api/admin/machines/BM0001/info" ||
                die "vendctl serve at $url did not respond: $(cat "$log")"
            return
        fi
        kill -0 "$server_pid" 2>/dev/null || die "vendctl serve exited: $(cat "$log")"
        sleep 0.1
    done
    die "vendctl serve printed no address within 10 s: $(cat "$log")"
}

stop_server() {
    kill -TERM "$server_pid"
    wait "$server_pid" || die "vendctl serve exited with status $? after SIGTERM"
    server_pid=""
}

# Prints the median time in milliseconds of command number $2 (0-based) of hyperfine export $1.
median_ms() {
    jq -r ".results[$2].median * 1000" "$1"
}

# Table rows: figure, vendctl value, baseline value, ratio, target.
rows=()
add_row() {
    rows+=("| $1 | $2 | $3 | $4 | $5 |")
}

ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'
}

ms() {
    awk -v value="$1" 'BEGIN { printf "%.1f ms", value }'
}

# Times vendctl (first command) against one or more curl baselines, one row per baseline.
# Commands without a pipe run with -N (no shell), which times processes of a few milliseconds
# more precisely. For a command with a pipe, hyperfine subtracts its measured shell start-up.
compare() {
    local name=$1 target=$2 export=$out/$3.json shell=$4
    shift 4
    local options=(--style basic --warmup 3 --runs "$RUNS" --export-json "$export")
    [[ $shell == none ]] && options+=(-N)
    hyperfine "${options[@]}" "$@" >>"$out/hyperfine.txt"
    local mine baseline label i=1
    mine=$(median_ms "$export" 0)
    shift
    for command in "$@"; do
        baseline=$(median_ms "$export" "$i")
        label=curl
        [[ $command == *"| jq"* ]] && label='curl \| jq .'
        add_row "$name" "$(ms "$mine")" "$(ms "$baseline") ($label)" \
            "$(ratio "$mine" "$baseline")" "$target"
        i=$((i + 1))
    done
}

ensure_tools

if [[ -n ${VENDCTL:-} ]]; then
    bin=$(realpath "$VENDCTL")
    [[ -x $bin ]] || die "VENDCTL=$VENDCTL is not an executable file"
else
    echo "building the release binary" >&2
    (cd "$repo" && cargo build --release --locked --quiet)
    bin=$repo/target/release/vendctl
fi

echo "generating the database in $work" >&2
start_server schema
stop_server
sqlite3 "$work/bench.db" <"$repo/benches/seed.sql"
start_server bench
printf 'BM%04d\n' $(seq 1000) >"$work/machines.txt"
: >"$out/hyperfine.txt"

echo "timing single requests against $url" >&2
vendctl="$bin --api-url $url"
for machine in BM0001 BMBIG; do
    list=$url/api/admin/machines/$machine/sessions?limit=100
    info=$url/api/admin/machines/$machine/info
    label=$machine
    [[ $machine == BMBIG ]] && label="BMBIG (100,000 sessions)"

    compare "sessions list $label, table" "≤ 1.0×" "list-table-$machine" none \
        "$vendctl sessions list $machine --limit 100" "curl -sf '$list'"
    compare "sessions list $label, -o json" "≤ 1.0×" "list-json-$machine" sh \
        "$vendctl -o json sessions list $machine --limit 100" "curl -sf '$list'" "curl -sf '$list' | jq ."
    compare "machine info $label" "≤ 1.0×" "info-$machine" none \
        "$vendctl machine info $machine" "curl -sf '$info'"
done

echo "timing 1,000 machines" >&2
cat >"$work/info-loop.sh" <<EOF
while read -r machine; do
    curl -sf "$url/api/admin/machines/\$machine/info"
done <"$work/machines.txt"
EOF
cat >"$work/dry-run-loop.sh" <<EOF
while read -r machine; do
    curl -sf "$url/api/admin/machines/\$machine/sessions?limit=100"
    curl -sf "$url/api/admin/machines/\$machine/info"
done <"$work/machines.txt"
EOF
bulk() {
    local name=$1 export=$out/$2.json
    hyperfine --style basic --warmup 1 --runs "$BULK_RUNS" --export-json "$export" \
        "$3" "$4" >>"$out/hyperfine.txt"
    local mine baseline speedup
    mine=$(median_ms "$export" 0)
    baseline=$(median_ms "$export" 1)
    speedup=$(ratio "$baseline" "$mine")
    add_row "$name" "$(ms "$mine")" "$(ms "$baseline") (bash loop)" \
        "$(ratio "$mine" "$baseline") ($speedup× faster)" "≥ 20× faster"
}
bulk "machine info, 1,000 machines, --jobs $JOBS" bulk-info \
    "$vendctl -o json machine info --machines-file $work/machines.txt --jobs $JOBS >/dev/null" \
    "bash $work/info-loop.sh >/dev/null"
bulk "sessions cleanup --dry-run, 1,000 machines, --jobs $JOBS" bulk-dry-run \
    "$vendctl -o json sessions cleanup --dry-run --machines-file $work/machines.txt --jobs $JOBS >/dev/null" \
    "bash $work/dry-run-loop.sh >/dev/null"

echo "measuring peak memory" >&2
peak_kib() {
    /usr/bin/time -v -o "$work/time.txt" "$@" >/dev/null
    awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/time.txt"
}
mib() {
    awk -v kib="$1" 'BEGIN { printf "%.1f MiB", kib / 1024 }'
}
big_list=$url/api/admin/machines/BMBIG/sessions?limit=100
for format in table json; do
    # shellcheck disable=SC2086 # $vendctl is the binary and its --api-url option
    mine=$(peak_kib $vendctl -o "$format" sessions list BMBIG --limit 100)
    baseline=$(peak_kib curl -sf "$big_list")
    add_row "peak memory, sessions list BMBIG --limit 100 -o $format" "$(mib "$mine")" \
        "$(mib "$baseline") (curl)" "$(ratio "$mine" "$baseline")" "< 15 MiB"
done

echo "loading vendctl serve for $LOAD_SECONDS s per run" >&2
load() {
    local name=$1 connections=$2 target=$3 threads=2
    shift 3
    [[ $connections -lt $threads ]] && threads=$connections
    local result
    result=$(wrk --threads "$threads" --connections "$connections" --duration "${LOAD_SECONDS}s" \
        --timeout 5s --script "$repo/benches/load.lua" "$@" | tee -a "$out/wrk.txt" | grep '^RESULT')
    local requests duration p50 p99 succeeded limited failed socket_errors
    read -r requests duration p50 p99 succeeded limited failed socket_errors < <(
        sed -E 's/[a-z_0-9]+=//g; s/^RESULT //' <<<"$result")
    local rate
    rate=$(awk -v n="$requests" -v us="$duration" 'BEGIN { printf "%.0f", n / (us / 1e6) }')
    add_row "serve $name, c=$connections: requests/s" "$rate" "–" "–" "–"
    add_row "serve $name, c=$connections: p50 / p99 latency" \
        "$(awk -v a="$p50" -v b="$p99" 'BEGIN { printf "%.2f / %.2f ms", a / 1000, b / 1000 }')" \
        "–" "–" "$target"
    add_row "serve $name, c=$connections: 2xx / 429 / other errors" \
        "$succeeded / $limited / $((failed + socket_errors))" "–" "–" "0 other errors"
}
for connections in 1 8 32; do
    target="–"
    [[ $connections -eq 1 ]] && target="p99 < 5 ms"
    load "list BMBIG --limit 100" "$connections" "$target" "$big_list" -- get
done
for connections in 1 8 32; do
    load "create-session" "$connections" "–" "$url" -- create "c$connections"
done

stop_server

cpu_model=$(lscpu | sed -n 's/^Model name: *//p' | head -n 1)
hypervisor=$(lscpu | sed -n 's/^Hypervisor vendor: *//p' | head -n 1)
{
    echo "Machine: $(nproc) CPUs (nproc), ${cpu_model:-unknown CPU model}${hypervisor:+ under $hypervisor}; $(date -u +%Y-%m-%d)"
    echo
    echo "| figure | vendctl | baseline | ratio (vendctl / baseline) | target |"
    echo "|---|---|---|---|---|"
    printf '%s\n' "${rows[@]}"
} | tee "$out/table.md"
echo "raw results: $out" >&2
