using System.Collections.Immutable;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using Vr.Standaarden.Schema.Compiled;

namespace Vr.Standaarden.Generator.Tests;

/// <summary>
/// Generated code compiles for every property name a schema may hold: C# keywords, the generator's own locals and
/// members, names that start with a digit, differ only in case, or hold '-', '.', '$', spaces, quotes, escapes or
/// letters outside ASCII (Schemas/torture.schema.json, 78 names of six types).
/// </summary>
public sealed class PropertyNameTests
{
    private static readonly Lazy<(ImmutableArray<Diagnostic> Compile, Assembly? Assembly)> Generated = new(() =>
    {
        var (_, compile, assembly) = Harness.Generate(Harness.Files("torture.schema.json"), "Regio.Marteling");
        return (compile, assembly);
    });

    private static JsonObject Instance()
    {
        // One value of the member's type for every name, in schema order.
        using var schema = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Harness.SchemaFolder, "torture.schema.json")));
        var instance = new JsonObject();
        var i = 0;
        foreach (var member in schema.RootElement.GetProperty("properties").EnumerateObject())
        {
            instance[member.Name] = member.Value.GetProperty("type").GetString() switch
            {
                "string" => JsonValue.Create($"s{i}"),
                "integer" => JsonValue.Create(i),
                "boolean" => JsonValue.Create(i % 2 == 0),
                "number" => JsonValue.Create(i + 0.5),
                "array" => new JsonArray(JsonValue.Create($"a{i}")),
                _ => new JsonObject { ["x"] = $"o{i}" },
            };
            i++;
        }

        return instance;
    }

    [Fact]
    public void The_torture_schema_has_at_least_40_names_and_compiles_without_errors()
    {
        Assert.True(Instance().Count >= 40);
        var (compile, assembly) = Generated.Value;
        var errors = compile.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
        Assert.NotNull(assembly);
    }

    [Fact]
    public void Every_member_round_trips_read_write_same_json()
    {
        var type = Generated.Value.Assembly!.GetType("Regio.Marteling.Torture", throwOnError: true)!;
        var read = type.GetMethod("Read", BindingFlags.Public | BindingFlags.Static, [typeof(ReadOnlySpan<byte>), typeof(List<SchemaViolation>)])!;
        var input = Instance();
        var errors = new List<SchemaViolation>();

        var value = read.CreateDelegate<ReadDelegate>()(Encoding.UTF8.GetBytes(input.ToJsonString()), errors);
        var written = JsonNode.Parse((byte[])type.GetMethod("ToUtf8Json")!.Invoke(value, null)!)!.AsObject();

        Assert.Empty(errors);
        Assert.Equal(input.Select(p => p.Key), written.Select(p => p.Key));
        Assert.True(JsonNode.DeepEquals(input, written), written.ToJsonString());
    }

    [Fact]
    public void Names_that_differ_only_in_case_stay_distinct_members()
    {
        var type = Generated.Value.Assembly!.GetType("Regio.Marteling.Torture", throwOnError: true)!;
        var names = type.GetProperties().Select(p => p.Name).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(Instance().Count, type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Count(p => p.Name != "AdditionalProperties"));
    }

    private delegate object? ReadDelegate(ReadOnlySpan<byte> json, List<SchemaViolation> errors);
}

/// <summary>Two schema files whose titles give the same type name: one warning, and the code still compiles.</summary>
public sealed class SameTitleTests
{
    private static Harness.InMemoryText Schema(string file, string extra) => new($"/project/schemas/{file}", $$"""
        { "$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "https://example.test/{{file}}",
          "title": "Melding", "type": "object", "required": ["id"],
          "properties": { "id": { "type": "string" }{{extra}} } }
        """);

    [Fact]
    public void The_later_file_is_renamed_with_one_warning_and_references_follow()
    {
        var (run, compile, assembly) = Harness.Generate(
        [
            Schema("a.schema.json", ""),
            Schema("b.schema.json", """, "ouder": { "$ref": "a.schema.json" }, "zelf": { "$ref": "#" }"""),
            Schema("c.schema.json", """, "andere": { "$ref": "b.schema.json" }"""),
        ]);

        var warnings = run.Diagnostics.Where(d => d.Id == "VR1005").ToList();
        Assert.Equal(2, warnings.Count);
        Assert.Equal(["/project/schemas/b.schema.json", "/project/schemas/c.schema.json"], warnings.Select(w => w.Location.GetLineSpan().Path).Order(StringComparer.Ordinal));
        Assert.Contains("named Melding2", warnings.Single(w => w.Location.GetLineSpan().Path.EndsWith("b.schema.json", StringComparison.Ordinal)).GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Empty(compile.Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Equal("Regio.Opvang.Melding", assembly!.GetType("Regio.Opvang.Melding2")!.GetProperty("Ouder")!.PropertyType.FullName);
        Assert.Equal("Regio.Opvang.Melding2", assembly.GetType("Regio.Opvang.Melding3")!.GetProperty("Andere")!.PropertyType.FullName);
    }
}

/// <summary>Two schema files whose <c>$defs</c> give the same type name: one warning, and the code still compiles.</summary>
public sealed class SameDefinitionNameTests
{
    private static Harness.InMemoryText Schema(string file, string title, string extra) => new($"/project/schemas/{file}", $$"""
        { "$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "https://example.test/{{file}}",
          "title": "{{title}}", "type": "object",
          "properties": { "adres": { "$ref": "#/$defs/adres" }, "soort": { "$ref": "#/$defs/soort" }{{extra}} },
          "$defs": {
            "adres": { "type": "object", "required": ["straat"], "properties": { "straat": { "type": "string" } } },
            "soort": { "enum": ["a", "b"] }
          } }
        """);

    [Fact]
    public void The_later_definition_is_renamed_with_a_warning_and_references_follow()
    {
        var (run, compile, assembly) = Harness.Generate(
        [
            Schema("a.schema.json", "Melding", ""),
            Schema("b.schema.json", "Incident", """, "bron": { "$ref": "a.schema.json#/$defs/adres" }"""),
        ]);

        Assert.Empty(compile.Where(d => d.Severity == DiagnosticSeverity.Error));
        var warnings = run.Diagnostics.Where(d => d.Id == "VR1005").Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.Contains("'adres'", warnings[0], StringComparison.Ordinal);
        Assert.Contains("named Adres2", warnings[0], StringComparison.Ordinal);
        Assert.Contains("named Soort2", warnings[1], StringComparison.Ordinal);
        var incident = assembly!.GetType("Regio.Opvang.Incident")!;
        Assert.Equal("Regio.Opvang.Adres2", incident.GetProperty("Adres")!.PropertyType.FullName);
        Assert.Equal("Regio.Opvang.Adres", incident.GetProperty("Bron")!.PropertyType.FullName);
        Assert.Equal("Regio.Opvang.Adres", assembly.GetType("Regio.Opvang.Melding")!.GetProperty("Adres")!.PropertyType.FullName);
    }
}
