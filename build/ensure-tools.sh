#!/usr/bin/env bash
# Installs the Debian packages a Dispatch command needs when they are missing.
# Usage: build/ensure-tools.sh run|test
# Nothing may rely on a machine prepared by hand: every tool the tests call is listed here.
set -euo pipefail

need_run=()
# The tests talk to real peers and a real database, never mocks (see README, "Tests").
need_test=(
  "postgresql:/usr/lib/postgresql"      # cluster mode: membership, state, reminders
  "docker-compose:/usr/bin/docker-compose" # validates docker-compose.yml (no engine needed)
  "sip-tester:/usr/bin/sipp"            # SIP registrar and call tests against a real UAC/UAS
  "baresip:/usr/bin/baresip"            # a real SIP softphone: registers, auto-answers, RTP
  "baresip-ffmpeg:/usr/lib/baresip/modules/avcodec.so" # its H.264 (libx264, FFmpeg) for the video phone test
  "kamailio:/usr/sbin/kamailio"         # the REGISTER-rate baseline in docs/benchmarks.md
  "python3-aiortc:/usr/lib/python3/dist-packages/aiortc" # WebRTC interop peer (run with /usr/bin/python3)
  "chromium:/usr/bin/chromium"          # WebRTC interop and web-page tests, headless
  "nodejs:/usr/bin/node"                # drives Chromium through playwright-core
  "npm:/usr/bin/npm"                    # installs playwright-core (no browser download)
  "iproute2:/usr/sbin/ip"               # network namespaces: Chromium gathers no loopback candidate
)

case "${1:-test}" in
  run) wanted=("${need_run[@]}") ;;
  test) wanted=("${need_run[@]}" "${need_test[@]}") ;;
  *) echo "usage: $0 run|test" >&2; exit 2 ;;
esac

if ! command -v dotnet >/dev/null 2>&1; then
  echo "error: the .NET 10 SDK (dotnet) is not on PATH. Install the .NET SDK 10.0.4xx, then run this again." >&2
  exit 1
fi

missing=()
for entry in "${wanted[@]}"; do
  package=${entry%%:*}
  probe=${entry#*:}
  if [ ! -e "$probe" ]; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing missing packages: ${missing[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
