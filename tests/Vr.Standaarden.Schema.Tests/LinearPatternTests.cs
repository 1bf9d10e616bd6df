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

    [Theory]
    [MemberData(nameof(Linear))]
    public void The_compiled_engine_matches_exactly_as_the_linear_time_engine(string pattern)
    {
        var compiled = EcmaRegex.Create(pattern, TimeSpan.FromSeconds(1), preferCompiled: true);
        var linear = EcmaRegex.Create(pattern, TimeSpan.FromSeconds(1));
        Assert.True(compiled.Backtracking);
        Assert.False(linear.Backtracking);

        var random = new Random(pattern.Length);
        const string Alphabet = "0123456789-:.TZ+ AGMNSabcxyz@\t:!~urnldoi";
        var samples = new List<string> { "", "2026-11-20T21:14:05+01:00", "2026-11-20T21:14:05.123Z", "2026-11-20T21:14:05-00:00", "GM0363", "2511XH", "0518100000212345", "1.1.10" };
        for (var i = 0; i < 3000; i++)
        {
            var chars = new char[random.Next(0, 30)];
            for (var j = 0; j < chars.Length; j++)
            {
                chars[j] = Alphabet[random.Next(Alphabet.Length)];
            }

            samples.Add(new string(chars));
        }

        foreach (var sample in samples)
        {
            Assert.Equal(linear.IsMatch(sample, out _), compiled.IsMatch(sample, out _));
        }
    }
}
