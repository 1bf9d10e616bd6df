#!/usr/bin/env bash
# Packs every packable project and checks the packages as a vendor receives them:
#   - a .nupkg and a .snupkg per package, with README, licence expression, repository commit and XML docs;
#   - the generator only under analyzers/dotnet/cs, nothing of it under lib/;
#   - Source Link in the symbol files;
#   - a consumer project outside the solution restores the packages from a local folder feed and builds;
#   - the vr tool installs from that feed and runs.
# Usage: eng/verify-packages.sh [work-folder]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-$(mktemp -d)}"
feed="$work/feed"
version="0.1.0-verify"
rm -rf "$feed" && mkdir -p "$feed"

fail() { echo "verify-packages: $*" >&2; exit 1; }

echo "verify-packages: packing into $feed"
dotnet pack "$root/Vr.Standaarden.sln" -c Release -o "$feed" -p:Version="$version" --nologo -v quiet

commit="$(git -C "$root" rev-parse HEAD)"
packages=()
# Every project under src/ is a package (src/Directory.Build.props).
for proj in "$root"/src/*/*.csproj; do
  id="$(basename "$proj" .csproj)"
  packages+=("$id")
  nupkg="$feed/$id.$version.nupkg"
  snupkg="$feed/$id.$version.snupkg"
  [ -f "$nupkg" ] || fail "$id: no $nupkg"
  [ -f "$snupkg" ] || fail "$id: no $snupkg"

  listing="$(unzip -Z1 "$nupkg")"
  nuspec="$(unzip -p "$nupkg" "$id.nuspec")"
  grep -qx 'README.md' <<<"$listing" || fail "$id: README.md missing from the package"
  grep -q '<readme>README.md</readme>' <<<"$nuspec" || fail "$id: nuspec does not name the README"
  grep -q '<license type="expression">EUPL-1.2</license>' <<<"$nuspec" || fail "$id: licence expression EUPL-1.2 missing"
  grep -q "commit=\"$commit\"" <<<"$nuspec" || fail "$id: repository commit $commit missing from the nuspec"

  case "$id" in
    Vr.Standaarden.Generator)
      grep -qx "analyzers/dotnet/cs/$id.dll" <<<"$listing" || fail "$id: generator not under analyzers/dotnet/cs"
      if grep '^lib/' <<<"$listing" | grep -v '/_\._$' | grep -q .; then
        fail "$id: unexpected files under lib/: $(grep '^lib/' <<<"$listing" | tr '\n' ' ')"
      fi
      ;;
    Vr.Standaarden.Cli)
      grep -qx 'tools/net10.0/any/vr.dll' <<<"$listing" || fail "$id: tool assembly missing"
      grep -q '<packageType name="DotnetTool"' <<<"$nuspec" || fail "$id: not a dotnet tool package"
      ;;
    *)
      grep -qx "lib/net10.0/$id.dll" <<<"$listing" || fail "$id: lib/net10.0/$id.dll missing"
      grep -qx "lib/net10.0/$id.xml" <<<"$listing" || fail "$id: XML documentation missing"
      ;;
  esac

  pdb="$(unzip -Z1 "$snupkg" | grep '\.pdb$' | head -n1)" || true
  [ -n "$pdb" ] || fail "$id: no .pdb in the symbol package"
  # grep -c reads the whole stream: grep -q would stop early and break the pipe under pipefail.
  unzip -p "$snupkg" "$pdb" | grep -ac 'raw.githubusercontent.com' >/dev/null || fail "$id: no Source Link in $pdb"
  echo "verify-packages: $id ok"
done

echo "verify-packages: building a consumer outside the solution from the local feed"
consumer="$work/consumer"
rm -rf "$consumer" && mkdir -p "$consumer"
cat > "$consumer/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="local"><package pattern="Vr.Standaarden.*" /></packageSource>
    <packageSource key="nuget.org"><package pattern="*" /></packageSource>
  </packageSourceMapping>
</configuration>
XML
{
  echo '<Project Sdk="Microsoft.NET.Sdk">'
  # Reflection-based serialization off, as in trimmed and AOT apps: the packages must not rely on it.
  echo '  <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable><TreatWarningsAsErrors>true</TreatWarningsAsErrors><JsonSerializerIsReflectionEnabledByDefault>false</JsonSerializerIsReflectionEnabledByDefault></PropertyGroup>'
  echo '  <ItemGroup>'
  for id in "${packages[@]}"; do
    [ "$id" = Vr.Standaarden.Cli ] && continue
    echo "    <PackageReference Include=\"$id\" Version=\"$version\" />"
  done
  echo '  </ItemGroup>'
  echo '</Project>'
} > "$consumer/Consumer.csproj"
cp "$root/eng/consumer/Program.cs" "$consumer/Program.cs"
# A private packages folder, so that a cached package of the same version can never stand in for the fresh one.
dotnet build "$consumer/Consumer.csproj" -c Release --packages "$work/packages" --nologo -v quiet
dotnet run --project "$consumer/Consumer.csproj" -c Release --no-build -- "$root/spec/1.0/voorbeelden/geldig/bericht-incident-envelop.json"

echo "verify-packages: a project with only the generator package and a schema of its own"
generated="$work/consumer-generator"
rm -rf "$generated" && mkdir -p "$generated/schemas"
cp "$consumer/nuget.config" "$generated/nuget.config"
cp "$root/tests/Vr.Standaarden.Generator.Tests/Schemas/"*.json "$generated/schemas/"
cp "$root/eng/consumer-generator/Program.cs" "$generated/Program.cs"
cat > "$generated/ConsumerGenerator.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable><ImplicitUsings>enable</ImplicitUsings><TreatWarningsAsErrors>true</TreatWarningsAsErrors><RootNamespace>Regio.Opvang</RootNamespace></PropertyGroup>
  <ItemGroup><PackageReference Include="Vr.Standaarden.Generator" Version="$version" /></ItemGroup>
  <ItemGroup><AdditionalFiles Include="schemas/*.json" /></ItemGroup>
</Project>
XML
dotnet build "$generated/ConsumerGenerator.csproj" -c Release --packages "$work/packages" --nologo -v quiet
dotnet run --project "$generated/ConsumerGenerator.csproj" -c Release --no-build

echo "verify-packages: the regional adapter sample against the packed packages"
dotnet build "$root/samples/RegioAdapter/RegioAdapter.csproj" -c Release --force -p:VrStandaardenVersion="$version" \
  --source "$feed" --source https://api.nuget.org/v3/index.json --packages "$work/packages" --nologo -v quiet
dotnet run --project "$root/samples/RegioAdapter/RegioAdapter.csproj" -c Release --no-build >/dev/null || fail "the RegioAdapter sample failed"

echo "verify-packages: the RegioAdapter sends to the sample knooppunt"
node_dll="$root/samples/Knooppunt/bin/Release/net10.0/Knooppunt.dll"
[ -f "$node_dll" ] || dotnet build "$root/samples/Knooppunt/Knooppunt.csproj" -c Release --nologo -v quiet
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
dotnet "$node_dll" --no-samples --data "$work/knooppunt" --urls "http://127.0.0.1:$port" >"$work/knooppunt.log" 2>&1 &
node_pid=$!
for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$port/v1/gezondheid" >/dev/null 2>&1 && break; sleep 0.2; done
sent=0
dotnet run --project "$root/samples/RegioAdapter/RegioAdapter.csproj" -c Release --no-build -- --naar "http://127.0.0.1:$port/v1/berichten" >"$work/regioadapter.log" 2>&1 || sent=1
recorded="$( (curl -fsS "http://127.0.0.1:$port/v1/gezondheid" | python3 -c 'import json,sys; print(json.load(sys.stdin)["berichten"])') || echo none)"
kill "$node_pid"; wait "$node_pid" 2>/dev/null || true
[ "$sent" -eq 0 ] && [ "$recorded" = "1" ] || { cat "$work/regioadapter.log" "$work/knooppunt.log" >&2; fail "the RegioAdapter could not send to the sample knooppunt (recorded: $recorded)"; }

echo "verify-packages: installing the vr tool from the local feed"
dotnet tool install Vr.Standaarden.Cli --version "$version" --tool-path "$work/tools" --add-source "$feed" >/dev/null
"$work/tools/vr" --help >/dev/null || fail "vr --help failed"
echo "verify-packages: ${#packages[@]} packages ok; consumers, generator consumer and RegioAdapter sample built and ran, the RegioAdapter sent to the sample knooppunt; vr tool installed and ran"
