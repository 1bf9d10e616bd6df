using System.Text.Json;

namespace Vr.Standaarden.Schema.Tests;

public sealed class EvaluationTests
{
    private const string Melding = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "$id": "https://example.org/melding.json",
          "type": "object",
          "required": ["id", "prioriteit"],
          "properties": {
            "id": { "type": "string", "format": "uuid" },
            "prioriteit": { "$ref": "#/$defs/prioriteit" },
            "locatie": { "type": "object", "properties": { "x": { "type": "number", "minimum": 0 } } }
          },
          "$defs": { "prioriteit": { "enum": ["A1", "A2", "B"] } }
        }
        """;

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    [Fact]
    public void List_output_locates_each_error_in_instance_and_schema()
    {
        var schema = JsonSchema.FromText(Melding);
        var result = schema.Evaluate(Json("""{ "id": "x", "prioriteit": "Z", "locatie": { "x": -1 } }"""));

        Assert.False(result.IsValid);
        var enumError = Assert.Single(result.Errors, e => e.Keyword == "enum");
        Assert.Equal("/prioriteit", enumError.InstanceLocation);
        Assert.Equal("/properties/prioriteit/$ref/enum", enumError.KeywordLocation);
        Assert.Equal("https://example.org/melding.json#/$defs/prioriteit/enum", enumError.AbsoluteKeywordLocation);
        var minimum = Assert.Single(result.Errors, e => e.Keyword == "minimum");
        Assert.Equal("/locatie/x", minimum.InstanceLocation);
        Assert.DoesNotContain(result.Errors, e => e.Keyword == "format");
    }

    [Fact]
    public void Most_specific_errors_leave_out_the_applicator_summaries_above_them()
    {
        var result = JsonSchema.FromText(Melding).Evaluate(Json("""{ "id": "x", "prioriteit": "Z", "locatie": { "x": -1 } }"""));
        Assert.Equal(["enum", "minimum"], result.MostSpecificErrors.Select(e => e.Keyword).Order(StringComparer.Ordinal));
        Assert.Contains(result.Errors, e => e.Keyword == "properties");
        Assert.Contains(result.Errors, e => e.Keyword == "$ref");
    }

    [Fact]
    public void Most_specific_errors_leave_out_an_if_whose_then_explains_the_failure()
    {
        var schema = JsonSchema.FromText("""
            { "allOf": [ { "if": { "properties": { "klasse": { "const": "B" } } }, "then": { "required": ["profielen"] } } ],
              "properties": { "naam": { "type": "string" } } }
            """);
        var result = schema.Evaluate(Json("""{ "klasse": "B", "naam": 3 }"""));
        Assert.Contains(result.Errors, e => e.Keyword == "if");
        Assert.Equal(["required", "type"], result.MostSpecificErrors.Select(e => e.Keyword).Order(StringComparer.Ordinal));

        // An 'if' that fails without errors below its then/else stays: nothing else explains it.
        var bare = JsonSchema.FromText("""{ "if": true, "then": false }""").Evaluate(Json("1"));
        Assert.Contains(bare.MostSpecificErrors, e => e.KeywordLocation is "/then" or "/if");
    }

    [Fact]
    public void Format_is_an_annotation_unless_asserted()
    {
        var instance = Json("""{ "id": "geen-uuid", "prioriteit": "A1" }""");
        Assert.True(JsonSchema.FromText(Melding).Evaluate(instance).IsValid);
        var asserted = JsonSchema.FromText(Melding, new JsonSchemaOptions { AssertFormat = true }).Evaluate(instance);
        Assert.Equal("/id", Assert.Single(asserted.Errors, e => e.Keyword == "format").InstanceLocation);
    }

    [Fact]
    public void Flag_output_carries_only_the_verdict()
    {
        var result = JsonSchema.FromText(Melding).Evaluate(Json("""{ "id": 1 }"""), OutputFormat.Flag);
        Assert.False(result.IsValid);
        Assert.Empty(result.Errors);
        Assert.Equal("""{"valid":false}""", result.ToJson());
    }

    [Fact]
    public void Json_output_follows_the_specification_formats()
    {
        var schema = JsonSchema.FromText(Melding);
        var list = JsonDocument.Parse(schema.Evaluate(Json("""{ "prioriteit": "A1" }""")).ToJson()).RootElement;
        Assert.False(list.GetProperty("valid").GetBoolean());
        var error = list.GetProperty("errors")[0];
        Assert.Equal("/required", error.GetProperty("keywordLocation").GetString());
        Assert.Equal("https://example.org/melding.json#/required", error.GetProperty("absoluteKeywordLocation").GetString());
        Assert.Equal("", error.GetProperty("instanceLocation").GetString());
        Assert.Contains("'id'", error.GetProperty("error").GetString(), StringComparison.Ordinal);

        var valid = JsonDocument.Parse(schema.Evaluate(Json("""{ "id": "a", "prioriteit": "B" }""")).ToJson()).RootElement;
        Assert.True(valid.GetProperty("valid").GetBoolean());
        Assert.False(valid.TryGetProperty("errors", out _));
    }

    [Fact]
    public void Hierarchical_output_nests_errors_under_the_keywords_that_applied_them()
    {
        var result = JsonSchema.FromText(Melding).Evaluate(Json("""{ "id": "a", "prioriteit": "A1", "locatie": { "x": -1 } }"""), OutputFormat.Hierarchical);
        var properties = Assert.Single(result.Root.Details);
        Assert.Equal("/properties", properties.KeywordLocation);
        var nested = Assert.Single(properties.Details);
        Assert.Equal("/properties/locatie/properties", nested.KeywordLocation);
        Assert.Equal("/properties/locatie/properties/x/minimum", Assert.Single(nested.Details).KeywordLocation);

        var json = JsonDocument.Parse(result.ToJson()).RootElement;
        Assert.Equal("/properties/locatie/properties/x/minimum",
            json.GetProperty("errors")[0].GetProperty("errors")[0].GetProperty("errors")[0].GetProperty("keywordLocation").GetString());
    }

    [Fact]
    public void Dialect_comes_from_schema_or_options()
    {
        // In draft-07 a sibling of $ref is ignored; in 2020-12 it applies.
        const string text = """{ "$defs": { "s": { "type": "string" } }, "definitions": { "s": { "type": "string" } }, "$ref": "#/definitions/s", "maxLength": 2 }""";
        Assert.False(JsonSchema.FromText(text).Evaluate(Json("\"abc\"")).IsValid);
        var draft7 = JsonSchema.FromText(text, new JsonSchemaOptions { Dialect = SchemaDialect.Draft7 });
        Assert.Equal(SchemaDialect.Draft7, draft7.Dialect);
        Assert.True(draft7.Evaluate(Json("\"abc\"")).IsValid);
    }

    [Fact]
    public void Registry_resolves_registered_documents_and_mapped_folders_offline()
    {
        var folder = Directory.CreateTempSubdirectory("vr-schema-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "codes.json"), """{ "$defs": { "grip": { "enum": ["GRIP1", "GRIP2"] } } }""");
            var registry = new SchemaRegistry();
            registry.MapPrefix("https://vr.example/spec/", folder.FullName);
            registry.Register(new Uri("https://vr.example/other.json"), """{ "type": "string" }""");

            var schema = JsonSchema.FromText(
                """{ "$id": "https://vr.example/spec/bericht.json", "properties": { "grip": { "$ref": "codes.json#/$defs/grip" }, "naam": { "$ref": "/other.json" } } }""",
                new JsonSchemaOptions { Registry = registry });

            Assert.True(schema.Evaluate(Json("""{ "grip": "GRIP2", "naam": "x" }""")).IsValid);
            Assert.False(schema.Evaluate(Json("""{ "grip": "GRIP9" }""")).IsValid);
            Assert.False(schema.Evaluate(Json("""{ "naam": 3 }""")).IsValid);
            Assert.True(registry.Contains(new Uri("https://vr.example/spec/codes.json")));
            Assert.False(registry.Contains(new Uri("https://vr.example/spec/../../etc/passwd")));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_built_schema_evaluates_concurrently()
    {
        var schema = JsonSchema.FromText(Melding);
        var good = Json("""{ "id": "a", "prioriteit": "A2" }""");
        var bad = Json("""{ "id": "a", "prioriteit": "Q" }""");
        var outcomes = new bool[2000];
        Parallel.For(0, outcomes.Length, i => outcomes[i] = schema.Evaluate(i % 2 == 0 ? good : bad).IsValid == (i % 2 == 0));
        Assert.All(outcomes, Assert.True);
    }

    [Fact]
    public void Meta_schemas_are_embedded_and_a_schema_can_be_checked_against_them()
    {
        foreach (var dialect in Enum.GetValues<SchemaDialect>())
        {
            var meta = JsonSchema.MetaSchema(dialect);
            Assert.Equal(dialect, meta.Dialect);
            Assert.True(meta.Evaluate(Json("""{ "type": "string", "minLength": 1 }""")).IsValid);
            Assert.False(meta.Evaluate(Json("""{ "type": "tekst" }""")).IsValid);
        }
    }

    [Fact]
    public void Numbers_compare_by_value_and_multiple_of_is_exact()
    {
        Assert.True(JsonSchema.FromText("""{ "const": 1 }""").Evaluate(Json("1.0")).IsValid);
        Assert.True(JsonSchema.FromText("""{ "enum": [[1, {"a": 2.50}]] }""").Evaluate(Json("""[1.0, {"a": 2.5}]""")).IsValid);
        var tenth = JsonSchema.FromText("""{ "multipleOf": 0.1 }""");
        Assert.True(tenth.Evaluate(Json("0.3")).IsValid);
        Assert.False(tenth.Evaluate(Json("0.35")).IsValid);
    }

    [Fact]
    public void String_length_counts_code_points()
    {
        var schema = JsonSchema.FromText("""{ "maxLength": 2 }""");
        Assert.True(schema.Evaluate(Json("\"\\ud83d\\ude92🚒\"")).IsValid);
        Assert.False(schema.Evaluate(Json("\"🚒🚒🚒\"")).IsValid);
    }
}
