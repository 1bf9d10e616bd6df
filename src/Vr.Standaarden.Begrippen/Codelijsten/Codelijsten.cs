using System.Collections.Frozen;
using System.Text.Json;

namespace Vr.Standaarden.Begrippen;

/// <summary>
/// The code lists of the standard, read from the files of <c>spec/1.0/codelijsten/</c> that are embedded in this
/// package as they are: there is no second, hand-written copy.
/// </summary>
public static class Codelijsten
{
    /// <summary>The release of the standard the lists come from.</summary>
    public const string Release = "1.0";

    private const string ResourcePrefix = "Vr.Standaarden.Begrippen.Codelijsten." + Release + ".";

    private static readonly Lazy<FrozenDictionary<string, Codelijst>> Lists = new(Load);

    /// <summary>The names of all lists, ordered.</summary>
    public static IReadOnlyList<string> Namen => [.. Lists.Value.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The list named <paramref name="naam"/>, for example <c>grip-niveau</c>. Throws <see cref="KeyNotFoundException"/> naming the lists there are.</summary>
    public static Codelijst Get(string naam) =>
        Lists.Value.TryGetValue(naam, out var list)
            ? list
            : throw new KeyNotFoundException($"There is no code list '{naam}' in release {Release}; the lists are: {string.Join(", ", Namen)}.");

    /// <summary>The list named <paramref name="naam"/>, if there is one.</summary>
    public static bool TryGet(string naam, out Codelijst? lijst) => Lists.Value.TryGetValue(naam, out lijst);

    /// <summary>The embedded JSON file of a list, exactly as in <c>spec/</c> (for a schema registry).</summary>
    public static ReadOnlyMemory<byte> Bestand(string naam)
    {
        Get(naam);
        using var stream = typeof(Codelijsten).Assembly.GetManifestResourceStream(ResourcePrefix + naam + ".json")!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static FrozenDictionary<string, Codelijst> Load()
    {
        var assembly = typeof(Codelijsten).Assembly;
        var lists = new Dictionary<string, Codelijst>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var document = JsonDocument.Parse(stream);
            var list = Codelijst.Read(document.RootElement, resource[ResourcePrefix.Length..]);
            lists.Add(list.Naam, list);
        }

        return lists.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
