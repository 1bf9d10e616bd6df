using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Vr.Standaarden.Begrippen;

/// <summary>
/// A code list of the standard, read from its file in <c>spec/&lt;release&gt;/codelijsten/</c>. A closed list accepts
/// only its codes; an open list also accepts codes it does not hold that have the shape of <see cref="Patroon"/>.
/// </summary>
public sealed class Codelijst
{
    private readonly Dictionary<string, Code> _byValue;
    private readonly Regex? _pattern;

    private Codelijst(string naam, string titel, string titelEn, string omschrijving, string omschrijvingEn, string versie, string? patroon, IReadOnlyList<Code> codes)
    {
        Naam = naam;
        Titel = titel;
        TitelEn = titelEn;
        Omschrijving = omschrijving;
        OmschrijvingEn = omschrijvingEn;
        Versie = versie;
        Patroon = patroon;
        Codes = codes;
        _byValue = codes.ToDictionary(c => c.Waarde, StringComparer.Ordinal);
        _pattern = patroon is null ? null : new Regex(patroon, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
    }

    /// <summary>The name, which is also the file name, for example <c>grip-niveau</c>.</summary>
    public string Naam { get; }

    /// <summary>The Dutch title.</summary>
    public string Titel { get; }

    /// <summary>The English title.</summary>
    public string TitelEn { get; }

    /// <summary>The Dutch description.</summary>
    public string Omschrijving { get; }

    /// <summary>The English description.</summary>
    public string OmschrijvingEn { get; }

    /// <summary>The version of this list.</summary>
    public string Versie { get; }

    /// <summary>Whether codes not in the list, but of the shape <see cref="Patroon"/>, are valid.</summary>
    public bool IsOpen => Patroon is not null;

    /// <summary>For an open list: the regular expression (ECMA-262) that every code matches.</summary>
    public string? Patroon { get; }

    /// <summary>The codes in the order of the list.</summary>
    public IReadOnlyList<Code> Codes { get; }

    /// <summary>The code with value <paramref name="waarde"/>, or <c>null</c>.</summary>
    public Code? Find(string waarde) => _byValue.GetValueOrDefault(waarde);

    /// <summary>Whether the list accepts <paramref name="waarde"/>: it holds it, or the list is open and the value has the right shape.</summary>
    public bool Accepteert(string waarde) => _byValue.ContainsKey(waarde) || (_pattern is not null && _pattern.IsMatch(waarde));

    /// <summary>
    /// Whether <paramref name="waarde"/> may be used on <paramref name="datum"/>: a listed code must be valid on that date;
    /// an unlisted code counts only in an open list and only when it has the right shape.
    /// </summary>
    public bool IsGeldigOp(string waarde, DateOnly datum) =>
        Find(waarde) is { } code ? code.IsGeldigOp(datum) : Accepteert(waarde);

    /// <summary>The title.</summary>
    public override string ToString() => $"{Titel} ({Naam} {Versie})";

    /// <summary>Reads a code list from its JSON file. Throws <see cref="FormatException"/> naming the member that is wrong.</summary>
    internal static Codelijst Read(JsonElement root, string source)
    {
        string Text(JsonElement element, string name, string where) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()!
                : throw new FormatException($"{source}: {where}/{name} must be a string.");

        string? Optional(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        DateOnly? Date(JsonElement element, string name, string where) =>
            Optional(element, name) is { } text
                ? DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    ? date
                    : throw new FormatException($"{source}: {where}/{name} is not a date (yyyy-MM-dd): '{text}'.")
                : null;

        var codes = new List<Code>();
        var index = 0;
        foreach (var entry in root.GetProperty("codes").EnumerateArray())
        {
            var where = $"/codes/{index++}";
            var attributes = entry.TryGetProperty("kenmerken", out var k)
                ? k.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText(), StringComparer.Ordinal)
                : [];
            codes.Add(new Code(
                Text(entry, "code", where), Text(entry, "label", where), Text(entry, "labelEn", where), Text(entry, "definitie", where),
                Optional(entry, "definitieEn"), Text(entry, "bron", where), Date(entry, "geldigVanaf", where), Date(entry, "geldigTot", where),
                entry.GetProperty("vervallen").GetBoolean(), entry.GetProperty("geverifieerd").GetBoolean(), Optional(entry, "opmerking"), attributes));
        }

        var meta = root.GetProperty("codelijst");
        return new Codelijst(
            Text(meta, "naam", "/codelijst"), Text(root, "title", ""), Text(root, "titleEn", ""), Text(root, "description", ""),
            Text(root, "descriptionEn", ""), Text(meta, "versie", "/codelijst"), Optional(root, "pattern"), codes);
    }
}
