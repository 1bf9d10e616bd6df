using Microsoft.CodeAnalysis;

namespace Vr.Standaarden.Generator.Tests;

/// <summary>A schema that refers to the standard by its <c>$id</c> needs the Vr.Standaarden.Model package, and says so once.</summary>
public sealed class StandardReferenceTests
{
    private static readonly Harness.InMemoryText Schema = new("/project/schemas/inzet.schema.json", """
        { "$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "https://example.test/inzet.schema.json",
          "title": "Inzet", "type": "object", "required": ["melding"],
          "properties": {
            "melding": { "$ref": "https://vr-standaarden.github.io/spec/1.0/schemas/melding.schema.json" },
            "tijdstip": { "$ref": "https://vr-standaarden.github.io/spec/1.0/schemas/typen.schema.json#/$defs/tijdstip" }
          } }
        """);

    [Fact]
    public void Without_the_model_package_there_is_one_diagnostic_naming_it_and_no_compiler_errors()
    {
        var driver = Harness.Driver([Schema]).RunGeneratorsAndUpdateCompilation(Harness.Compilation(), out var output, out _);
        var run = driver.GetRunResult();

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("VR1006", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains("Vr.Standaarden.Model", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Equal(4, diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1);
        Assert.Empty(run.Results.Single().GeneratedSources);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void With_the_model_package_it_compiles_against_the_standards_types()
    {
        var model = MetadataReference.CreateFromFile(Path.Combine(AppContext.BaseDirectory, "Vr.Standaarden.Model.dll"));
        var driver = Harness.Driver([Schema]).RunGeneratorsAndUpdateCompilation(Harness.Compilation().AddReferences(model), out var output, out _);

        Assert.Empty(driver.GetRunResult().Diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Contains(output.GetTypeByMetadataName("Regio.Opvang.Inzet")!.GetMembers("Melding").OfType<IPropertySymbol>(),
            p => p.Type.ToDisplayString() == "Vr.Standaarden.Model.Melding");
    }
}
