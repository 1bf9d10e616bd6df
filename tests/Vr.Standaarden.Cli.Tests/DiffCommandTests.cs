using System.Text.Json.Nodes;
using Vr.Standaarden.Testing;

namespace Vr.Standaarden.Cli.Tests;

/// <summary>vr diff behaves exactly as written: its JSON shape and its exit codes 0, 1 and 2.</summary>
public sealed class DiffCommandTests : IDisposable
{
    private static readonly string Spec = Path.Combine(ConformanceSuites.RepositoryRoot, "spec");
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("vr-diff-cli-");

    public void Dispose() => _root.Delete(recursive: true);

    private static (int Exit, string Out, string Err) Run(params string[] args) => Vr.Run(args);

    [Fact]
    public void Spec_1_1_is_a_minor_release_and_the_command_says_so_and_exits_0()
    {
        var (exit, stdout, _) = Run("diff", Path.Combine(Spec, "1.0"), Path.Combine(Spec, "1.1"));
        Assert.Equal(0, exit);
        Assert.StartsWith("1.0 → 1.1: minor (", stdout, StringComparison.Ordinal);
        Assert.Contains("release number 1.1 is enough", stdout, StringComparison.Ordinal);

        var (jsonExit, json, _) = Run("diff", Path.Combine(Spec, "1.0"), Path.Combine(Spec, "1.1"), "--output", "json");
        Assert.Equal(0, jsonExit);
        var root = JsonNode.Parse(json)!;
        Assert.Equal("minor", root["bump"]!.GetValue<string>());
        Assert.Contains(root["changes"]!.AsArray(), c => c!["location"]!.GetValue<string>() == "/properties/jws");
    }

    [Fact]
    public void A_number_too_small_exits_1_and_names_the_change_that_demands_more()
    {
        var (old, @new) = ReleasePairs.Write("property-made-required", _root.FullName, "1.0", "1.1");
        var (exit, stdout, stderr) = Run("diff", old, @new, "--output", "json");
        Assert.Equal(1, exit);
        Assert.Equal("major", JsonNode.Parse(stdout)!["bump"]!.GetValue<string>());
        Assert.Contains("release number 1.1 is too small: the changes need 2.0 (major)", stderr, StringComparison.Ordinal);
        Assert.Contains("Property 'aantal' is now required", stderr, StringComparison.Ordinal);

        var (openOld, openNew) = ReleasePairs.Write("optional-property-added-open", Path.Combine(_root.FullName, "open"), "1.0", "1.1");
        Assert.Equal(0, Run("diff", openOld, openNew).Exit);
        var (strictExit, _, _) = Run("diff", openOld, openNew, "--readers", "strict");
        Assert.Equal(1, strictExit);
    }

    [Fact]
    public void Compatibility_modes_exit_1_when_broken()
    {
        var (old, @new) = ReleasePairs.Write("enum-value-added", _root.FullName, "1.0", "1.1");
        Assert.Equal(0, Run("diff", old, @new, "--compatibility", "backward").Exit);
        var (exit, _, stderr) = Run("diff", old, @new, "--compatibility", "forward");
        Assert.Equal(1, exit);
        Assert.Contains("not forward compatible with 1.0", stderr, StringComparison.Ordinal);
        Assert.Equal(0, Run("diff", "1.0", "1.1", "--compatibility", "backward-transitive").Exit);
    }

    [Fact]
    public void Usage_errors_and_unusable_folders_exit_2_naming_file_and_pointer()
    {
        Assert.Equal(2, Run("diff", Path.Combine(Spec, "1.0")).Exit);
        Assert.Equal(2, Run("diff", Path.Combine(Spec, "1.0"), Path.Combine(Spec, "1.1"), "--output", "xml").Exit);
        Assert.Equal(2, Run("diff", Path.Combine(Spec, "1.1"), Path.Combine(Spec, "1.0")).Exit);

        var (old, @new) = ReleasePairs.Write("shared-definition-narrowed", _root.FullName, "1.0", "1.1");
        File.Delete(Path.Combine(@new, "schemas", "typen.schema.json"));
        var (exit, _, stderr) = Run("diff", old, @new);
        Assert.Equal(2, exit);
        Assert.Contains(Path.Combine(@new, "schemas/a.schema.json") + ": /properties/code/$ref: the $ref 'typen.schema.json#/$defs/code'", stderr, StringComparison.Ordinal);

        var missing = Run("diff", old, Path.Combine(_root.FullName, "9.9"));
        Assert.Equal(2, missing.Exit);
        Assert.Contains("9.9", missing.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Folders_without_numbers_and_schemas_outside_schemas_are_still_compared_and_the_number_check_says_why_not()
    {
        var old = Directory.CreateDirectory(Path.Combine(_root.FullName, "oud")).FullName;
        var @new = Directory.CreateDirectory(Path.Combine(_root.FullName, "nieuw")).FullName;
        File.WriteAllText(Path.Combine(old, "a.json"), """{"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://ex.test/a.json","type":"object","properties":{"x":{"$ref":"#/definitions/d"}},"definitions":{"d":{"type":"string","maxLength":5}}}""");
        File.WriteAllText(Path.Combine(@new, "a.json"), """{"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://ex.test/a.json","type":"object","properties":{"x":{"$ref":"#/definitions/d"}},"definitions":{"d":{"type":"string","maxLength":4}}}""");
        var (exit, stdout, stderr) = Run("diff", old, @new, "--output", "json");
        Assert.Equal(2, exit);
        var change = Assert.Single(JsonNode.Parse(stdout)!["changes"]!.AsArray())!;
        Assert.Equal("https://ex.test/a.json#/definitions/d", change["schema"]!.GetValue<string>());
        Assert.Equal("/maxLength", change["location"]!.GetValue<string>());
        Assert.Equal("old", change["witnessValidUnder"]!.GetValue<string>());
        Assert.Contains("cannot tell the release number", stderr, StringComparison.Ordinal);
        Assert.Contains("The changes need a major release.", stderr, StringComparison.Ordinal);
    }
}
