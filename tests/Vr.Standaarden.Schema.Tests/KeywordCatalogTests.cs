using System.Text.Json;
using Vr.Standaarden.Schema.Model;

namespace Vr.Standaarden.Schema.Tests;

/// <summary>
/// The catalogue against the official meta-schemas the engine embeds: every keyword they describe is in it with the
/// draft, vocabulary, kind and subschema placement the meta-schemas give, and it names no draft keyword they lack.
/// </summary>
public sealed class KeywordCatalogTests
{
    // Meta-schema file → the vocabulary its properties belong to (null: the dialect's own compatibility members).
    public static TheoryData<string, SchemaDrafts, string?> Files => new()
    {
        { "draft-07-schema.json", SchemaDrafts.Draft7, null },
        { "draft2019-09-meta-core.json", SchemaDrafts.Draft201909, nameof(Vocabulary.Core) },
        { "draft2019-09-meta-applicator.json", SchemaDrafts.Draft201909, nameof(Vocabulary.Applicator) },
        { "draft2019-09-meta-validation.json", SchemaDrafts.Draft201909, nameof(Vocabulary.Validation) },
        { "draft2019-09-meta-meta-data.json", SchemaDrafts.Draft201909, nameof(Vocabulary.MetaData) },
        { "draft2019-09-meta-format.json", SchemaDrafts.Draft201909, nameof(Vocabulary.Format) },
        { "draft2019-09-meta-content.json", SchemaDrafts.Draft201909, nameof(Vocabulary.Content) },
        { "draft2019-09-schema.json", SchemaDrafts.Draft201909, nameof(Vocabulary.Legacy) },
        { "draft2020-12-meta-core.json", SchemaDrafts.Draft202012, nameof(Vocabulary.Core) },
        { "draft2020-12-meta-applicator.json", SchemaDrafts.Draft202012, nameof(Vocabulary.Applicator) },
        { "draft2020-12-meta-unevaluated.json", SchemaDrafts.Draft202012, nameof(Vocabulary.Unevaluated) },
        { "draft2020-12-meta-validation.json", SchemaDrafts.Draft202012, nameof(Vocabulary.Validation) },
        { "draft2020-12-meta-meta-data.json", SchemaDrafts.Draft202012, nameof(Vocabulary.MetaData) },
        { "draft2020-12-meta-format-annotation.json", SchemaDrafts.Draft202012, nameof(Vocabulary.Format) },
        { "draft2020-12-meta-content.json", SchemaDrafts.Draft202012, nameof(Vocabulary.Content) },
        { "draft2020-12-schema.json", SchemaDrafts.Draft202012, nameof(Vocabulary.Legacy) },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void Describes_each_keyword_of_a_meta_schema_as_the_meta_schema_does(string file, SchemaDrafts draft, string? vocabulary)
    {
        var properties = MetaSchema(file).GetProperty("properties");
        Assert.NotEmpty(properties.EnumerateObject());
        foreach (var property in properties.EnumerateObject())
        {
            Assert.True(KeywordCatalog.TryGet(property.Name, out var keyword), $"{file}: '{property.Name}' is not in the catalogue.");
            Assert.True(keyword.IsIn(draft), $"{file}: the catalogue does not put '{property.Name}' in {draft}.");
            Assert.True(keyword.Drafts != SchemaDrafts.None, property.Name);
            Assert.True(Placement(property.Value) == keyword.SubschemasIn(draft), $"{file}: '{property.Name}' holds {Placement(property.Value)}, not {keyword.SubschemasIn(draft)}.");
            if (vocabulary is not null && draft == SchemaDrafts.Draft202012)
            {
                // The vocabularies of the catalogue are those of 2020-12.
                Assert.True(vocabulary == keyword.Vocabulary.ToString(), $"{file}: '{property.Name}' is in {keyword.Vocabulary}, not {vocabulary}.");
            }

            var expectedKind = keyword.Vocabulary switch
            {
                Vocabulary.Core => KeywordKind.Core,
                Vocabulary.Applicator or Vocabulary.Unevaluated => KeywordKind.Applicator,
                Vocabulary.Validation => KeywordKind.Assertion,
                Vocabulary.MetaData or Vocabulary.Format or Vocabulary.Content => KeywordKind.Annotation,
                _ => keyword.Kind,
            };
            Assert.True(expectedKind == keyword.Kind, $"{file}: '{property.Name}' is {keyword.Kind}, not {expectedKind}.");
        }
    }

    [Theory]
    [InlineData(SchemaDrafts.Draft7, "draft-07-schema.json")]
    [InlineData(SchemaDrafts.Draft201909, "draft2019-09-")]
    [InlineData(SchemaDrafts.Draft202012, "draft2020-12-")]
    public void Names_no_keyword_of_a_draft_that_its_meta_schemas_lack(SchemaDrafts draft, string prefix)
    {
        var described = Files.Select(row => (string)row[0])
            .Where(file => file.StartsWith(prefix, StringComparison.Ordinal) && !file.Contains("format-assertion", StringComparison.Ordinal))
            .SelectMany(file => MetaSchema(file).GetProperty("properties").EnumerateObject().Select(p => p.Name))
            .ToHashSet(StringComparer.Ordinal);

        var claimed = KeywordCatalog.All.Where(k => k.IsIn(draft)).Select(k => k.Name).ToList();

        Assert.All(claimed, name => Assert.Contains(name, described));
        Assert.Equal(described.Count, claimed.Count);
    }

    [Fact]
    public void Lists_the_standards_own_annotations_and_every_name_once()
    {
        var own = KeywordCatalog.All.Where(k => k.Vocabulary == Vocabulary.Standard).ToList();
        Assert.Equal(["titleEn", "descriptionEn", "persoonsgegeven", "verwijstNaar", "aanbevolen", "codelijst", "codes"], own.Select(k => k.Name));
        Assert.All(own, k => Assert.Equal((KeywordKind.Annotation, SchemaDrafts.None), (k.Kind, k.Drafts)));
        Assert.Equal(KeywordCatalog.All.Count, KeywordCatalog.All.Select(k => k.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.Null(KeywordCatalog.Find("minlength"));
        Assert.Same(KeywordCatalog.MinLength, KeywordCatalog.Find("minLength"));
    }

    [Theory]
    [InlineData("items", "{}", SubschemaPlacement.Value)]
    [InlineData("items", "true", SubschemaPlacement.Value)]
    [InlineData("items", "[{}, {}]", SubschemaPlacement.Items)]
    [InlineData("dependencies", """{"a": ["b"]}""", SubschemaPlacement.Members)]
    [InlineData("properties", "[]", SubschemaPlacement.None)]
    [InlineData("not", "[]", SubschemaPlacement.None)]
    [InlineData("allOf", "{}", SubschemaPlacement.None)]
    [InlineData("minLength", "1", SubschemaPlacement.None)]
    public void Says_where_subschemas_sit_for_the_shape_of_a_value(string name, string value, SubschemaPlacement expected)
    {
        var kind = JsonDocument.Parse(value).RootElement.ValueKind;
        var keyword = KeywordCatalog.Find(name)!;
        Assert.Equal(expected, keyword.PlacementFor(kind == JsonValueKind.Array, kind == JsonValueKind.Object, kind is JsonValueKind.True or JsonValueKind.False));
    }

    [Theory]
    [InlineData("$ref", true, false, false)]
    [InlineData("$dynamicRef", true, false, false)]
    [InlineData("$id", false, true, false)]
    [InlineData("$anchor", false, true, false)]
    [InlineData("$comment", false, false, true)]
    [InlineData("title", false, false, true)]
    [InlineData("contentSchema", false, false, true)]
    [InlineData("$defs", false, false, false)]
    [InlineData("minLength", false, false, false)]
    public void Tells_references_identifiers_and_documentation_apart(string name, bool reference, bool identifier, bool documentation)
    {
        var keyword = KeywordCatalog.Find(name)!;
        Assert.Equal((reference, identifier, documentation), (keyword.IsReference, keyword.IsIdentifier, keyword.IsDocumentation));
    }

    private static JsonElement MetaSchema(string file)
    {
        using var stream = typeof(JsonSchema).Assembly.GetManifestResourceStream("Vr.Standaarden.Schema.MetaSchemas." + file)
            ?? throw new InvalidOperationException($"No embedded meta-schema {file}.");
        return JsonDocument.Parse(stream).RootElement.Clone();
    }

    // Where the meta-schema says a keyword's subschemas sit: "#"/"#meta" is one schema, schemaArray an array of them.
    private static SubschemaPlacement Placement(JsonElement property)
    {
        if (property.ValueKind != JsonValueKind.Object)
        {
            return SubschemaPlacement.None;
        }

        if (IsSchema(property))
        {
            return SubschemaPlacement.Value;
        }

        if (IsSchemaArray(property))
        {
            return SubschemaPlacement.Items;
        }

        if (property.TryGetProperty("anyOf", out var anyOf) && anyOf.EnumerateArray().Any(IsSchema) && anyOf.EnumerateArray().Any(IsSchemaArray))
        {
            return SubschemaPlacement.Value | SubschemaPlacement.Items;
        }

        if (property.TryGetProperty("additionalProperties", out var members) &&
            (IsSchema(members) || members.TryGetProperty("anyOf", out var either) && either.EnumerateArray().Any(IsSchema)))
        {
            return SubschemaPlacement.Members;
        }

        return SubschemaPlacement.None;
    }

    private static bool IsSchema(JsonElement node) =>
        node.ValueKind == JsonValueKind.Object &&
        (Is(node, "$ref", "#") || Is(node, "$dynamicRef", "#meta") || Is(node, "$recursiveRef", "#"));

    private static bool IsSchemaArray(JsonElement node) =>
        node.ValueKind == JsonValueKind.Object && node.TryGetProperty("$ref", out var r) && r.GetString()!.EndsWith("/schemaArray", StringComparison.Ordinal);

    private static bool Is(JsonElement node, string member, string value) =>
        node.TryGetProperty(member, out var found) && found.ValueKind == JsonValueKind.String && found.GetString() == value;
}
