#!/usr/bin/env bash
# Starts the whole single-node Dispatch: gateway + silo + web clients in one process,
# SQLite storage in ./data, demo data on first start. http://127.0.0.1:5080
set -euo pipefail
root=$(cd "$(dirname "$0")" && pwd)
cd "$root"
build/ensure-tools.sh run
dotnet build Dispatch.Gateway/Dispatch.Gateway.csproj -c Release -nologo -v quiet
cd Dispatch.Gateway/bin/Release/net10.0
exec dotnet Dispatch.Gateway.dll --Dispatch:DataFolder="${DISPATCH_DATA:-$root/data}" "$@"
