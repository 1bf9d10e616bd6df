using System.Text;
using System.Text.Json;

namespace Vr.Standaarden.Schema.Tests;

public sealed class BadInputTests
{
    [Fact]
    public void A_utf8_byte_order_mark_before_schema_or_instance_is_skipped()
    {
        byte[] bom = [0xEF, 0xBB, 0xBF];
        var schema = JsonSchema.FromUtf8([.. bom, .. "{ \"type\": \"object\", \"required\": [\"id\"] }"u8]);
        Assert.True(schema.Evaluate([.. bom, .. "{ \"id\": 1 }"u8]).IsValid);
        Assert.False(schema.Evaluate([.. bom, .. "{ }"u8]).IsValid);
    }

    [Fact]
    public void Schema_text_that_is_not_json_is_reported_with_line_and_column()
    {
        var ex = Assert.Throws<InvalidSchemaException>(() => JsonSchema.FromText("{\n  \"type\": \"object\",\n  \"required\": [\"a\",]\n}"));
        Assert.Equal(3, ex.LineNumber);
        Assert.Equal(20, ex.Column);
        Assert.Contains("line 3, column 20", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Schema_invalid_against_its_meta_schema_is_rejected_with_located_errors()
    {
        var ex = Assert.Throws<InvalidSchemaException>(() => JsonSchema.FromText("""{ "properties": { "naam": { "minLength": -1 } } }"""));
        Assert.Contains(ex.MetaSchemaErrors, e => e.InstanceLocation == "/properties/naam/minLength");
        Assert.Equal("/properties/naam/minLength", ex.Location);
    }

    [Fact]
    public void Keyword_values_are_checked_even_without_the_meta_schema()
    {
        var options = new JsonSchemaOptions { ValidateAgainstMetaSchema = false };
        var ex = Assert.Throws<InvalidSchemaException>(() => JsonSchema.FromText("""{ "items": { "maxItems": "3" } }""", options));
        Assert.Equal("/items/maxItems", ex.Location);
    }

    [Fact]
    public void Unresolvable_reference_names_the_uri_and_never_touches_the_network()
    {
        var ex = Assert.Throws<UnresolvedReferenceException>(() => JsonSchema.FromText("""{ "$ref": "https://example.org/schemas/melding.json" }"""));
        Assert.Equal("https://example.org/schemas/melding.json", ex.Reference);
        Assert.Contains("https://example.org/schemas/melding.json", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reference_to_a_missing_anchor_or_pointer_is_a_clear_error()
    {
        Assert.Throws<UnresolvedReferenceException>(() => JsonSchema.FromText("""{ "$ref": "#/$defs/nergens" }"""));
        Assert.Throws<UnresolvedReferenceException>(() => JsonSchema.FromText("""{ "$ref": "#nergens" }"""));
    }

    [Theory]
    [InlineData("""{ "$ref": "#" }""")]
    [InlineData("""{ "$defs": { "a": { "$ref": "#/$defs/b" }, "b": { "$ref": "#/$defs/a" } }, "$ref": "#/$defs/a" }""")]
    public void Reference_cycle_without_progress_is_an_error_not_a_stack_overflow(string schemaText)
    {
        var schema = JsonSchema.FromText(schemaText);
        var result = schema.Evaluate(JsonDocument.Parse("{}").RootElement);
        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.Message.Contains("reference cycle", StringComparison.Ordinal));
    }

    [Fact]
    public void Recursive_schema_that_advances_through_the_instance_is_fine()
    {
        var schema = JsonSchema.FromText("""{ "type": "object", "properties": { "kind": { "$ref": "#" } } }""");
        Assert.True(schema.Evaluate("""{ "kind": { "kind": { "kind": {} } } }"""u8).IsValid);
        Assert.False(schema.Evaluate("""{ "kind": { "kind": 3 } }"""u8).IsValid);
    }

    [Fact]
    public void Instance_nested_deeper_than_the_limit_is_rejected_with_its_position()
    {
        var schema = JsonSchema.FromText("{}", new JsonSchemaOptions { MaxDepth = 16 });
        var deep = new string('[', 40) + new string(']', 40);
        var ex = Assert.Throws<InvalidInstanceException>(() => schema.Evaluate(Encoding.UTF8.GetBytes(deep)));
        Assert.Equal(1, ex.LineNumber);
        Assert.Contains("depth", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Schema_nested_deeper_than_the_limit_is_rejected()
    {
        var deep = string.Concat(Enumerable.Repeat("{\"items\":", 50)) + "{}" + new string('}', 50);
        var ex = Assert.Throws<InvalidSchemaException>(() => JsonSchema.FromText(deep, new JsonSchemaOptions { MaxDepth = 32 }));
        Assert.Contains("depth", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Instance_larger_than_the_limit_is_rejected_before_parsing()
    {
        var schema = JsonSchema.FromText("{}", new JsonSchemaOptions { MaxDocumentBytes = 1024 });
        var large = Encoding.UTF8.GetBytes("[" + string.Join(",", Enumerable.Repeat("1", 2000)) + "]");
        var ex = Assert.Throws<InvalidInstanceException>(() => schema.Evaluate(large));
        Assert.Contains("limit of 1024 bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Very_large_instance_within_the_limit_is_evaluated()
    {
        var schema = JsonSchema.FromText("""{ "type": "array", "items": { "type": "object", "required": ["id"] } }""");
        var items = string.Join(",", Enumerable.Range(0, 200_000).Select(i => $"{{\"id\":{i}}}"));
        var result = schema.Evaluate(Encoding.UTF8.GetBytes("[" + items + ",{}]"));
        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.InstanceLocation == "/200000");
    }

    [Fact]
    public void Hostile_pattern_cannot_hang_evaluation()
    {
        // Catastrophic for a backtracking engine; this one runs on the non-backtracking engine.
        var schema = JsonSchema.FromText("""{ "pattern": "^(a+)+$" }""");
        var hostile = JsonDocument.Parse("\"" + new string('a', 50_000) + "!\"").RootElement;
        Assert.False(schema.Evaluate(hostile).IsValid);
    }

    [Fact]
    public void Pattern_that_needs_backtracking_is_bounded_by_the_match_timeout()
    {
        // A back-reference forces the backtracking engine; the timeout makes the value invalid instead of hanging.
        var options = new JsonSchemaOptions { RegexMatchTimeout = TimeSpan.FromMilliseconds(50) };
        var schema = JsonSchema.FromText("""{ "pattern": "^(a|aa)+(\\1)+$" }""", options);
        var hostile = JsonDocument.Parse("\"" + new string('a', 5_000) + "b\"").RootElement;
        var result = schema.Evaluate(hostile);
        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.Keyword == "pattern");
    }

    [Fact]
    public void Invalid_regular_expression_in_a_schema_is_a_located_error()
    {
        var ex = Assert.Throws<InvalidSchemaException>(() => JsonSchema.FromText("""{ "properties": { "a": { "pattern": "([a-z" } } }""", new JsonSchemaOptions { ValidateAgainstMetaSchema = false }));
        Assert.Equal("/properties/a/pattern", ex.Location);
    }
}
