using System.Text.Json;
using System.Text.Json.Nodes;
using Vr.Standaarden.Schema;
using Vr.Standaarden.Spec;
using Vr.Standaarden.Testing;

namespace Vr.Standaarden.Versiebeheer.Tests;

/// <summary>
/// Each release pair of diff-cases.json gets the verdict it must, and every witness is judged as claimed by a schema
/// built from the release folder on its own: valid under the release it names, invalid under the other.
/// </summary>
public sealed class DiffTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("vr-diff-");

    public void Dispose() => _root.Delete(recursive: true);

    public static TheoryData<string> Cases() => [.. ReleasePairs.Names];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_pair_gets_its_verdict_and_each_witness_proves_it(string name)
    {
        var expected = ReleasePairs.Case(name);
        var (oldFolder, newFolder) = ReleasePairs.Write(name, _root.FullName);
        var old = StandardRelease.Load(oldFolder);
        var @new = StandardRelease.Load(newFolder);

        foreach (var (readers, key) in new[] { (ReaderPolicy.Tolerant, "bump"), (ReaderPolicy.Strict, "strict") })
        {
            var diff = ReleaseDiff.Compare(old, @new, readers);
            var bump = (expected[key] ?? expected["bump"])!.GetValue<string>();
            Assert.True(bump == ReleaseDiff.Name(diff.Bump), $"{name} ({readers}): expected {bump}, got {ReleaseDiff.Name(diff.Bump)}:\n{diff.ToText()}");
            foreach (var kind in expected["kinds"]!.AsArray().Select(k => k!.GetValue<string>()))
            {
                Assert.Contains(diff.Changes, c => c.Kind == kind);
            }

            foreach (var change in diff.Changes.Where(c => c.HasWitness))
            {
                var underOld = IsValid(oldFolder, OldUri(change.Schema, diff), change.Witness);
                var underNew = IsValid(newFolder, change.Schema, change.Witness);
                Assert.True(change.WitnessValidUnder == WitnessSide.Old ? underOld && !underNew : underNew && !underOld,
                    $"{name}: witness of {change.Schema} {change.Location} ({change.WitnessValidUnder}) is valid under old: {underOld}, new: {underNew}: {change.Witness?.ToJsonString()}");
            }

            // Every major change is proven here (a removed schema has no new schema to be invalid under); no place is unreachable.
            Assert.All(diff.Changes.Where(c => c.Class == VersionBump.Major && c.Kind != "F2"), c => Assert.True(c.HasWitness, $"{name}: {c.Location} {c.Description}"));
        }
    }

    [Fact]
    public void The_json_has_exactly_the_documented_shape()
    {
        var (oldFolder, newFolder) = ReleasePairs.Write("const-changed", _root.FullName);
        var diff = ReleaseDiff.Compare(StandardRelease.Load(oldFolder), StandardRelease.Load(newFolder));
        var json = JsonNode.Parse(diff.ToJson())!.AsObject();
        Assert.Equal(["bump", "changes"], json.Select(p => p.Key));
        Assert.Equal("major", json["bump"]!.GetValue<string>());
        foreach (var change in json["changes"]!.AsArray().Select(c => c!.AsObject()))
        {
            var keys = change.Select(p => p.Key).ToList();
            Assert.Equal(["class", "schema", "location", "description"], keys.Take(4));
            Assert.True(keys.Count == 4 || keys.Skip(4).SequenceEqual(["witness", "witnessValidUnder"]), string.Join(",", keys));
            Assert.Contains(change["class"]!.GetValue<string>(), new[] { "patch", "minor", "major" });
            if (keys.Count == 6)
            {
                Assert.Contains(change["witnessValidUnder"]!.GetValue<string>(), new[] { "old", "new" });
            }
        }

        Assert.Contains(json["changes"]!.AsArray(), c => c!["witnessValidUnder"]?.GetValue<string>() == "old");
        Assert.Contains(json["changes"]!.AsArray(), c => c!["witnessValidUnder"]?.GetValue<string>() == "new");
    }

    [Fact]
    public void Release_1_1_is_a_minor_release_of_1_0_and_its_number_suffices()
    {
        var diff = ReleaseDiff.Compare(Standard.Release("1.0"), Standard.Release("1.1"));
        Assert.Equal(VersionBump.Minor, diff.Bump);
        Assert.True(diff.NumberSuffices);
        Assert.Equal(new ReleaseVersion(1, 1), diff.Required);

        // The envelope accepts dataschemas of 1.1, proven by a message only 1.1 accepts; jws and ontvangers are named.
        Assert.Equal(15, diff.Changes.Count(c => c.Kind == "E1" && c.Location.EndsWith("/then/properties/dataschema/enum", StringComparison.Ordinal) && c.WitnessValidUnder == WitnessSide.New));
        Assert.Contains(diff.Changes, c => c.Location == "/properties/jws" && c.Class == VersionBump.Minor);
        Assert.Contains(diff.Changes, c => c.Location == "/properties/ontvangers" && c.Class == VersionBump.Minor);
        Assert.True(diff.Changes.Count(c => c.Description.Contains("'persoonsgegeven' added", StringComparison.Ordinal)) >= 20);
        Assert.All(diff.Changes.Where(c => c.Description.Contains("persoonsgegeven", StringComparison.Ordinal)), c => Assert.Equal(VersionBump.Patch, c.Class));

        // Strict readers: a 1.0 message that used jws for another value is invalid under 1.1, so strictly it is major.
        var strict = ReleaseDiff.Compare(Standard.Release("1.0"), Standard.Release("1.1"), ReaderPolicy.Strict);
        Assert.Equal(VersionBump.Major, strict.Bump);
        Assert.False(strict.NumberSuffices);
        var jws = Assert.Single(strict.Changes, c => c.Location == "/properties/jws");
        Assert.Equal(WitnessSide.Old, jws.WitnessValidUnder);
    }

    [Fact]
    public void Release_1_2_adds_a_message_type_as_a_new_variant_minor_for_tolerant_readers()
    {
        var diff = ReleaseDiff.Compare(Standard.Release("1.1"), Standard.Release("1.2"));
        Assert.Equal(VersionBump.Minor, diff.Bump);
        Assert.True(diff.NumberSuffices);
        // C11 is also the kind of a definition added to typen.schema.json (patch: nothing references it by itself).
        var variant = Assert.Single(diff.Changes, c => c.Kind == "C11" && c.Schema.EndsWith("/bericht.schema.json", StringComparison.Ordinal));
        Assert.EndsWith("/1.2/schemas/bericht.schema.json", variant.Schema, StringComparison.Ordinal);
        Assert.Contains("\"nl.veiligheidsregio.kennisgeving.v1\"", variant.Description, StringComparison.Ordinal);
        Assert.Contains(diff.Changes, c => c.Kind == "F1" && c.Description.Contains("kennisgeving.schema.json", StringComparison.Ordinal));
        Assert.Contains(diff.Changes, c => c.Location == "/properties/landen" && c.Class == VersionBump.Minor);

        // Strict readers: a 1.1 message of that type with other data was valid and is not; the witness shows it.
        var strict = ReleaseDiff.Compare(Standard.Release("1.1"), Standard.Release("1.2"), ReaderPolicy.Strict);
        Assert.Equal(VersionBump.Major, strict.Bump);
        var proof = Assert.Single(strict.Changes, c => c.Kind == "C11" && c.Schema.EndsWith("/bericht.schema.json", StringComparison.Ordinal));
        Assert.All(strict.Changes.Where(c => c.Kind == "C11" && c != proof), c => Assert.Equal(VersionBump.Patch, c.Class));
        Assert.Equal(WitnessSide.Old, proof.WitnessValidUnder);
        Assert.Equal("nl.veiligheidsregio.kennisgeving.v1", (string?)proof.Witness!["type"]);
        Assert.True(IsValid(Definitions("1.1"), OldUri(proof.Schema, strict), proof.Witness));
        Assert.False(IsValid(Definitions("1.2"), proof.Schema, proof.Witness));
    }

    [Fact]
    public void Each_release_of_spec_has_a_number_at_least_what_the_diff_from_its_predecessor_needs()
    {
        var releases = Standard.Releases;
        Assert.True(releases.Count >= 2);
        for (var i = 1; i < releases.Count; i++)
        {
            var diff = ReleaseDiff.Compare(releases[i - 1], releases[i]);
            Assert.True(diff.NumberSuffices, $"{releases[i].Name} needs to be at least {diff.Required}:\n{diff.ToText()}");
        }
    }

    [Theory]
    [InlineData(CompatibilityMode.Backward, "enum-value-added", true)]
    [InlineData(CompatibilityMode.Forward, "enum-value-added", false)]
    [InlineData(CompatibilityMode.Backward, "enum-value-removed", false)]
    [InlineData(CompatibilityMode.Forward, "enum-value-removed", true)]
    [InlineData(CompatibilityMode.Full, "annotation-added", true)]
    [InlineData(CompatibilityMode.Full, "required-removed", false)]
    public void Compatibility_modes_follow_the_direction_of_each_change(CompatibilityMode mode, string name, bool compatible)
    {
        var (oldFolder, newFolder) = ReleasePairs.Write(name, _root.FullName, "1.0", "1.1");
        var result = Compatibility.Check(StandardRelease.Load(newFolder), [StandardRelease.Load(oldFolder)], mode);
        Assert.Equal(compatible, result.IsCompatible);
    }

    [Fact]
    public void Transitive_modes_check_every_earlier_release_of_the_line()
    {
        var first = ReleasePairs.Case("enum-value-removed");
        var v10 = StandardRelease.Load(ReleasePairs.WriteRelease(first["old"]!.AsObject(), Path.Combine(_root.FullName, "1.0"), "1.0"));
        var v11 = StandardRelease.Load(ReleasePairs.WriteRelease(first["new"]!.AsObject(), Path.Combine(_root.FullName, "1.1"), "1.1"));
        var v12 = StandardRelease.Load(ReleasePairs.WriteRelease(first["new"]!.AsObject(), Path.Combine(_root.FullName, "1.2"), "1.2"));

        // 1.2 equals 1.1: compatible with it, but not with 1.0, whose value "groen" it no longer accepts.
        Assert.True(Compatibility.Check(v12, [v10, v11], CompatibilityMode.Backward).IsCompatible);
        var transitive = Compatibility.Check(v12, [v10, v11], CompatibilityMode.BackwardTransitive);
        Assert.False(transitive.IsCompatible);
        Assert.Equal(["1.0", "1.1"], transitive.Diffs.Select(d => d.Old.Name));
        Assert.All(transitive.Violations, v => Assert.Equal("1.0", v.Diff.Old.Name));
    }

    // The schemas and code lists of a release of spec/, on their own in a folder.
    private string Definitions(string release)
    {
        var folder = Path.Combine(_root.FullName, "definities-" + release);
        foreach (var file in Standard.Release(release).Definitions)
        {
            var path = Path.Combine(folder, file.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, file.Utf8.ToArray());
        }

        return folder;
    }

    private static string OldUri(string schema, ReleaseDiff diff) =>
        diff.New.BaseUri is { } newBase && diff.Old.BaseUri is { } oldBase && schema.StartsWith(newBase, StringComparison.Ordinal)
            ? oldBase + schema[newBase.Length..]
            : schema;

    private static bool IsValid(string folder, string uri, JsonNode? instance)
    {
        var registry = new SchemaRegistry();
        foreach (var file in Directory.GetFiles(folder, "*.json", SearchOption.AllDirectories))
        {
            registry.RegisterFile(file);
        }

        var wrapper = JsonSchema.FromText($$"""{"$schema":"https://json-schema.org/draft/2020-12/schema","$ref":"{{uri}}"}""", new JsonSchemaOptions { AssertFormat = true, Registry = registry });
        using var document = JsonDocument.Parse(instance?.ToJsonString() ?? "null");
        return wrapper.IsValid(document.RootElement);
    }
}
