using Vr.Standaarden.Schema.Compiled;

namespace Vr.Standaarden.Schema.Tests;

public sealed class LocationCacheTests
{
    [Fact]
    public void Gives_the_pointer_of_a_member_or_item_and_reuses_it_for_the_same_parent()
    {
        var cache = new LocationCache();
        var parent = "/eenheden";
        var first = cache.Get(parent, null, 3);
        Assert.Equal("/eenheden/3", first);
        Assert.Same(first, cache.Get(parent, null, 3));
        Assert.Equal("/eenheden/40", cache.Get(parent, null, 40));
        Assert.Equal("/eenheden/a~1b~0c", cache.Get(parent, "a/b~c", 0));
        Assert.Equal("/eenheden/x", cache.Get(parent, "x", 0));
        Assert.Equal("/eenheden/a~1b~0c", cache.Get(parent, "a/b~c", 0));
    }

    [Fact]
    public void A_new_parent_gets_its_own_pointers_even_when_equal_in_text()
    {
        var cache = new LocationCache();
        Assert.Equal("/a/0", cache.Get("/a", null, 0));
        Assert.Equal("/b/0", cache.Get("/b", null, 0));
        var copy = new string("/a".AsSpan());
        Assert.Equal("/a/0", cache.Get(copy, null, 0));
        Assert.Throws<ArgumentNullException>(() => cache.Get(null!, "x", 0));
    }

    [Fact]
    public void Concurrent_readers_with_alternating_parents_always_get_the_right_pointer()
    {
        var cache = new LocationCache();
        var parents = Enumerable.Range(0, 8).Select(i => "/p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var wrong = 0;
        Parallel.For(0, 200_000, i =>
        {
            var parent = parents[i % parents.Length];
            var index = i % 20;
            var name = i % 3 == 0 ? "m" + (i % 5).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
            var expected = name is null ? $"{parent}/{index}" : $"{parent}/{name}";
            if (cache.Get(parent, name, index) != expected)
            {
                Interlocked.Increment(ref wrong);
            }
        });
        Assert.Equal(0, wrong);
    }
}
