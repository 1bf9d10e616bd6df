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
}
