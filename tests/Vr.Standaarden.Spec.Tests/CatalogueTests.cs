using System.Text.Json;
using Vr.Standaarden.Testing;

namespace Vr.Standaarden.Spec.Tests;

/// <summary>The catalogue holds every release folder under spec/, once, byte for byte, and finds files by path and $id.</summary>
public sealed class CatalogueTests
{
    private static readonly string SpecRoot = Path.Combine(ConformanceSuites.RepositoryRoot, "spec");

    public static TheoryData<string> Folders() =>
        [.. Directory.GetDirectories(SpecRoot).Select(d => Path.GetFileName(d)).Where(n => ReleaseVersion.TryParse(n, out _))];

    [Fact]
    public void Every_release_folder_is_a_release_of_the_catalogue_in_order()
    {
        var folders = Directory.GetDirectories(SpecRoot).Select(d => ReleaseVersion.Parse(Path.GetFileName(d))).Order().ToList();
        Assert.Equal(folders, Standard.Releases.Select(r => r.Version));
        Assert.Equal(folders[^1], Standard.Newest.Version);
        Assert.Equal(folders.Last(v => v.Major == 1), Standard.NewestOf(1)!.Version);
        Assert.Null(Standard.NewestOf(7));
    }

    [Theory]
    [MemberData(nameof(Folders))]
    public void Every_file_except_docs_is_embedded_byte_for_byte(string name)
    {
        var folder = Path.Combine(SpecRoot, name);
        var release = Standard.Release(name);
        var onDisk = Directory.GetFiles(folder, "*.json", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("docs/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();
        Assert.Equal(onDisk, release.Files.Select(f => f.Path));
        foreach (var path in onDisk)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(folder, path)), release.Find(path)!.Utf8.ToArray());
        }

        Assert.NotEmpty(release.Schemas);
        Assert.NotEmpty(release.CodeLists);
        Assert.NotEmpty(release.Examples);
        Assert.Empty(release.Check());
    }

    [Theory]
    [MemberData(nameof(Folders))]
    public void A_release_read_from_disk_equals_the_embedded_one(string name)
    {
        var loaded = StandardRelease.Load(Path.Combine(SpecRoot, name));
        var embedded = Standard.Release(name);
        Assert.Equal(embedded.Version, loaded.Version);
        Assert.Equal(embedded.BaseUri, loaded.BaseUri);
        Assert.Equal(embedded.Files.Select(f => (f.Path, f.Id)), loaded.Files.Select(f => (f.Path, f.Id)));
    }

    [Fact]
    public void Files_are_found_by_id_path_and_name()
    {
        var id = "https://vr-standaarden.github.io/spec/1.0/schemas/typen.schema.json#/$defs/tijdstip";
        Assert.Equal("schemas/typen.schema.json", Standard.FindById(id)!.Path);
        Assert.True(Standard.TryParseId(id, out var release, out var path));
        Assert.Equal(("1.0", "schemas/typen.schema.json"), (release, path));
        Assert.False(Standard.TryParseId("https://example.org/spec/1.0/x.json", out _, out _));
        Assert.Null(Standard.FindById("https://vr-standaarden.github.io/spec/9.9/schemas/incident.schema.json"));

        var newest = Standard.Newest;
        Assert.Equal($"{Standard.BaseUri}{newest.Name}/", newest.BaseUri);
        Assert.Equal(JsonValueKind.Object, newest.Schema("incident").Root.ValueKind);
        Assert.Equal("grip-niveau", newest.CodeList("grip-niveau").Name);
        var error = Assert.Throws<KeyNotFoundException>(() => newest.Schema("brandkraan"));
        Assert.Contains("has no schema 'brandkraan'; it has: actiepunt, bericht,", error.Message, StringComparison.Ordinal);
        var unknown = Assert.Throws<KeyNotFoundException>(() => Standard.Release("0.9"));
        Assert.Contains("there are: 1.0, 1.1", unknown.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.0", 1, 0, 0, "1.0")]
    [InlineData("1.1", 1, 1, 0, "1.1")]
    [InlineData("1.0.1", 1, 0, 1, "1.0.1")]
    [InlineData("12.3.4", 12, 3, 4, "12.3.4")]
    public void Release_numbers_read_and_print(string text, int major, int minor, int patch, string printed)
    {
        var version = ReleaseVersion.Parse(text);
        Assert.Equal(new ReleaseVersion(major, minor, patch), version);
        Assert.Equal(printed, version.ToString());
    }

    [Theory]
    [InlineData("1")]
    [InlineData("1.")]
    [InlineData("01.0")]
    [InlineData("1.0.0.0")]
    [InlineData("v1.0")]
    [InlineData("1.a")]
    [InlineData("")]
    public void Other_text_is_not_a_release_number(string text)
    {
        Assert.False(ReleaseVersion.TryParse(text, out _));
        Assert.Throws<FormatException>(() => ReleaseVersion.Parse(text));
    }

    [Theory]
    [InlineData("1.0", "1.0", VersionBump.None, true)]
    [InlineData("1.0", "1.0", VersionBump.Patch, false)]
    [InlineData("1.0", "1.0.1", VersionBump.Patch, true)]
    [InlineData("1.0", "1.0.1", VersionBump.Minor, false)]
    [InlineData("1.0", "1.1", VersionBump.Minor, true)]
    [InlineData("1.0", "1.1", VersionBump.Major, false)]
    [InlineData("1.3", "2.0", VersionBump.Major, true)]
    public void A_number_satisfies_a_bump_only_when_it_is_that_far_ahead(string previous, string next, VersionBump bump, bool expected) =>
        Assert.Equal(expected, ReleaseVersion.Parse(next).Satisfies(bump, ReleaseVersion.Parse(previous)));
}
