using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace Vr.Standaarden.Uitwisseling.Tests;

/// <summary>RFC 8785 with the values the RFC publishes, and I-JSON refused where it is broken.</summary>
public sealed class CanonicalizationTests
{
    // RFC 8785, appendix B: IEEE 754 bit patterns and their ECMAScript form.
    [Theory]
    [InlineData("0000000000000000", "0")]
    [InlineData("8000000000000000", "0")]
    [InlineData("0000000000000001", "5e-324")]
    [InlineData("8000000000000001", "-5e-324")]
    [InlineData("7fefffffffffffff", "1.7976931348623157e+308")]
    [InlineData("ffefffffffffffff", "-1.7976931348623157e+308")]
    [InlineData("4340000000000000", "9007199254740992")]
    [InlineData("c340000000000000", "-9007199254740992")]
    [InlineData("4430000000000000", "295147905179352830000")]
    [InlineData("44b52d02c7e14af5", "9.999999999999997e+22")]
    [InlineData("44b52d02c7e14af6", "1e+23")]
    [InlineData("44b52d02c7e14af7", "1.0000000000000001e+23")]
    [InlineData("444b1ae4d6e2ef4e", "999999999999999700000")]
    [InlineData("444b1ae4d6e2ef4f", "999999999999999900000")]
    [InlineData("444b1ae4d6e2ef50", "1e+21")]
    [InlineData("3eb0c6f7a0b5ed8c", "9.999999999999997e-7")]
    [InlineData("3eb0c6f7a0b5ed8d", "0.000001")]
    [InlineData("41b3de4355555553", "333333333.3333332")]
    [InlineData("41b3de4355555554", "333333333.33333325")]
    [InlineData("41b3de4355555555", "333333333.3333333")]
    [InlineData("41b3de4355555556", "333333333.3333334")]
    [InlineData("41b3de4355555557", "333333333.33333343")]
    [InlineData("becbf647612f3696", "-0.0000033333333333333333")]
    [InlineData("43143ff3c1cb0959", "1424953923781206.2")]
    public void Numbers_are_written_as_the_rfc_publishes(string bits, string expected)
    {
        var value = BitConverter.Int64BitsToDouble(long.Parse(bits, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
        Assert.Equal(expected, JsonCanonicalizer.FormatNumber(value));
    }

    [Theory]
    [InlineData("7fffffffffffffff")]
    [InlineData("7ff0000000000000")]
    public void NaN_and_infinity_have_no_form(string bits) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => JsonCanonicalizer.FormatNumber(BitConverter.Int64BitsToDouble(long.Parse(bits, NumberStyles.HexNumber, CultureInfo.InvariantCulture))));

    [Fact]
    public void The_rfc_example_gives_its_published_output()
    {
        // RFC 8785 §3.2.2/3.2.3 (the input of the example, and the bytes it must give).
        var input = """
            {
              "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """;
        var expected = "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";
        Assert.Equal(expected, Encoding.UTF8.GetString(JsonCanonicalizer.Canonicalize(Encoding.UTF8.GetBytes(input))));
    }

    [Fact]
    public void Members_are_sorted_by_utf16_code_units_as_the_rfc_shows()
    {
        // RFC 8785 §3.2.3: the sorting example.
        var input = """
            {
              "\u20ac": "Euro Sign",
              "\r": "Carriage Return",
              "\ufb33": "Hebrew Letter Dalet With Dagesh",
              "1": "One",
              "\ud83d\ude00": "Emoji: Grinning Face",
              "\u0080": "Control",
              "\u00f6": "Latin Small Letter O With Diaeresis"
            }
            """;
        var output = Encoding.UTF8.GetString(JsonCanonicalizer.Canonicalize(Encoding.UTF8.GetBytes(input)));
        var order = new[] { "Carriage Return", "One", "Control", "Latin Small Letter O With Diaeresis", "Euro Sign", "Emoji: Grinning Face", "Hebrew Letter Dalet With Dagesh" };
        var positions = order.Select(v => output.IndexOf(v, StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
    }

    [Theory]
    [InlineData("""{"a#":1,"a\"":2,"1":3,"\r":4,"\u00e9":5,"e":6}""", """{"\r":4,"1":3,"a\"":2,"a#":1,"e":6,"é":5}""")]
    [InlineData("""{"b":1,"a":{"d":[{"z":1,"y":2}],"c":-0,"e":100000000000000000000}}""", """{"a":{"c":0,"d":[{"y":2,"z":1}],"e":100000000000000000000},"b":1}""")]
    [InlineData("""{"\ue000":1,"\ud83d\ude00":2}""", """{"😀":2,"\ue000":1}""")]
    public void Names_sort_by_utf16_code_units_whatever_their_escapes(string input, string expected) =>
        Assert.Equal(expected.Replace("\\ue000", "\ue000", StringComparison.Ordinal), Encoding.UTF8.GetString(JsonCanonicalizer.Canonicalize(Encoding.UTF8.GetBytes(input))));

    [Theory]
    [InlineData("""{"a":1,"b":{"c":2,"c":3}}""", "/b/c", "occurs twice")]
    [InlineData("""{"a":"\ud800"}""", "/a", "unpaired surrogate")]
    [InlineData("""{"a":["x","\udc00y"]}""", "/a/1", "unpaired surrogate")]
    [InlineData("""{"a":1e400}""", "/a", "range of an IEEE 754 double")]
    public void Input_that_is_not_i_json_is_refused_with_its_place(string json, string location, string reason)
    {
        var error = Assert.Throws<CanonicalizationException>(() => JsonCanonicalizer.Canonicalize(Encoding.UTF8.GetBytes(json)));
        Assert.Equal(location, error.Location);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    /// <summary>A string as RFC 8785 writes it: only the quote, the backslash and control characters escaped.</summary>
    private static string Quoted(string text)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\b' => "\\b",
                '\f' => "\\f",
                < ' ' => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => c.ToString(),
            });
        }

        return builder.Append('"').ToString();
    }

    [Fact]
    public void A_large_object_in_any_order_is_sorted_by_utf16_code_units()
    {
        // 60,000 members in a shuffled order, with names beyond ASCII, beyond U+FFFF and written with escapes: the path a
        // hostile object takes (sorted in O(n log n)), checked against the order of .NET's ordinal string comparison.
        var random = new Random(8785);
        var names = Enumerable.Range(0, 60_000).Select(i => i switch
        {
            0 => "\\u00e9t\\u00e9",
            1 => "\\ud83d\\ude00",
            2 => "zz\\n",
            _ => string.Create(CultureInfo.InvariantCulture, $"{(char)('a' + random.Next(26))}{(i % 7 == 0 ? "é" : i % 11 == 0 ? "\uFF21" : "")}{i:x}"),
        }).OrderBy(_ => random.Next()).ToList();
        var input = "{" + string.Join(",", names.Select((n, i) => $"\"{n}\":{i}")) + "}";
        var decoded = names.Select((n, i) => (Name: System.Text.Json.JsonSerializer.Deserialize<string>("\"" + n + "\"")!, Value: i)).OrderBy(m => m.Name, StringComparer.Ordinal);
        var expected = "{" + string.Join(",", decoded.Select(m => Quoted(m.Name) + ":" + m.Value.ToString(CultureInfo.InvariantCulture))) + "}";
        Assert.Equal(expected, Encoding.UTF8.GetString(JsonCanonicalizer.Canonicalize(Encoding.UTF8.GetBytes(input))));
    }

    [Fact]
    public void A_top_level_member_can_be_left_out_and_bad_bytes_are_refused()
    {
        Assert.Equal("{\"a\":1,\"z\":{\"jws\":2}}", Encoding.UTF8.GetString(JsonCanonicalizer.Canonicalize("""{"z":{"jws":2},"jws":"x..y","a":1.0}"""u8, Schema.Input.InputLimits.Default, "jws")));
        Assert.Throws<CanonicalizationException>(() => JsonCanonicalizer.Canonicalize("""{"a":"\xff"}"""u8));
        var twice = Assert.Throws<CanonicalizationException>(() => JsonCanonicalizer.Canonicalize("""{"jws":"a..b","a":1,"jws":"c..d"}"""u8, Schema.Input.InputLimits.Default, "jws"));
        Assert.Equal("/jws", twice.Location);
        Assert.Throws<CanonicalizationException>(() => JsonCanonicalizer.Canonicalize([(byte)'"', 0xFF, (byte)'"']));
        Assert.Throws<CanonicalizationException>(() => JsonCanonicalizer.Canonicalize("""{"a":"""u8));
    }

    [Fact]
    public void Every_finite_double_reads_back_to_itself_from_its_canonical_form() =>
        Prop.ForAll(ArbMap.Default.ArbFor<long>(), bits =>
        {
            var value = BitConverter.Int64BitsToDouble(bits);
            if (!double.IsFinite(value))
            {
                return;
            }

            var text = JsonCanonicalizer.FormatNumber(value);
            Assert.Equal(value == 0 ? 0 : value, double.Parse(text, CultureInfo.InvariantCulture));
            Assert.Equal(text, JsonCanonicalizer.FormatNumber(double.Parse(text, CultureInfo.InvariantCulture)));
        }).QuickCheckThrowOnFailure();
}
