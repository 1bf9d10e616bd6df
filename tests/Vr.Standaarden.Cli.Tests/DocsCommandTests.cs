using System.Text;
using Vr.Standaarden.Cli.Docs;
using Vr.Standaarden.Cli.Spec;
using Vr.Standaarden.Testing;

namespace Vr.Standaarden.Cli.Tests;

/// <summary><c>vr docs</c>: the generated reference, and the committed reference of spec/1.0 being current.</summary>
public sealed class DocsCommandTests : IDisposable
{
    private static readonly string Release = Path.Combine(ConformanceSuites.RepositoryRoot, "spec", "1.0");
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("vr-docs-");

    public void Dispose() => _folder.Delete(recursive: true);

    private string Temp(string relative) => Path.Combine(_folder.FullName, relative);

    private static (int Exit, string Out, string Err) Run(params string[] args) => Vr.Run(args);

    [Fact]
    public void Committed_reference_of_spec_1_0_is_current()
    {
        var docs = Path.Combine(Release, "docs");
        var expected = SpecDocumentation.Render(SpecRelease.Load(Release), docs);
        var stale = expected
            .Where(p => !File.Exists(Path.Combine(docs, p.Key)) || File.ReadAllText(Path.Combine(docs, p.Key), Encoding.UTF8) != p.Value)
            .Select(p => p.Key)
            .Concat(Directory.EnumerateFiles(docs, "*.md", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(docs, f).Replace('\\', '/'))
                .Where(f => !expected.ContainsKey(f)))
            .ToList();
        Assert.True(stale.Count == 0,
            $"spec/1.0/docs is out of date ({string.Join(", ", stale)}). Regenerate it with: " +
            "dotnet run --project src/Vr.Standaarden.Cli -c Release -- docs spec/1.0 -o spec/1.0/docs");
    }

    [Fact]
    public void References_link_to_the_definition_they_resolve_to_in_another_file_and_in_their_own()
    {
        Assert.Equal(0, Run("docs", Release, "-o", _folder.FullName).Exit);

        // In incident.schema.json, "typen.schema.json#/$defs/tijdstip"; in typen.schema.json itself, "#/$defs/tijdstip".
        Assert.Contains("[tijdstip](typen.md#tijdstip)", File.ReadAllText(Temp("entiteiten/incident.md")), StringComparison.Ordinal);
        var types = File.ReadAllText(Temp("entiteiten/typen.md"));
        Assert.Contains("| `begin` | [tijdstip](typen.md#tijdstip) |", types, StringComparison.Ordinal);
        Assert.DoesNotContain("`#/$defs/", types, StringComparison.Ordinal);

        // A code list is linked as one, by the file its reference resolves to.
        Assert.Contains("codelijst [veiligheidsregio](../codelijsten/veiligheidsregio.md)", File.ReadAllText(Temp("entiteiten/incident.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void Writes_one_page_per_schema_and_code_list_and_an_index()
    {
        var (exit, stdout, _) = Run("docs", Release, "-o", _folder.FullName);
        Assert.Equal(0, exit);
        var release = SpecRelease.Load(Release);
        Assert.Equal(1 + release.Schemas.Count + release.CodeLists.Count, Directory.EnumerateFiles(_folder.FullName, "*.md", SearchOption.AllDirectories).Count());
        Assert.All(release.Schemas, s => Assert.True(File.Exists(Temp($"entiteiten/{s.Name}.md")), s.Name));
        Assert.All(release.CodeLists, c => Assert.True(File.Exists(Temp($"codelijsten/{c.Name}.md")), c.Name));
        Assert.Contains($"{1 + release.Schemas.Count + release.CodeLists.Count} pages", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_passes_when_current_and_names_changed_and_stale_pages_otherwise()
    {
        Assert.Equal(0, Run("docs", Release, "-o", _folder.FullName).Exit);
        Assert.Equal(0, Run("docs", Release, "-o", _folder.FullName, "--check").Exit);

        File.AppendAllText(Temp("entiteiten/incident.md"), "hand edit\n");
        File.WriteAllText(Temp("codelijsten/vervallen-lijst.md"), "# weg\n");
        var (exit, stdout, _) = Run("docs", Release, "-o", _folder.FullName, "--check");
        Assert.Equal(1, exit);
        Assert.Contains("entiteiten/incident.md: out of date", stdout, StringComparison.Ordinal);
        Assert.Contains("codelijsten/vervallen-lijst.md: out of date", stdout, StringComparison.Ordinal);
        Assert.Contains("hand edit", File.ReadAllText(Temp("entiteiten/incident.md")), StringComparison.Ordinal);

        // Without --check the pages are rewritten and the page of a removed code list is deleted.
        Assert.Equal(0, Run("docs", Release, "-o", _folder.FullName).Exit);
        Assert.DoesNotContain("hand edit", File.ReadAllText(Temp("entiteiten/incident.md")), StringComparison.Ordinal);
        Assert.False(File.Exists(Temp("codelijsten/vervallen-lijst.md")));
    }

    [Fact]
    public void Pages_describe_properties_code_lists_relations_and_unverified_codes()
    {
        var release = Directory.CreateDirectory(Temp("release"));
        Directory.CreateDirectory(Path.Combine(release.FullName, "schemas"));
        Directory.CreateDirectory(Path.Combine(release.FullName, "codelijsten"));
        File.WriteAllText(Path.Combine(release.FullName, "schemas", "rit.schema.json"), """
            { "$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "https://example.org/1.0/schemas/rit.schema.json",
              "title": "Rit", "titleEn": "Trip", "description": "Een rit.", "descriptionEn": "A trip.", "type": "object", "required": ["kleur"],
              "properties": {
                "kleur": { "$ref": "../codelijsten/kleur.json", "description": "Kleur van de rit.", "descriptionEn": "Colour." },
                "wagenId": { "type": "string", "verwijstNaar": "wagen", "description": "De wagen.", "descriptionEn": "The car." },
                "start": { "$ref": "wagen.schema.json", "description": "Beginpunt.", "descriptionEn": "Start." } },
              "additionalProperties": false }
            """);
        File.WriteAllText(Path.Combine(release.FullName, "schemas", "wagen.schema.json"), """
            { "$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "https://example.org/1.0/schemas/wagen.schema.json",
              "title": "Wagen", "titleEn": "Car", "description": "Een wagen.", "descriptionEn": "A car.", "type": "object" }
            """);
        File.WriteAllText(Path.Combine(release.FullName, "codelijsten", "kleur.json"), """
            { "$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "https://example.org/1.0/codelijsten/kleur.json",
              "title": "Kleur", "titleEn": "Colour", "description": "Kleuren.", "descriptionEn": "Colours.", "type": "string", "enum": ["R", "G"],
              "codelijst": { "naam": "kleur", "versie": "1.0.0", "open": false, "herkomst": "standaard" },
              "codes": [
                { "code": "R", "label": "Rood", "labelEn": "Red", "definitie": "Rood.", "bron": "x", "vervallen": false, "geverifieerd": true },
                { "code": "G", "label": "Groen", "labelEn": "Green", "definitie": "Groen.", "bron": "y", "vervallen": true, "geverifieerd": false, "opmerking": "Twijfel." } ] }
            """);

        Assert.Equal(0, Run("docs", release.FullName, "-o", Temp("out")).Exit);
        var rit = File.ReadAllText(Temp("out/entiteiten/rit.md"));
        Assert.Contains("| `kleur` | codelijst [kleur](../codelijsten/kleur.md) | ja | Kleur van de rit. | Colour. |", rit, StringComparison.Ordinal);
        Assert.Contains("verwijst naar [wagen](wagen.md)", rit, StringComparison.Ordinal);
        Assert.Contains("Andere eigenschappen zijn niet toegestaan.", rit, StringComparison.Ordinal);
        var index = File.ReadAllText(Temp("out/index.md"));
        Assert.Contains("  Rit *-- Wagen : start", index, StringComparison.Ordinal);
        Assert.Contains("  Rit --> Wagen : wagenId", index, StringComparison.Ordinal);
        var kleur = File.ReadAllText(Temp("out/codelijsten/kleur.md"));
        Assert.Contains("| `G` | Groen | Green | Groen. |  | vervallen; **niet geverifieerd**: Twijfel. | y |", kleur, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_release_or_broken_file_is_a_usage_error_that_names_the_place()
    {
        var (exit, _, stderr) = Run("docs", Temp("bestaat-niet"), "-o", Temp("out"));
        Assert.Equal(2, exit);
        Assert.Contains("does not exist", stderr, StringComparison.Ordinal);

        Directory.CreateDirectory(Temp("kapot/schemas"));
        File.WriteAllText(Temp("kapot/schemas/a.schema.json"), "{\n  \"title\": ,\n}");
        (exit, _, stderr) = Run("docs", Temp("kapot"), "-o", Temp("out"));
        Assert.Equal(2, exit);
        Assert.Contains("a.schema.json(2,", stderr, StringComparison.Ordinal);
    }
}
