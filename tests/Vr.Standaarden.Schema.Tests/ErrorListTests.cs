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
}
