using Vr.Standaarden.Schema.Internal;

namespace Vr.Standaarden.Schema.Tests;

/// <summary>Which patterns may run on the compiled backtracking engine, and that it then matches exactly as the linear-time engine.</summary>
public sealed class LinearPatternTests
{
    public static TheoryData<string> Linear() =>
    [
        "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?(Z|\\+[0-9]{2}:[0-9]{2}|-(0[1-9]|1[0-9]|2[0-3]):[0-5][0-9]|-00:(0[1-9]|[1-5][0-9]))$",
        "^[0-9]{8}[0-9A-Za-z]{12}$",
        "^[0-9]{4}(01|02|03|10|20|30)[0-9]{10}$",
        "^[0-9]{4}[A-Z]{2}$",
        "^GM[0-9]{4}$",
        "^[^\\s]+$",
        "^(0[1-9]|1[0-9]|2[0-5])[0-9]{4}$",
        "^[ANS]?[0-9]{1,4}$",
        "^[1-9](\\.[1-9][0-9]?(\\.[0-9]{2})?)?$",
        "^urn:nld:oin:[0-9]{8}[0-9A-Za-z]{12}(:[!-~]+)?$",
        "^[a-z]+@[a-z]+\\.nl$",
        "^.*$",
    ];

    public static TheoryData<string> NotLinear() =>
    [
        "^(a+)+$",
        "^(a|a)*$",
        "^[a-z]+[a-z]+$",
        "^\\d+\\d$",
        "a+",
        "^a+",
        "^(?=a)a$",
        "^(a)\\1$",
        "^[a-z][a-z-]*( [a-z][a-z-]*)*$",
        "^a+?$",
        "^\\p{L}+$",
        "^[a-z]+(-[a-z]+)?[a-z]$",
    ];

    [Theory]
    [MemberData(nameof(Linear))]
    public void Anchored_patterns_without_repeated_groups_or_overlapping_repeats_are_linear(string pattern) =>
        Assert.True(LinearPattern.IsLinear(pattern));

    [Theory]
    [MemberData(nameof(NotLinear))]
    public void Repeated_groups_overlapping_repeats_and_unanalysed_syntax_are_not(string pattern) =>
        Assert.False(LinearPattern.IsLinear(pattern));

    public static TheoryData<string> Direct() =>
    [
        .. Linear(),
        "^[a-z]{2}([a-z]{2}([a-z]{2}|[0-9]{2})?)?$",
        "^(0|[1-9][0-9]{0,18})$",
        "^[A-Z][A-Z0-9-]{0,15}$",
        "^[a-z]{2,3}(-[A-Z]{2})?$",
        "^(?:ab|c)x{2,}$",
        "^[é-ü]{2}\\d\\w$",
        // Alternatives that start alike, an optional group that starts like what follows it, an alternative that can
        // be empty: the matcher tries the next alternative.
        "^(ab|ac|a)(bb|b)?c$",
        "^(ab)?a$",
        "^(a?|b)c$",
        "^x(a|)y$",
    ];

    public static TheoryData<string> NotDirect() =>
    [
        // Top-level alternatives are anchored at one end each.
        "^a|b$",
        // Too many ways through the groups (3^6).
        "^(a|b)?(a|b)?(a|b)?(a|b)?(a|b)?(a|b)?$",
        "^(a+)+$",
        "a+",
        "^\\p{L}+$",
    ];

    [Theory]
    [MemberData(nameof(Direct))]
    public void Linear_patterns_with_few_ways_through_their_groups_are_matched_without_an_engine(string pattern) =>
        Assert.True(EcmaRegex.Create(pattern, TimeSpan.FromSeconds(1), preferCompiled: true).Direct);

    [Theory]
    [MemberData(nameof(NotDirect))]
    public void Other_patterns_use_a_regular_expression_engine(string pattern)
    {
        Assert.Null(LinearPattern.TryCreateMatcher(pattern));
        Assert.False(EcmaRegex.Create(pattern, TimeSpan.FromSeconds(1), preferCompiled: true).Direct);
    }

    [Theory]
    [MemberData(nameof(Linear))]
    public void The_compiled_engine_matches_exactly_as_the_linear_time_engine(string pattern)
    {
        var compiled = EcmaRegex.Create(pattern, TimeSpan.FromSeconds(1), preferCompiled: true, allowDirect: false);
        var linear = EcmaRegex.Create(pattern, TimeSpan.FromSeconds(1));
        Assert.True(compiled.Backtracking);
        Assert.False(linear.Backtracking);
        AssertSameMatches(pattern, compiled, linear);
    }

    [Theory]
    [MemberData(nameof(Direct))]
    public void The_direct_matcher_matches_exactly_as_the_linear_time_engine(string pattern)
    {
        var direct = EcmaRegex.Create(pattern, TimeSpan.FromSeconds(1), preferCompiled: true);
        var linear = EcmaRegex.Create(pattern, TimeSpan.FromSeconds(1));
        Assert.True(direct.Direct);
        Assert.False(linear.Direct);
        AssertSameMatches(pattern, direct, linear);
    }

    [Theory]
    [InlineData("^.$", "a", true)]
    [InlineData("^.$", "\n", false)]
    [InlineData("^.$", "\r", false)]
    [InlineData("^.$", "\u2028", false)]
    [InlineData("^.$", "\u2029", false)]
    [InlineData("^a.c$", "a\rc", false)]
    public void A_dot_stops_at_every_ECMA_262_line_terminator(string pattern, string input, bool expected)
    {
        Assert.Equal(expected, EcmaRegex.Create(pattern, TimeSpan.FromSeconds(1)).IsMatch(input, out _));
        Assert.Equal(expected, EcmaRegex.Create(pattern, TimeSpan.FromSeconds(1), preferCompiled: true).IsMatch(input, out _));
        Assert.Equal(expected, EcmaRegex.Create(pattern, TimeSpan.FromSeconds(1), preferCompiled: true, allowDirect: false).IsMatch(input, out _));
    }

    private static void AssertSameMatches(string pattern, EcmaRegex candidate, EcmaRegex reference)
    {
        var random = new Random(pattern.Length);
        const string Alphabet = "0123456789-:.TZ+ AGMNSabcxyz@abc\t:!~urnldoi\r\n\u2028éü\ud83d\ude00";
        string[] seeds =
        [
            "", "2026-11-20T21:14:05+01:00", "2026-11-20T21:14:05.123Z", "2026-11-20T21:14:05-00:00", "2026-11-20T21:14Z",
            "GM0363", "2511XH", "0518100000212345", "1.1.10", "urn:nld:oin:00000001234567890000:afd", "00000001234567890000",
            "abcabc", "abxx", "cxxx", "abc", "acbbc", "abbc", "ac", "aa", "c", "bc", "xy", "xay", "nl-NL", "ABC-12", "123456789", "0", "N123", "051810", "piet@vr.nl", "éü1_",
        ];
        var samples = new List<string>(seeds);
        for (var i = 0; i < 3000; i++)
        {
            var chars = new char[random.Next(0, 30)];
            for (var j = 0; j < chars.Length; j++)
            {
                chars[j] = Alphabet[random.Next(Alphabet.Length)];
            }

            samples.Add(new string(chars));
        }

        // Near misses: each seed with one character replaced, inserted or removed.
        for (var i = 0; i < 3000; i++)
        {
            var seed = seeds[random.Next(1, seeds.Length)];
            var at = random.Next(seed.Length);
            var c = Alphabet[random.Next(Alphabet.Length)];
            samples.Add((random.Next(3)) switch
            {
                0 => seed.Remove(at, 1).Insert(at, c.ToString()),
                1 => seed.Insert(at, c.ToString()),
                _ => seed.Remove(at, 1),
            });
        }

        var matched = 0;
        foreach (var sample in samples)
        {
            var expected = reference.IsMatch(sample, out _);
            Assert.True(expected == candidate.IsMatch(sample, out _), $"'{pattern}' on '{sample}': expected {expected}");
            matched += expected ? 1 : 0;
        }

        Assert.True(matched > 0, $"No sample matched '{pattern}'.");
    }
}
