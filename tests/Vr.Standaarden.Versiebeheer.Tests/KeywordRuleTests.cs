using System.Text.Json;
using System.Text.Json.Nodes;
using Vr.Standaarden.Schema.Model;
using Vr.Standaarden.Versiebeheer.Internal;

namespace Vr.Standaarden.Versiebeheer.Tests;

/// <summary>The keyword rules of the keyword folders: each one found by the differ, and what each says about a change.</summary>
public sealed class KeywordRuleTests
{
    private static readonly Type[] RuleTypes =
        [.. typeof(KeywordRule).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(KeywordRule)) && !t.IsAbstract).OrderBy(t => t.Name, StringComparer.Ordinal)];

    [Fact]
    public void Every_rule_in_the_package_is_the_one_the_differ_finds_for_its_keywords()
    {
        Assert.NotEmpty(RuleTypes);
        foreach (var type in RuleTypes)
        {
            var rule = (KeywordRule)Activator.CreateInstance(type)!;
            Assert.NotEmpty(rule.Keywords);
            foreach (var keyword in rule.Keywords)
            {
                Assert.True(KeywordRules.TryGet(keyword.Name, out var found, out var descriptor), $"{type.Name}: no rule registered for {keyword.Name}.");
                Assert.IsType(type, found);
                Assert.Same(keyword, descriptor);
                Assert.True(KeywordCatalog.TryGet(keyword.Name, out var catalogued) && ReferenceEquals(catalogued, keyword), $"{keyword.Name} is not the catalogue's descriptor.");
            }
        }
    }

    [Fact]
    public void A_keyword_without_a_rule_of_its_own_is_left_to_the_general_comparison()
    {
        Assert.False(KeywordRules.TryGet("unevaluatedItems", out _, out _));
        Assert.False(KeywordRules.TryGet("x-not-a-keyword", out _, out _));
    }

    [Fact]
    public void Every_applicator_of_2020_12_has_a_rule_that_compares_its_subschemas()
    {
        var applicators = KeywordCatalog.All.Where(k => k.Vocabulary == Vocabulary.Applicator && k.Kind == KeywordKind.Applicator).ToList();
        Assert.Equal(15, applicators.Count);
        foreach (var keyword in applicators)
        {
            Assert.True(KeywordRules.TryGet(keyword.Name, out var rule, out _), $"{keyword.Name} has no rule.");
            Assert.IsNotAssignableFrom<ValueRule>(rule);
        }
    }

    [Theory]
    [InlineData("minLength", "3", "5", "S1", true)]
    [InlineData("minLength", "5", "3", "S2", false)]
    [InlineData("maxLength", "5", "3", "S1", true)]
    [InlineData("maxItems", null, "4", "R2", true)]
    [InlineData("minItems", "2", null, "R3", false)]
    [InlineData("exclusiveMinimum", "0", "1", "N1", true)]
    [InlineData("maximum", "10", "20", "N2", false)]
    public void A_limit_that_moves_inwards_narrows_and_outwards_widens(string name, string? before, string? after, string kind, bool narrows)
    {
        var (rule, keyword) = ValueRuleFor(name);
        var finding = Assert.Single(rule.Compare(keyword, Value(before), Value(after), [], []));
        Assert.Equal(kind, finding.Kind);
        Assert.Equal(narrows ? Differ.Expect.Narrow : Differ.Expect.Widen, finding.Expect);
        Assert.StartsWith(name + " ", finding.Description, StringComparison.Ordinal);
        Assert.NotEmpty(narrows ? finding.Narrowing : finding.Widening);
        Assert.Empty(narrows ? finding.Widening : finding.Narrowing);
    }

    [Fact]
    public void A_raised_minimum_length_is_proved_with_strings_between_the_two_limits()
    {
        var (rule, keyword) = ValueRuleFor("minLength");
        var finding = Assert.Single(rule.Compare(keyword, Value("3"), Value("5"), [JsonValue.Create("abcdef")], []));
        var lengths = finding.Narrowing.Select(v => v!.GetValue<string>().Length).ToHashSet();

        // Valid before (3 or more) and not after (fewer than 5): lengths 3 and 4 must be among the probes.
        Assert.Contains(3, lengths);
        Assert.Contains(4, lengths);
    }

    [Fact]
    public void Required_reports_each_name_added_and_removed_with_objects_that_lack_it()
    {
        var (rule, keyword) = ValueRuleFor("required");
        var sample = JsonNode.Parse("""{"a": 1, "b": 2, "c": 3}""");
        var findings = rule.Compare(keyword, Value("""["a","b"]"""), Value("""["b","c"]"""), [sample], [sample]).ToList();

        Assert.Equal(["O6", "O7"], findings.Select(f => f.Kind));
        Assert.Contains("'c'", findings[0].Description, StringComparison.Ordinal);
        Assert.False(((JsonObject)findings[0].Narrowing.Single()!).ContainsKey("c"));
        Assert.Contains("'a'", findings[1].Description, StringComparison.Ordinal);
        Assert.False(((JsonObject)findings[1].Widening.Single()!).ContainsKey("a"));
    }

    [Fact]
    public void UniqueItems_unchanged_means_nothing_and_turned_on_is_proved_with_a_repeated_item()
    {
        var (rule, keyword) = ValueRuleFor("uniqueItems");
        Assert.Empty(rule.Compare(keyword, Value("false"), null, [], []));

        var finding = Assert.Single(rule.Compare(keyword, null, Value("true"), [JsonNode.Parse("[7, 8]")], []));
        Assert.Equal("R4", finding.Kind);
        Assert.Equal("[7,7]", finding.Narrowing.Single()!.ToJsonString());
    }

    [Theory]
    [InlineData("\"string\"", "[\"string\", \"null\"]", "T1")]
    [InlineData("[\"string\", \"integer\"]", "\"string\"", "T2")]
    [InlineData("\"string\"", "\"integer\"", "T3,T1")]
    [InlineData("\"integer\"", "\"number\"", "T1")]
    [InlineData("\"number\"", "\"integer\"", "T2")]
    public void A_type_change_is_each_type_removed_and_added_with_integer_inside_number(string before, string after, string kinds)
    {
        var (rule, keyword) = ValueRuleFor("type");
        var findings = rule.Compare(keyword, Value(before), Value(after), [JsonValue.Create("x"), JsonValue.Create(2.5m)], [JsonValue.Create(1)]).ToList();

        Assert.Equal(kinds.Split(','), findings.Select(f => f.Kind));
        Assert.All(findings, f => Assert.NotEmpty(f.Expect == Differ.Expect.Narrow ? f.Narrowing : f.Widening));
    }

    private static JsonElement? Value(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();

    private static (ValueRule Rule, Keyword Keyword) ValueRuleFor(string name)
    {
        Assert.True(KeywordRules.TryGet(name, out var rule, out var keyword), $"no rule for {name}");
        return (Assert.IsAssignableFrom<ValueRule>(rule), keyword);
    }
}
