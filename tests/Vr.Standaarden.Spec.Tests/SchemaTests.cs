using System.Text.Json;
using System.Text.RegularExpressions;
using Vr.Standaarden.Schema;

namespace Vr.Standaarden.Spec.Tests;

public sealed class SchemaTests
{
    public static TheoryData<string> SchemaFiles() => [.. SpecFolders.AllSchemaFiles()];

    public static TheoryData<string> ReleaseSchemas() => [.. SpecFolders.LoadedRelease.Schemas.Select(s => s.Name)];

    [Fact]
    public void Release_has_at_least_14_entity_schemas_and_15_code_lists()
    {
        var entities = SpecFolders.LoadedRelease.Schemas.Where(s => !s.IsTypeLibrary).Select(s => s.Name).ToList();
        Assert.True(entities.Count >= 14, $"{entities.Count} entity schemas: {string.Join(", ", entities)}");
        Assert.True(SpecFolders.LoadedRelease.CodeLists.Count >= 15, $"{SpecFolders.LoadedRelease.CodeLists.Count} code lists");
        foreach (var required in new[] { "bericht", "organisatie", "locatie", "melding", "incident", "eenheid", "object", "evenement", "risico", "waarschuwing", "situatiebeeld", "besluit", "actiepunt", "capaciteit", "statistiek", "terugmelding" })
        {
            Assert.Contains(required, entities);
        }
    }

    [Theory]
    [MemberData(nameof(SchemaFiles))]
    public void Schema_is_valid_against_the_2020_12_meta_schema(string file)
    {
        var document = JsonDocument.Parse(File.ReadAllBytes(SpecFolders.Full(file)));
        var result = JsonSchema.MetaSchema(SchemaDialect.Draft202012).Evaluate(document.RootElement, OutputFormat.List);
        Assert.True(result.IsValid, string.Join("\n", result.MostSpecificErrors));
    }

    [Theory]
    [MemberData(nameof(SchemaFiles))]
    public void Schema_builds_with_every_reference_resolved_offline(string file)
    {
        var schema = SpecFolders.Build(SpecFolders.Full(file));
        Assert.NotNull(schema);
    }

    [Theory]
    [MemberData(nameof(ReleaseSchemas))]
    public void Schema_id_follows_the_identifier_scheme_and_titles_are_bilingual(string name)
    {
        var schema = SpecFolders.LoadedRelease.Schemas.Single(s => s.Name == name);
        Assert.Equal($"{SpecFolders.ReleaseUri}schemas/{name}.schema.json", schema.Id);
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", schema.Text("$schema"));
        foreach (var keyword in new[] { "title", "titleEn", "description", "descriptionEn" })
        {
            Assert.False(string.IsNullOrWhiteSpace(schema.Text(keyword)), $"{name}: '{keyword}' is missing");
        }
    }

    [Theory]
    [MemberData(nameof(ReleaseSchemas))]
    public void Every_property_has_a_Dutch_camel_case_name_and_descriptions_in_both_languages(string name)
    {
        var schema = SpecFolders.LoadedRelease.Schemas.Single(s => s.Name == name);
        var problems = new List<string>();
        Walk(schema.Root, "", problems);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(ReleaseSchemas))]
    public void Identifier_references_name_an_entity_of_the_release(string name)
    {
        var schema = SpecFolders.LoadedRelease.Schemas.Single(s => s.Name == name);
        var entities = SpecFolders.LoadedRelease.Schemas.Select(s => s.Name).ToHashSet();
        foreach (var target in Annotations(schema.Root, "verwijstNaar"))
        {
            Assert.Contains(target, entities);
        }
    }

    [Fact]
    public void Envelope_maps_every_entity_to_a_message_type_and_its_schema()
    {
        var envelope = SpecFolders.LoadedRelease.Schemas.Single(s => s.Name == "bericht").Root;
        var mapped = envelope.GetProperty("allOf").EnumerateArray()
            .ToDictionary(
                c => c.GetProperty("if").GetProperty("properties").GetProperty("type").GetProperty("const").GetString()!,
                c => c.GetProperty("then").GetProperty("properties").GetProperty("dataschema").GetProperty("enum").EnumerateArray().Select(e => e.GetString()!).ToList());
        var entities = SpecFolders.LoadedRelease.Schemas.Where(s => !s.IsTypeLibrary && s.Name != "bericht").ToList();
        Assert.Equal(entities.Count, mapped.Count);
        foreach (var entity in entities)
        {
            // Every 1.x release that has the entity's schema, ending with this release's: the 1.x envelope reads the whole
            // line from the release that brought the entity.
            var accepted = mapped[$"nl.veiligheidsregio.{entity.Name}.v1"];
            Assert.Equal(entity.Id, accepted[^1]);
            Assert.Equal(
                Vr.Standaarden.Spec.Standard.Line(1)
                    .Where(r => r.Find($"schemas/{entity.Name}.schema.json") is not null)
                    .Select(r => $"{SpecFolders.BaseUri}{r.Name}/schemas/{entity.Name}.schema.json"),
                accepted);
        }
    }

    private static readonly Regex CamelCase = new("^[a-z][a-zA-Z0-9]*$", RegexOptions.CultureInvariant);

    private static void Walk(JsonElement node, string path, List<string> problems)
    {
        if (node.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in node.EnumerateArray())
            {
                Walk(item, $"{path}/{i++}", problems);
            }

            return;
        }

        if (node.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var member in node.EnumerateObject())
        {
            // Values of enum/const/examples are data, not schemas.
            if (member.Name is "enum" or "const" or "codes" or "codelijst")
            {
                continue;
            }

            if (member.Name == "properties" && member.Value.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in member.Value.EnumerateObject())
                {
                    var where = $"{path}/properties/{property.Name}";
                    if (!CamelCase.IsMatch(property.Name))
                    {
                        problems.Add($"{where}: not a camelCase name");
                    }

                    // A property only constrained inside an if/then needs no descriptions of its own.
                    var underCondition = path.Contains("/if", StringComparison.Ordinal) || path.Contains("/then", StringComparison.Ordinal);
                    if (!underCondition && (!property.Value.TryGetProperty("description", out _) || !property.Value.TryGetProperty("descriptionEn", out _)))
                    {
                        problems.Add($"{where}: needs both description and descriptionEn");
                    }
                }
            }

            Walk(member.Value, $"{path}/{member.Name}", problems);
        }
    }

    private static IEnumerable<string> Annotations(JsonElement node, string keyword) =>
        node.ValueKind switch
        {
            JsonValueKind.Object => node.EnumerateObject().SelectMany(p =>
                p.Name == keyword && p.Value.ValueKind == JsonValueKind.String ? [p.Value.GetString()!] : Annotations(p.Value, keyword)),
            JsonValueKind.Array => node.EnumerateArray().SelectMany(v => Annotations(v, keyword)),
            _ => [],
        };
}
