using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;

namespace Vr.Standaarden.Generator.Tests;

/// <summary>The generator never accepts a broken schema silently.</summary>
public sealed class SchemaLintTests
{
    private static ImmutableArray<Diagnostic> Run(string properties, string extra = "")
    {
        var schema = new Harness.InMemoryText("/project/schemas/kapot.schema.json",
            "{ \"$schema\": \"https://json-schema.org/draft/2020-12/schema\", \"title\": \"Kapot\", \"type\": \"object\",\n" +
            "  \"properties\": {\n" + properties + "\n  }" + extra + " }");
        return Harness.Driver([schema]).RunGenerators(Harness.Compilation()).GetRunResult().Diagnostics;
    }

    [Theory]
    [InlineData("\"n\": { \"type\": \"integr\" }", "'type' holds the string 'integr' (did you mean 'integer'?)", 16)]
    [InlineData("\"n\": { \"type\": \"integer\", \"minimum\": \"nul\" }", "'minimum' is the string 'nul'; it must be a number.", 38)]
    [InlineData("\"n\": { \"type\": \"string\", \"maxLength\": -1 }", "'maxLength' is the number -1; it must be a non-negative integer.", 39)]
    [InlineData("\"n\": { \"allOf\": [] }", "'allOf' is an array; it must be a non-empty array of schemas.", 17)]
    [InlineData("\"n\": 5", "#/properties/n is the number 5; a schema is an object or a boolean.", 6)]
    public void A_keyword_value_that_breaks_the_meta_schema_is_an_error_at_its_line(string property, string message, int column)
    {
        var diagnostics = Run(property);

        var error = Assert.Single(diagnostics);
        Assert.Equal("VR1007", error.Id);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.StartsWith(message, error.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Equal(3, error.Location.GetLineSpan().StartLinePosition.Line + 1);
        Assert.Equal(column, error.Location.GetLineSpan().StartLinePosition.Character + 1);
    }

    [Fact]
    public void Required_as_a_string_is_an_error_and_no_code_is_generated()
    {
        var schema = new Harness.InMemoryText("/project/schemas/kapot.schema.json",
            "{ \"$schema\": \"https://json-schema.org/draft/2020-12/schema\", \"title\": \"Kapot\", \"type\": \"object\",\n  \"required\": \"id\", \"properties\": { \"id\": { \"type\": \"string\" } } }");
        var run = Harness.Driver([schema]).RunGenerators(Harness.Compilation()).GetRunResult();

        var error = Assert.Single(run.Diagnostics);
        Assert.Equal("VR1007", error.Id);
        Assert.StartsWith("'required' is the string 'id'; it must be an array of property names", error.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Empty(run.Results.Single().GeneratedSources);
    }

    [Theory]
    [InlineData("requird", "required")]
    [InlineData("minLenght", "minLength")]
    [InlineData("MaxLength", "maxLength")]
    [InlineData("addtionalProperties", "additionalProperties")]
    public void A_misspelt_keyword_is_a_warning_that_names_the_keyword_meant(string misspelt, string meant)
    {
        var diagnostics = Run("\"id\": { \"type\": \"string\" }", $", \"{misspelt}\": [\"id\"]");

        var warning = Assert.Single(diagnostics);
        Assert.Equal("VR1008", warning.Id);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Contains($"'{misspelt}' at # is no JSON Schema keyword; did you mean '{meant}'?", warning.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("titleNl")]
    [InlineData("verwijstNaar")]
    [InlineData("bron")]
    [InlineData("x-intern")]
    public void Custom_annotations_are_left_alone(string member) =>
        Assert.Empty(Run("\"id\": { \"type\": \"string\" }", $", \"{member}\": \"x\""));

    [Fact]
    public void Property_names_that_look_like_keywords_are_no_keywords()
    {
        var diagnostics = Run("\"requird\": { \"type\": \"string\" }, \"type\": { \"type\": \"integer\" }");
        Assert.Empty(diagnostics);
    }

    [Fact]
    public void Vr_generate_writes_nothing_for_a_schema_that_breaks_its_meta_schema()
    {
        var folder = Directory.CreateTempSubdirectory("vr-generate-");
        try
        {
            var schema = Path.Combine(folder.FullName, "kapot.schema.json");
            File.WriteAllText(schema, "{ \"$schema\": \"https://json-schema.org/draft/2020-12/schema\", \"type\": \"object\",\n  \"properties\": { \"n\": { \"type\": \"integr\" } } }");
            var output = Path.Combine(folder.FullName, "out");
            var stderr = new StringWriter();

            var exit = Cli.Program.Run(["generate", schema, "-o", output, "--namespace", "N"], () => Stream.Null, new StringWriter(), stderr);

            Assert.Equal(1, exit);
            Assert.Contains("kapot.schema.json(2,34): error VR1007: 'type' holds the string 'integr'", stderr.ToString(), StringComparison.Ordinal);
            Assert.False(Directory.Exists(output));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
