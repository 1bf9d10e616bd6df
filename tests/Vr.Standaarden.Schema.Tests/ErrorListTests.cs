namespace Vr.Standaarden.Schema.Tests;

/// <summary>Error lists a person can act on: every problem once, each at the value it is about.</summary>
public sealed class ErrorListTests
{
    [Fact]
    public void Every_missing_required_property_is_reported()
    {
        var schema = JsonSchema.FromText("""{ "type": "object", "required": ["a", "b", "c", "d"] }""");

        var result = schema.Evaluate("""{ "b": 1 }"""u8);

        Assert.Equal(["Required property 'a' is missing.", "Required property 'c' is missing.", "Required property 'd' is missing."],
            result.MostSpecificErrors.Select(e => e.Message));
        Assert.False(schema.Evaluate("""{ "b": 1 }"""u8, OutputFormat.Flag).IsValid);
    }

    [Theory]
    [InlineData("""{ "type": "object", "properties": { "a": {} }, "additionalProperties": false }""", "additionalProperties")]
    [InlineData("""{ "type": "object", "properties": { "a": {} }, "unevaluatedProperties": false }""", "unevaluatedProperties")]
    public void One_disallowed_property_gives_one_error_at_the_property(string schemaText, string keyword)
    {
        var schema = JsonSchema.FromText(schemaText);

        var result = schema.Evaluate("""{ "a": 1, "x": 2, "y": 3 }"""u8);

        Assert.Equal(["/x", "/y"], result.Errors.Select(e => e.InstanceLocation));
        Assert.All(result.Errors, e => Assert.Equal(keyword, e.Keyword));
        Assert.StartsWith("Property 'x' is not allowed", result.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_flag_format_builds_no_text_for_branches_that_fail()
    {
        var schema = JsonSchema.FromText("""
            { "anyOf": [ { "type": "string", "pattern": "^a" }, { "enum": [1, 2] }, { "type": "integer", "minimum": 5, "not": { "const": 6 } } ],
              "oneOf": [ { "type": "object", "required": ["x"] }, { "multipleOf": 7 } ] }
            """);
        using var document = System.Text.Json.JsonDocument.Parse("7");
        Assert.True(schema.IsValid(document.RootElement));

        var before = GC.GetAllocatedBytesForCurrentThread();
        var valid = schema.IsValid(document.RootElement);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(valid);
        Assert.Equal(0, allocated);

        // The detailed formats still word every failure.
        using var invalid = System.Text.Json.JsonDocument.Parse("\"b\"");
        Assert.Contains(schema.Evaluate(invalid.RootElement).Errors, e => e.Message == "'b' does not match the pattern ^a." && e.Text.Dutch == "'b' voldoet niet aan het patroon ^a.");
    }
}
