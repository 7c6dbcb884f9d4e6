#!/usr/bin/env bash
# Runs every test of Dispatch against real peers, installing what the tests need when missing.
# The last line is the total over all test projects: "N passed, N failed".
set -uo pipefail
root=$(cd "$(dirname "$0")" && pwd)
cd "$root"
build/ensure-tools.sh test || exit 1

dotnet build Dispatch.sln -c Release -nologo -v quiet || { echo "0 passed, 1 failed"; exit 1; }

log=$(mktemp)
dotnet test Dispatch.sln -c Release --no-build -nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Sum the per-project summaries: "Passed!  - Failed:     0, Passed:    45, Skipped:     0, Total:    45, ..."
read -r passed failed skipped projects < <(awk '
  /(Passed|Failed)! +- +Failed: / {
    gsub(/,/, ""); for (i = 1; i <= NF; i++) {
      if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1)
    }
    n++
  }
  END { printf "%d %d %d %d\n", p, f, s, n }' "$log")
rm -f "$log"

expected=$(ls tests/*/*.Tests.csproj | wc -l)
if [ "$projects" -lt "$expected" ]; then
  echo "error: only $projects of $expected test projects reported a summary (a test host crashed?)" >&2
  [ "$status" -eq 0 ] && status=1
  failed=$((failed + expected - projects))
fi
if [ "$skipped" -gt 0 ]; then
  echo "error: $skipped tests were skipped; this project allows none" >&2
  status=1
fi
echo "$passed passed, $failed failed"
exit "$status"
