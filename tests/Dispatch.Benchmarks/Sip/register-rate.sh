#!/usr/bin/env bash
# Issue 4 benchmark: sipp REGISTER-with-digest rate at 0 failed calls against Dispatch's registrar (the single-node
# gateway process, as run.sh starts it) and against Kamailio 5.6 with kamailio-registrar.cfg, on this machine in the
# same run, with the same 1,550 demo desk-phone credentials. Prints both rates and their ratio (docs/benchmarks.md).
#
#   tests/Dispatch.Benchmarks/Sip/register-rate.sh [calls] [concurrency] [kamailio children] [pairs]
#
# Each sipp "call" is REGISTER, 401 with a challenge, REGISTER with digest credentials, 200 (4 messages).
# Also prints each server's CPU time per call (from /proc; sipp's own CPU is not counted), which does not depend on
# how the two cores were shared.
# The rate is successful calls / wall time of the measured sipp run, after a warm-up of three passes over every user.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
calls=${1:-20000}
concurrency=${2:-100}
children=${3:-2}
pairs=${4:-3}
work=$(mktemp -d /tmp/dispatch-register-rate-XXXXXX)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket,sys; s=socket.socket(socket.AF_INET, getattr(socket, sys.argv[1])); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' "$1"; }
# The gateway listens for SIP on UDP and TCP at the same port: find one free on both (a UDP-only pick collided with
# busy TCP ports often enough to abort the gateway's start while other benchmarks held thousands of connections).
free_sip_port() {
    python3 - <<'PY'
import socket
while True:
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    udp.bind(("127.0.0.1", 0))
    port = udp.getsockname()[1]
    tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        tcp.bind(("127.0.0.1", port))
    except OSError:
        continue
    print(port)
    break
PY
}

dotnet build "$root/Dispatch.Gateway/Dispatch.Gateway.csproj" -c Release -nologo -v quiet >/dev/null
dotnet build "$root/tests/Dispatch.Benchmarks/Dispatch.Benchmarks.csproj" -c Release -nologo -v quiet >/dev/null
users=$(dotnet "$root/tests/Dispatch.Benchmarks/bin/Release/net10.0/Dispatch.Benchmarks.dll" sip-users "$work")
scenario="$root/tests/Dispatch.Gateway.Tests/Media/Sipp/register-digest.xml"

# CPU seconds (user + system) used so far by these processes, all their threads.
cpu_seconds() {
    python3 - "$@" <<'PY'
import os, sys
total = 0
for pid in sys.argv[1:]:
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    total += int(fields[11]) + int(fields[12])
print(total / os.sysconf("SC_CLK_TCK"))
PY
}
per_call_us() { python3 -c "print(f'{($2 - $1) / $3 * 1e6:.0f}')" "$@"; }

# sipp against one registrar; prints "rate successful failed". Each registrar gets one sipp port for the whole run
# (its warm-up and every pair), so every REGISTER after the first of a user refreshes the same Contact, as a phone
# does. A new port per run added a binding per user and run on both servers (the 200 lists them all): Dispatch's cost
# per call grew from pair to pair, and after ten runs each user hit the limit of 10 contacts per worker (403).
sipp_port_for() { case $1 in *":$sip_port") echo "$dispatch_sipp_port";; *) echo "$kamailio_sipp_port";; esac; }
run_sipp() {
    local target=$1 count=$2 name=$3
    local stats="$work/$name.stf"
    local start end
    start=$(date +%s.%N)
    sipp "$target" -sf "$scenario" -inf "$work/users.csv" -i 127.0.0.1 -p "$(sipp_port_for "$target")" \
        -m "$count" -l "$concurrency" -r 100000 -nostdin -timeout 300s -timeout_error -recv_timeout 10000 \
        -trace_stat -stf "$stats" >"$work/$name.out" 2>&1 || true
    end=$(date +%s.%N)
    python3 "$here/sipp-rate.py" "$stats" "$start" "$end"
}

# Dispatch: the single-node gateway with demo data and SIP on a free port.
sip_port=$(free_sip_port)
dispatch_sipp_port=$(free_port SOCK_DGRAM)
kamailio_sipp_port=$(free_port SOCK_DGRAM)
while [ "$kamailio_sipp_port" = "$dispatch_sipp_port" ]; do kamailio_sipp_port=$(free_port SOCK_DGRAM); done
http_port=$(free_port SOCK_STREAM)
(cd "$root/Dispatch.Gateway/bin/Release/net10.0" && exec dotnet Dispatch.Gateway.dll \
    --Dispatch:DataFolder="$work/data" --Dispatch:DemoData=true --urls "http://127.0.0.1:$http_port" \
    --Dispatch:SiloPort="$(free_port SOCK_STREAM)" --Dispatch:GatewayPort="$(free_port SOCK_STREAM)" \
    --Dispatch:Sip:Enabled=true --Dispatch:Sip:Port="$sip_port" --Dispatch:Sip:DigestAlgorithms=MD5,SHA-256 \
    --Logging:LogLevel:Default=Warning >"$work/gateway.log" 2>&1) &
gateway_pid=$!
pids+=($gateway_pid)
for _ in $(seq 1 360); do
    curl -fs "http://127.0.0.1:$http_port/healthz" >/dev/null 2>&1 && break
    sleep 0.5
done
curl -fs "http://127.0.0.1:$http_port/healthz" >/dev/null || { echo "gateway did not start"; tail -20 "$work/gateway.log"; exit 1; }
# Ready is not idle: after /healthz the gateway still compiles its own code on a background thread (CodeWarmUp, about
# 5 s of CPU) and settles its demo data. Measuring before that ends counted the compiler as the registrar's cost (11 %
# of the gateway's samples in one profile), so wait until the gateway uses under 20 % of a core for two seconds running (idle, its timers take about 6 %).
wait_idle() {
    local pid=$1 quiet=0 before after
    for _ in $(seq 1 240); do
        before=$(cpu_seconds "$pid")
        sleep 1
        after=$(cpu_seconds "$pid")
        if python3 -c "import sys; sys.exit(0 if $after - $before < 0.2 else 1)"; then
            quiet=$((quiet + 1))
            [ "$quiet" -ge 2 ] && return 0
        else
            quiet=0
        fi
    done
    echo "warning: the gateway never went idle before the measurement" >&2
}
wait_idle "$gateway_pid"

# Kamailio: same credentials, in-memory location.
kam_port=$(free_port SOCK_DGRAM)
kamailio -DD -E -f "$here/kamailio-registrar.cfg" -P "$work/kamailio.pid" -A "BENCH_LISTEN=udp:127.0.0.1:$kam_port" \
    -A "BENCH_DBURL=\"text://$work\"" -A "BENCH_CHILDREN=$children" >"$work/kamailio.log" 2>&1 &
kamailio_pid=$!
pids+=($kamailio_pid)
sleep 2
# The main process and the UDP children it forked.
kamailio_pids=("$kamailio_pid" $(pgrep -P "$kamailio_pid" | tr '\n' ' '))

echo "users: $users, measured calls: $calls, sipp concurrency: $concurrency, kamailio children: $children, cores: $(nproc), load: $(cut -d' ' -f1-3 /proc/loadavg)"
# Warm-up: every user registers three times on each (first bindings, presence, JIT tiering of the .NET side).
read -r _ _ _ < <(run_sipp "127.0.0.1:$sip_port" "$((users * 3))" dispatch-warmup)
read -r _ _ _ < <(run_sipp "127.0.0.1:$kam_port" "$((users * 3))" kamailio-warmup)
# Alternate the two, Kamailio first in each pair, so that load from other processes falls on both alike.
ratios=()
for round in $(seq 1 "$pairs"); do
    k_cpu=$(cpu_seconds "${kamailio_pids[@]}")
    read -r k_rate k_ok k_failed < <(run_sipp "127.0.0.1:$kam_port" "$calls" "kamailio-$round")
    k_us=$(per_call_us "$k_cpu" "$(cpu_seconds "${kamailio_pids[@]}")" "$k_ok")
    d_cpu=$(cpu_seconds "$gateway_pid")
    read -r d_rate d_ok d_failed < <(run_sipp "127.0.0.1:$sip_port" "$calls" "dispatch-$round")
    d_us=$(per_call_us "$d_cpu" "$(cpu_seconds "$gateway_pid")" "$d_ok")
    ratio=$(python3 -c "print(f'{$d_rate / $k_rate:.2f}')")
    ratios+=("$ratio")
    echo "pair $round (load $(cut -d' ' -f1 /proc/loadavg)): kamailio $k_rate REGISTER/s ($k_ok ok, $k_failed failed); dispatch $d_rate REGISTER/s ($d_ok ok, $d_failed failed); ratio $ratio"
    echo "  server CPU per call (two REGISTERs, sipp not counted): kamailio $k_us µs, dispatch $d_us µs"
done
echo "median ratio: $(printf '%s\n' "${ratios[@]}" | sort -n | python3 -c 'import sys, statistics; print(f"{statistics.median(float(l) for l in sys.stdin):.2f}")')"
