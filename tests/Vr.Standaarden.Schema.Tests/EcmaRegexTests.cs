using System.Text.Json;

namespace Vr.Standaarden.Schema.Tests;

public sealed class EcmaRegexTests
{
    private static bool Matches(string pattern, string value) =>
        JsonSchema.FromText(JsonSerializer.Serialize(new Dictionary<string, string> { ["pattern"] = pattern }))
            .Evaluate(JsonSerializer.SerializeToElement(value)).IsValid;

    [Fact]
    public void Empty_class_matches_nothing_and_negated_empty_class_matches_anything()
    {
        Assert.False(Matches("^a[]b$", "ab"));
        Assert.False(Matches("^a[]b$", "axb"));
        Assert.True(Matches("^a[^]b$", "axb"));
        Assert.True(Matches("^a[^]b$", "a\nb"));
    }

    [Fact]
    public void Character_classes_and_anchors_follow_ecma_262()
    {
        Assert.False(Matches("^\\d+$", "١٢٣"));
        Assert.True(Matches("^\\d+$", "123"));
        Assert.False(Matches("^abc$", "abc\n"));
        Assert.True(Matches("^\\p{Letter}+$", "straße"));
    }
}
