namespace Vr.Standaarden.Spec.Tests;

/// <summary>A release folder that does not hold together is refused with every problem, each naming its file and pointer.</summary>
public sealed class ReleaseFolderTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("vr-release-");

    public void Dispose() => _root.Delete(recursive: true);

    private string Folder(string name, params (string Path, string Json)[] files)
    {
        var folder = Path.Combine(_root.FullName, name);
        foreach (var (path, json) in files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(folder, path))!);
            File.WriteAllText(Path.Combine(folder, path), json);
        }

        return folder;
    }

    private const string Base = "https://example.test/spec/2.4/";

    [Fact]
    public void A_sound_folder_loads_with_its_number_from_the_folder_name()
    {
        var release = StandardRelease.Load(Folder("2.4",
            ("schemas/a.schema.json", """{"$id":"@BASE@schemas/a.schema.json","properties":{"b":{"$ref":"b.schema.json#/$defs/x"}}}""".Replace("@BASE@", Base, StringComparison.Ordinal)),
            ("schemas/b.schema.json", """{"$id":"@BASE@schemas/b.schema.json","$defs":{"x":{"type":"string"}}}""".Replace("@BASE@", Base, StringComparison.Ordinal)),
            ("voorbeelden/geldig/a-een.json", """{"b":"c"}""")));
        Assert.Equal(new ReleaseVersion(2, 4), release.Version);
        Assert.Equal(Base, release.BaseUri);
        Assert.Equal(["a", "b"], release.SchemaNames);
        Assert.Single(release.Examples);
    }

    [Fact]
    public void Without_a_number_in_its_name_the_number_comes_from_the_ids()
    {
        var release = StandardRelease.Load(Folder("kandidaat",
            ("schemas/a.schema.json", """{"$id":"@BASE@schemas/a.schema.json"}""".Replace("@BASE@", Base, StringComparison.Ordinal))));
        Assert.Equal("2.4", release.Name);
    }

    [Fact]
    public void Missing_id_reference_out_of_the_release_duplicate_id_and_bad_json_are_each_located()
    {
        var folder = Folder("2.4",
            ("schemas/a.schema.json", """{"$id":"@BASE@schemas/a.schema.json","properties":{"p":{"$ref":"https://elders.test/x.json"},"q":{"$ref":"b.schema.json#/$defs/nope"}}}""".Replace("@BASE@", Base, StringComparison.Ordinal)),
            ("schemas/b.schema.json", """{"$id":"@BASE@schemas/b.schema.json","$defs":{}}""".Replace("@BASE@", Base, StringComparison.Ordinal)),
            ("schemas/c.schema.json", """{"$id":"@BASE@schemas/a.schema.json"}""".Replace("@BASE@", Base, StringComparison.Ordinal)),
            ("codelijsten/d.json", """{"enum":["x"]}"""),
            ("codelijsten/e.json", """{"enum":["x"],}"""));
        var error = Assert.Throws<ReleaseFolderException>(() => StandardRelease.Load(folder));
        string At(string file) => Path.Combine(folder, file);
        Assert.Contains(error.Problems, p => p.File == At("schemas/a.schema.json") && p.Location == "/properties/p/$ref" && p.Message.Contains("must stay within the release", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.File == At("schemas/a.schema.json") && p.Location == "/properties/q/$ref" && p.Message.Contains("/$defs/nope", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.File == At("schemas/c.schema.json") && p.Location == "/$id" && p.Message.Contains("also the $id of", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.File == At("codelijsten/d.json") && p.Location == "/$id" && p.Message.Contains("is missing", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.File == At("codelijsten/e.json") && p.Message.Contains("line 1", StringComparison.Ordinal));
        Assert.Equal(5, error.Problems.Count);
        Assert.Contains("schemas/a.schema.json: /properties/p/$ref:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_that_is_not_there_is_named()
    {
        var error = Assert.Throws<DirectoryNotFoundException>(() => StandardRelease.Load(Path.Combine(_root.FullName, "9.9")));
        Assert.Contains("9.9", error.Message, StringComparison.Ordinal);
    }
}
