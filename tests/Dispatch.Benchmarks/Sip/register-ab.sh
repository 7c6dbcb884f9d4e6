#!/usr/bin/env bash
# A/B of the gateway's CPU per sipp REGISTER call between gateway builds (no Kamailio: see register-rate.sh for that).
#
#   tests/Dispatch.Benchmarks/Sip/register-ab.sh PAIRS CALLS ROUNDS label=build-folder[=ENV=value] ...
#
# Freeze each build first, e.g. `cp -r Dispatch.Gateway/bin/Release/net10.0 /tmp/bin-before`. Per pair, each variant in
# turn: a gateway on a new data folder with demo data and SIP on a free port, a wait until it is idle (its background
# code warm-up done), three warm-up passes over the 1,550 demo phones, then ROUNDS sipp runs of CALLS calls, each
# printed with its rate, failures and the gateway's CPU time per call (from /proc), and the gateway's RSS at the end.
# Per-round noise on the 2-core machine is about ±10 %: compare medians over several pairs.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
pairs=${1:?pairs}; calls=${2:?calls}; rounds=${3:?rounds}; shift 3
work=$(mktemp -d /tmp/dispatch-register-ab-XXXXXX)
trap 'pkill -f "DataFolder=$work" 2>/dev/null; rm -rf "$work"' EXIT
dotnet build "$root/tests/Dispatch.Benchmarks/Dispatch.Benchmarks.csproj" -c Release -nologo -v quiet >/dev/null
dotnet "$root/tests/Dispatch.Benchmarks/bin/Release/net10.0/Dispatch.Benchmarks.dll" sip-users "$work" >/dev/null
scenario="$root/tests/Dispatch.Gateway.Tests/Media/Sipp/register-digest.xml"
free_port() { python3 -c 'import socket,sys; s=socket.socket(socket.AF_INET, getattr(socket, sys.argv[1])); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' "$1"; }
cpu() { python3 -c "import os; f=open('/proc/$1/stat').read().rsplit(')',1)[1].split(); print((int(f[11])+int(f[12]))/os.sysconf('SC_CLK_TCK'))"; }
run_sipp() {
    local start end
    start=$(date +%s.%N)
    # One sipp port per gateway (set in one()): every call after a user's first refreshes the same Contact.
    sipp "127.0.0.1:$1" -sf "$scenario" -inf "$work/users.csv" -i 127.0.0.1 -p "$sipp_port" -m "$2" -l 100 \
        -r 100000 -nostdin -timeout 300s -timeout_error -recv_timeout 10000 -trace_stat -stf "$work/s.stf" >/dev/null 2>&1
    end=$(date +%s.%N)
    python3 "$here/sipp-rate.py" "$work/s.stf" "$start" "$end"
    rm -f "$work/s.stf"
}
one() {
    local label=$1 build=$2 envs=$3 quiet=0 before after
    rm -rf "$work/data"
    local sip_port http_port
    sip_port=$(free_port SOCK_DGRAM); http_port=$(free_port SOCK_STREAM); sipp_port=$(free_port SOCK_DGRAM)
    (cd "$build" && exec env $envs dotnet Dispatch.Gateway.dll --Dispatch:DataFolder="$work/data" --Dispatch:DemoData=true \
        --urls "http://127.0.0.1:$http_port" --Dispatch:SiloPort="$(free_port SOCK_STREAM)" --Dispatch:GatewayPort="$(free_port SOCK_STREAM)" \
        --Dispatch:Sip:Enabled=true --Dispatch:Sip:Port="$sip_port" --Dispatch:Sip:DigestAlgorithms=MD5,SHA-256 \
        --Logging:LogLevel:Default=Warning >"$work/gateway.log" 2>&1) &
    local pid=$!
    for _ in $(seq 1 360); do curl -fs "http://127.0.0.1:$http_port/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
    for _ in $(seq 1 240); do
        before=$(cpu "$pid"); sleep 1; after=$(cpu "$pid")
        if python3 -c "import sys; sys.exit(0 if $after - $before < 0.2 else 1)"; then
            quiet=$((quiet + 1)); [ "$quiet" -ge 2 ] && break
        else
            quiet=0
        fi
    done
    run_sipp "$sip_port" 4650 >/dev/null
    for round in $(seq 1 "$rounds"); do
        local c0 c1 rate ok failed
        c0=$(cpu "$pid"); read -r rate ok failed < <(run_sipp "$sip_port" "$calls"); c1=$(cpu "$pid")
        echo "$label round $round: $rate REGISTER/s, $ok ok, $failed failed, $(python3 -c "print(f'{($c1 - $c0) / max($ok, 1) * 1e6:.0f}')") µs/call, load $(cut -d' ' -f1 /proc/loadavg)"
    done
    echo "$label $(grep VmRSS "/proc/$pid/status" | tr -s ' \t' ' ')"
    kill "$pid"; wait "$pid" 2>/dev/null
}
for _ in $(seq 1 "$pairs"); do
    for variant in "$@"; do
        IFS='=' read -r label build envs <<<"$variant"
        one "$label" "$build" "${envs:-DISPATCH_AB=1}"
    done
done
