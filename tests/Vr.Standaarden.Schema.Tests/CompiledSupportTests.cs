using Vr.Standaarden.Schema.Compiled;

namespace Vr.Standaarden.Schema.Tests;

/// <summary>Run-time helpers of generated code that are not covered through generated readers alone.</summary>
public sealed class CompiledSupportTests
{
    [Theory]
    [InlineData(0, -1, false)]
    [InlineData(1, -1, false)]
    [InlineData(16, -1, false)]
    [InlineData(16, 15, true)]
    [InlineData(17, -1, false)]
    [InlineData(17, 16, true)]
    [InlineData(200, -1, false)]
    [InlineData(200, 199, true)]
    public void HasDuplicates_finds_an_equal_pair_in_short_and_long_lists(int count, int duplicateAt, bool expected)
    {
        // Distinct strings; the item at duplicateAt (if any) repeats the first one, in a new string instance.
        var items = Enumerable.Range(0, count).Select(i => "code-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        if (duplicateAt >= 0)
        {
            items[duplicateAt] = string.Concat("code-", "0");
        }

        Assert.Equal(expected, CompiledSupport.HasDuplicates(items));
    }

    [Fact]
    public void HasDuplicates_uses_value_equality_of_the_item_type()
    {
        Assert.True(CompiledSupport.HasDuplicates(new List<double> { 1.0, 2.5, 1.0 }));
        Assert.False(CompiledSupport.HasDuplicates(new List<double> { 1.0, 2.5, 3.0 }));
        Assert.True(CompiledSupport.HasDuplicates(new List<DayOfWeek?> { DayOfWeek.Monday, null, null }));
        Assert.Throws<ArgumentNullException>(() => CompiledSupport.HasDuplicates<int>(null!));
    }

    public static TheoryData<string> Timestamps()
    {
        // A fixed seed: the same 600 timestamps on every run, in every shape RFC 3339 allows.
        var random = new Random(20261123);
        var data = new TheoryData<string>();
        for (var i = 0; i < 600; i++)
        {
            var fraction = random.Next(0, 11) switch
            {
                0 or 1 or 2 => "",
                var digits => "." + string.Concat(Enumerable.Range(0, digits - 2).Select(_ => (char)('0' + random.Next(10)))),
            };
            var offset = random.Next(4) switch
            {
                0 => random.Next(2) == 0 ? "Z" : "z",
                1 => "-00:00",
                var sign => (sign == 2 ? "+" : "-") + random.Next(0, 24).ToString("00", System.Globalization.CultureInfo.InvariantCulture) + ":" + random.Next(0, 60).ToString("00", System.Globalization.CultureInfo.InvariantCulture),
            };
            var day = new DateOnly(random.Next(1, 10000), random.Next(1, 13), 1).AddDays(random.Next(0, 28));
            var text = FormattableString.Invariant($"{day:yyyy-MM-dd}{(random.Next(5) == 0 ? 't' : 'T')}{random.Next(24):00}:{random.Next(60):00}:{random.Next(60):00}{fraction}{offset}");
            data.Add(text);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Timestamps))]
    public void ReadDateTime_gives_the_value_of_the_full_parser_for_every_rfc3339_shape(string text)
    {
        Assert.True(CompiledSupport.IsFormat(text, "date-time"), text);
        var expected = CompiledSupport.ParseDateTime(text);
        foreach (var json in new[] { "\"" + text + "\"", "\"\\u00" + ((int)text[0]).ToString("x2", System.Globalization.CultureInfo.InvariantCulture) + text[1..] + "\"" })
        {
            // Plain and escaped JSON text: the reader sees the same timestamp either way.
            var reader = new System.Text.Json.Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json));
            Assert.True(reader.Read());
            var actual = CompiledSupport.ReadDateTime(ref reader, text);
            Assert.Equal(expected, actual);
            Assert.Equal(expected.Offset, actual!.Value.Offset);
        }
    }

    [Theory]
    [InlineData("2026-11-20 21:41:00+01:00")]
    [InlineData("2026-02-30T21:41:00Z")]
    [InlineData("2026-11-20T21:41:00")]
    [InlineData("2026-11-20T24:00:00Z")]
    public void ReadDateTime_returns_null_for_text_that_is_not_a_date_time(string text)
    {
        var reader = new System.Text.Json.Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes("\"" + text + "\""));
        Assert.True(reader.Read());
        Assert.Null(CompiledSupport.ReadDateTime(ref reader, text));
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("Binnenhof", 9)]
    [InlineData("\u00e9\u00e9n", 3)]
    [InlineData("\ud83d\ude92 brandweer", 11)]
    [InlineData("\ud83d\ude92\ud83d\ude91", 2)]
    public void Length_counts_code_points(string text, int expected) =>
        Assert.Equal(expected, CompiledSupport.Length(text));

    [Fact]
    public void Length_counts_a_lone_surrogate_as_one_code_point()
    {
        // Built in code: attribute arguments cannot carry a lone surrogate.
        Assert.Equal(3, CompiledSupport.Length(new string(['a', '\ud83d', 'z'])));
        Assert.Equal(2, CompiledSupport.Length(new string(['\ude92', '\ud83d'])));
        Assert.Equal(2, CompiledSupport.Length(new string(['\ud83d', '\ude92', '\ude92'])));
    }
}
