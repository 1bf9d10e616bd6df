using Vr.Standaarden.Testing;

namespace Vr.Standaarden.Cli.Tests;

/// <summary>The standard as the tool carries it: extension schemas and bare entities validate with the tool alone.</summary>
public sealed class OfflineStandardTests : IDisposable
{
    private static readonly string Spec = Path.Combine(ConformanceSuites.RepositoryRoot, "spec", "1.0");
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("vr-offline-");

    public void Dispose() => _folder.Delete(recursive: true);

    private static (int Exit, string Out, string Err) Run(params string[] args) => Vr.Run(args);

    [Fact]
    public void An_extension_schema_away_from_spec_resolves_the_standard_from_the_tool()
    {
        // Only the extension's own files, in a folder that mirrors nothing: the standard's $ids come from the tool.
        var extension = Path.Combine(Spec, "uitbreidingen", "bereikbaarheid");
        foreach (var file in Directory.GetFiles(Path.Combine(extension, "schemas")))
        {
            File.Copy(file, Path.Combine(_folder.FullName, Path.GetFileName(file)));
        }

        var valid = Path.Combine(extension, "voorbeelden", "geldig", "object-bereikbaarheid-verpleeghuis.json");
        var invalid = Path.Combine(extension, "voorbeelden", "ongeldig", "object-bereikbaarheid-doorrijhoogte-nul.json");

        var (exit, stdout, stderr) = Run("validate", "--schema", Path.Combine(_folder.FullName, "object-bereikbaarheid.schema.json"), valid, invalid);

        Assert.Equal("", stderr);
        Assert.Equal(1, exit);
        Assert.StartsWith($"{valid}: valid\n{invalid}: invalid\n  /uitbreidingen/nl.vrhaaglanden.bereikbaarheid/doorrijhoogte:", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Bare_entities_are_checked_against_the_named_schema_of_the_release()
    {
        var valid = Path.Combine(Spec, "voorbeelden", "geldig", "melding-woningbrand.json");
        var invalid = Path.Combine(Spec, "voorbeelden", "ongeldig", "melding-classificatie-verkeerde-vorm.json");

        var (exit, stdout, _) = Run("validate", "--entity", "melding", "--release", "1.0", valid, invalid);

        Assert.Equal(1, exit);
        Assert.StartsWith($"{valid}: valid\n{invalid}: invalid\n  /classificatie:", stdout, StringComparison.Ordinal);
        Assert.Equal(0, Run("validate", "--entity", "melding", valid).Exit);
    }

    [Theory]
    [InlineData("--entity", "brandkraan", "has no entity 'brandkraan'")]
    [InlineData("--release", "1.0", "--release needs --entity")]
    public void Unknown_entities_and_lone_options_are_usage_errors(string option, string value, string message)
    {
        var (exit, _, stderr) = Run("validate", option, value, Path.Combine(Spec, "voorbeelden", "geldig", "melding-woningbrand.json"));
        Assert.Equal(2, exit);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_release_is_a_usage_error()
    {
        var (exit, _, stderr) = Run("validate", "--entity", "melding", "--release", "9.9", Path.Combine(Spec, "voorbeelden", "geldig", "melding-woningbrand.json"));
        Assert.Equal(2, exit);
        Assert.Contains("not '9.9'", stderr, StringComparison.Ordinal);
    }
}
