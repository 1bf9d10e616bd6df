using System.Globalization;
using System.Text;
using Vr.Standaarden.Schema.Input;
using Vr.Standaarden.Testing;

namespace Vr.Standaarden.Schema.Tests;

public sealed class JsonInputTests
{
    public static TheoryData<string, string, long> Cases => BadInput.Cases;

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_bad_file_gives_its_problem_at_its_byte(string file, string kind, long offset)
    {
        var bytes = BadInput.Bytes(file);
        var problem = JsonInput.Check(bytes);

        Assert.NotNull(problem);
        Assert.Equal(kind, problem.Kind.ToString());
        if (offset >= 0)
        {
            Assert.Equal(offset, problem.ByteOffset);
        }

        // Line and column point at the same byte: count them independently from the text before it.
        var before = bytes.AsSpan(0, (int)Math.Min(problem.ByteOffset, bytes.Length));
        Assert.Equal(before.Count((byte)'\n') + 1, problem.Line);
        Assert.Contains($"byte {problem.ByteOffset}", problem.Text.English, StringComparison.Ordinal);
        Assert.Contains($"byte {problem.ByteOffset}", problem.Text.Dutch, StringComparison.Ordinal);
        Assert.NotEqual(problem.Text.English, problem.Text.Dutch);
        foreach (var text in new[] { problem.Text.English, problem.Text.Dutch })
        {
            Assert.DoesNotContain("isFinalBlock", text, StringComparison.Ordinal);
            Assert.DoesNotContain("LineNumber", text, StringComparison.Ordinal);
            Assert.DoesNotContain("BytePositionInLine", text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_engine_refuses_each_bad_file_as_instance_and_as_schema(string file, string kind, long offset)
    {
        var bytes = BadInput.Bytes(file);
        var schema = JsonSchema.FromText("""{ "type": "object" }""");

        var instance = Assert.Throws<InvalidInstanceException>(() => schema.Evaluate(bytes));
        Assert.Equal(kind, instance.Problem?.Kind.ToString());
        Assert.Equal(JsonInput.Check(bytes), instance.Problem);

        var asSchema = Assert.Throws<InvalidSchemaException>(() => JsonSchema.FromUtf8(bytes));
        Assert.Equal(kind, asSchema.Problem?.Kind.ToString());
        if (offset >= 0)
        {
            Assert.Equal(offset, asSchema.Problem!.ByteOffset);
        }
    }

    [Fact]
    public void A_utf8_byte_order_mark_is_accepted()
    {
        var bytes = BadInput.Bytes("utf8-bom-valid.json");
        Assert.Null(JsonInput.Check(bytes));
        Assert.True(JsonSchema.FromText("""{ "type": "object", "required": ["specversion"] }""").Evaluate(bytes).IsValid);
    }

    [Fact]
    public void Invalid_utf8_is_located_by_line_and_character_column()
    {
        // "é" is two bytes and one character: the column counts characters.
        var bytes = "{\n  \"a\": \"é\",\n  \"b\": \"x"u8.ToArray().Concat(new byte[] { 0xE9, (byte)'"', (byte)'}' }).ToArray();
        var problem = JsonInput.CheckEncoding(bytes)!;

        Assert.Equal(InputProblemKind.InvalidUtf8, problem.Kind);
        Assert.Equal(bytes.Length - 3, problem.ByteOffset);
        Assert.Equal(3, problem.Line);
        Assert.Equal(10, problem.Column);
        Assert.StartsWith("Not UTF-8 at line 3, column 10 (byte 24): E9 is no UTF-8 character", problem.Text.English, StringComparison.Ordinal);
        Assert.StartsWith("Geen UTF-8 op regel 3, kolom 10 (byte 24)", problem.Text.Dutch, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"a": 1,}""", "trailing comma", 8)]
    [InlineData("""{"a" 1}""", "':' was expected", 5)]
    [InlineData("""{"a": 1 "b": 2}""", "',' or the end of the array or object was expected", 8)]
    [InlineData("""{"a": tru}""", "'}' cannot start or continue a JSON value", 9)]
    [InlineData("""{"a": 1} x""", "more text ('x') after the JSON value", 9)]
    [InlineData("""{"a": [1, 2""", "ends before its value is complete", 11)]
    public void Syntax_errors_are_worded_without_parser_internals_and_located_once(string json, string words, long offset)
    {
        var problem = JsonInput.Check(Encoding.UTF8.GetBytes(json))!;

        Assert.Equal(InputProblemKind.Syntax, problem.Kind);
        Assert.Contains(words, problem.Text.English, StringComparison.Ordinal);
        Assert.Equal(offset, problem.ByteOffset);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(problem.Text.English, "line"));
    }

    [Fact]
    public void Size_and_depth_limits_are_refused_before_reading()
    {
        var deep = Encoding.UTF8.GetBytes(new string('[', 65) + new string(']', 65));
        Assert.Null(JsonInput.Check(deep, new InputLimits(1000, 65)));
        Assert.Equal(InputProblemKind.TooDeep, JsonInput.Check(deep)!.Kind);
        Assert.Equal(64, JsonInput.Check(deep)!.ByteOffset);

        var large = JsonInput.Check(new byte[2000], new InputLimits(1999, 64))!;
        Assert.Equal(InputProblemKind.TooLarge, large.Kind);
        Assert.Equal("The document is 2000 bytes, more than the limit of 1999 bytes.", large.Text.English);
        Assert.Throws<ArgumentOutOfRangeException>(() => new InputLimits(0, 1));
    }

    [Fact]
    public void Texts_follow_the_current_ui_culture()
    {
        var text = new LocalizedText("Not JSON", "Geen JSON");
        var saved = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("nl-BE");
            Assert.Equal("Geen JSON", text.ToString());
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-GB");
            Assert.Equal("Not JSON", text.ToString());
            CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
            Assert.Equal("Not JSON", text.ToString());
        }
        finally
        {
            CultureInfo.CurrentUICulture = saved;
        }
    }
}
