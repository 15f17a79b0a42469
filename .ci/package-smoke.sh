#!/usr/bin/env bash
# Packs src/RedisLite with a unique prerelease version into a temporary folder, then restores and runs
# samples/PackageConsumer against that package, the way a user's project would consume it.
# Uses a throw-away NuGet package cache and a throw-away nuget.config that only *adds* the folder as a
# source, so the machine's own NuGet source stays in effect. Exits non-zero on any failure.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="0.1.0-ci.$(date +%s)"
work="$(mktemp -d "${TMPDIR:-/tmp}/redislite-smoke.XXXXXX")"
cleanup() { rm -rf "$work"; }
trap cleanup EXIT

feed="$work/feed"
consumer="$work/consumer"
mkdir -p "$feed" "$work/packages"

echo "package-smoke: packing RedisLite $version"
dotnet pack "$repo_root/src/RedisLite/RedisLite.csproj" -c Release -o "$feed" -p:Version="$version" --nologo

if [[ ! -f "$feed/RedisLite.$version.nupkg" ]]; then
    echo "package-smoke: FAILED: $feed/RedisLite.$version.nupkg was not produced" >&2
    exit 1
fi

# A copy of the consumer outside the repository: its own Directory.*.props come along, and the
# nuget.config beside it joins the machine's NuGet configuration instead of replacing it.
cp -R "$repo_root/samples/PackageConsumer" "$consumer"
rm -rf "$consumer/bin" "$consumer/obj"
cat > "$work/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="redislite-smoke" value="$feed" />
  </packageSources>
</configuration>
XML

export NUGET_PACKAGES="$work/packages"
echo "package-smoke: restoring and running samples/PackageConsumer against RedisLite $version"
dotnet restore "$consumer/PackageConsumer.csproj" -p:RedisLiteVersion="$version" --nologo
dotnet build "$consumer/PackageConsumer.csproj" --no-restore -c Release -p:RedisLiteVersion="$version" --nologo
output="$(dotnet run --project "$consumer/PackageConsumer.csproj" --no-build -c Release)"

if [[ "$output" != "hello" ]]; then
    echo "package-smoke: FAILED: expected 'hello', got:" >&2
    printf '%s\n' "$output" >&2
    exit 1
fi

if [[ ! -d "$NUGET_PACKAGES/redislite/$version" ]]; then
    echo "package-smoke: FAILED: RedisLite $version was not restored from the packed feed" >&2
    exit 1
fi

echo "package-smoke: OK (RedisLite $version from a packed .nupkg printed 'hello')"
