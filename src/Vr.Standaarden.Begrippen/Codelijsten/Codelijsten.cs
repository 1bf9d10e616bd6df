using System.Collections.Concurrent;
using System.Collections.Frozen;
using Vr.Standaarden.Spec;

namespace Vr.Standaarden.Begrippen;

/// <summary>
/// The code lists of the standard, read from the files of <c>spec/&lt;release&gt;/codelijsten/</c> as the
/// Vr.Standaarden.Spec package holds them: there is no second, hand-written copy. Without a release, the newest.
/// </summary>
public static class Codelijsten
{
    private static readonly ConcurrentDictionary<ReleaseVersion, FrozenDictionary<string, Codelijst>> Lists = new();

    /// <summary>The release the lists come from when none is named: the newest there is.</summary>
    public static string Release => Standard.Newest.Name;

    /// <summary>The names of all lists of the newest release, ordered.</summary>
    public static IReadOnlyList<string> Namen => [.. Of(Standard.Newest).Keys.Order(StringComparer.Ordinal)];

    /// <summary>The list named <paramref name="naam"/> in the newest release, for example <c>grip-niveau</c>. Throws <see cref="KeyNotFoundException"/> naming the lists there are.</summary>
    public static Codelijst Get(string naam) => Get(naam, Release);

    /// <summary>The list named <paramref name="naam"/> in <paramref name="release"/> (such as <c>1.0</c>). Throws <see cref="KeyNotFoundException"/> naming the releases or lists there are.</summary>
    public static Codelijst Get(string naam, string release)
    {
        var lists = Of(Standard.Release(release));
        return lists.TryGetValue(naam, out var list)
            ? list
            : throw new KeyNotFoundException($"There is no code list '{naam}' in release {release}; the lists are: {string.Join(", ", lists.Keys.Order(StringComparer.Ordinal))}.");
    }

    /// <summary>The list named <paramref name="naam"/> in the newest release, if there is one.</summary>
    public static bool TryGet(string naam, out Codelijst? lijst) => TryGet(naam, Release, out lijst);

    /// <summary>The list named <paramref name="naam"/> in <paramref name="release"/>, if there is that release and that list.</summary>
    public static bool TryGet(string naam, string release, out Codelijst? lijst)
    {
        lijst = null;
        return Standard.TryGetRelease(release, out var found) && Of(found).TryGetValue(naam, out lijst);
    }

    /// <summary>The embedded JSON file of a list of the newest release, exactly as in <c>spec/</c> (for a schema registry).</summary>
    public static ReadOnlyMemory<byte> Bestand(string naam)
    {
        Get(naam);
        return Standard.Newest.CodeList(naam).Utf8;
    }

    private static FrozenDictionary<string, Codelijst> Of(StandardRelease release) =>
        Lists.GetOrAdd(release.Version, _ => release.CodeLists
            .Select(file => Codelijst.Read(file.Root, file.Name + ".json"))
            .ToFrozenDictionary(list => list.Naam, StringComparer.Ordinal));
}
