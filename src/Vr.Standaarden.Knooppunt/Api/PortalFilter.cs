using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Vr.Standaarden.Knooppunt;

/// <summary>
/// The filters of the portal and the situatierapport, read from the query string the way both read them, so that a link
/// shows a colleague the same view: <c>regio</c> (a region code such as <c>VR15</c>; several separated by commas),
/// <c>grip</c> (a GRIP level), <c>classificatie</c> (a classification code or the start of one: <c>br</c> is every fire),
/// <c>discipline</c> (a code of the discipline list, such as <c>GNK</c>), <c>tegenstrijdig=ja</c> (only incidents with
/// open contradictions), <c>tekst</c> (words in the id, classification, region or location), and <c>perspectief</c>
/// (a named perspective that presets the discipline: <c>GHOR</c>, <c>brandweer</c>, <c>politie</c>, <c>gemeente</c>,
/// <c>waterschap</c>, <c>defensie</c>), and <c>kwaliteit</c> (one of <see cref="Qualities"/>, read from the incident's
/// <c>kwaliteit</c> as the API gives it). An empty filter lets everything through.
/// </summary>
internal sealed record PortalFilter(IReadOnlyList<string> Regions, string? Grip, string? Classification, string? Discipline, bool OnlyContradicted, string? Text, string? Perspective, string? Quality = null)
{
    /// <summary>Below this share of recommended fields an incident counts as incomplete (<c>kwaliteit=onvolledig</c>).</summary>
    public const double IncompleteBelow = 0.8;

    /// <summary>The quality filters, each with how the report names it.</summary>
    public static IReadOnlyDictionary<string, string> Qualities { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["verouderd"] = "een bron niet actueel",
        ["onvolledig"] = "onvolledig (minder dan 80% van de aanbevolen velden)",
        ["ongeverifieerd"] = "niet alle berichten geverifieerd",
        ["algoritme"] = "met berekende of voorspelde waarden",
        ["terugmelding"] = "met open terugmeldingen",
    };

    /// <summary>The named perspectives and the discipline each presets.</summary>
    public static IReadOnlyDictionary<string, string> Perspectives { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["GHOR"] = "GNK",
        ["brandweer"] = "BRW",
        ["politie"] = "POL",
        ["gemeente"] = "BVZ",
        ["waterschap"] = "WS",
        ["defensie"] = "DEF",
    };

    public static PortalFilter From(IQueryCollection query)
    {
        string? One(string name) => query[name].ToString() is { Length: > 0 } value ? value.Trim() : null;
        var perspective = One("perspectief");
        var discipline = One("discipline") ?? (perspective is not null && Perspectives.TryGetValue(perspective, out var preset) ? preset : null);
        return new PortalFilter(
            [.. (One("regio") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            One("grip"), One("classificatie"), discipline,
            string.Equals(One("tegenstrijdig"), "ja", StringComparison.OrdinalIgnoreCase), One("tekst"), perspective,
            One("kwaliteit") is { } quality && Qualities.ContainsKey(quality) ? quality : null);
    }

    public bool IsEmpty => Regions.Count == 0 && Grip is null && Classification is null && Discipline is null && !OnlyContradicted && Text is null && Quality is null;

    /// <summary>Whether <paramref name="incident"/>, of quality <paramref name="quality"/> (its API <c>kwaliteit</c>), passes.</summary>
    public bool Matches(IncidentState incident, JsonObject quality)
    {
        if (Quality is not null && !HasQuality(incident, quality))
        {
            return false;
        }

        string? Value(string field) => incident.Fields.GetValueOrDefault(field)?.Text;
        if (Regions.Count > 0 && !Regions.Contains(Value("veiligheidsregio") ?? "", StringComparer.OrdinalIgnoreCase))
        {
            return false;
        }

        if (Grip is not null && !string.Equals(Value("grip"), Grip, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (Classification is not null && !(Value("classificatie") ?? "").StartsWith(Classification, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (Discipline is not null && !(incident.Fields.GetValueOrDefault("disciplines")?.Value is JsonArray disciplines
                && disciplines.Any(d => d is JsonValue v && v.TryGetValue<string>(out var s) && string.Equals(s, Discipline, StringComparison.OrdinalIgnoreCase))))
        {
            return false;
        }

        if (OnlyContradicted && incident.Contradictions.Count == 0)
        {
            return false;
        }

        if (Text is null)
        {
            return true;
        }

        var haystack = string.Join(' ', incident.Id, Value("classificatie"), Label("meldingsclassificatie", Value("classificatie")), Value("veiligheidsregio"),
            incident.Fields.GetValueOrDefault("locatie")?.Value?["omschrijving"]?.ToString());
        return Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).All(word => haystack.Contains(word, StringComparison.OrdinalIgnoreCase));
    }

    private bool HasQuality(IncidentState incident, JsonObject quality) => Quality switch
    {
        "verouderd" => quality["actueel"] is JsonValue current && !current.GetValue<bool>(),
        "onvolledig" => quality["volledigheid"] is JsonValue complete && complete.GetValue<double>() < IncompleteBelow,
        "ongeverifieerd" => quality["geverifieerd"] is JsonValue verified && verified.GetValue<double>() < 1,
        "algoritme" => KnooppuntEndpoints.AlgorithmicFields(incident).Any(),
        "terugmelding" => incident.Terugmeldingen.Count > 0,
        _ => true,
    };

    /// <summary>The label of <paramref name="code"/> in code list <paramref name="list"/>, or the code itself.</summary>
    public static string? Label(string list, string? code) =>
        code is null ? null : Begrippen.Codelijsten.TryGet(list, out var codes) && codes!.Find(code) is { } found ? found.Label : code;

    /// <summary>The filter in words, for the report's heading; <c>null</c> when it is empty.</summary>
    public string? Describe()
    {
        var parts = new List<string>();
        if (Perspective is not null)
        {
            parts.Add($"perspectief {Perspective}");
        }

        if (Regions.Count > 0)
        {
            parts.Add("regio " + string.Join(", ", Regions.Select(r => Label("veiligheidsregio", r.ToUpperInvariant()))));
        }

        if (Grip is not null)
        {
            parts.Add(Grip);
        }

        if (Classification is not null)
        {
            parts.Add("classificatie " + Label("meldingsclassificatie", Classification));
        }

        if (Discipline is not null)
        {
            parts.Add("discipline " + Label("discipline", Discipline.ToUpperInvariant()));
        }

        if (OnlyContradicted)
        {
            parts.Add("alleen met tegenstrijdigheden");
        }

        if (Text is not null)
        {
            parts.Add($"tekst \"{Text}\"");
        }

        if (Quality is not null)
        {
            parts.Add("kwaliteit: " + Qualities[Quality]);
        }

        return parts.Count == 0 ? null : string.Join(" · ", parts);
    }
}
