using System.Globalization;
using System.Text.Json.Nodes;
using Vr.Standaarden.Uitwisseling;

namespace Vr.Standaarden.Knooppunt;

/// <summary>
/// A doorbraak: the chair of a safety region opens data temporarily to afnemers that the register does not entitle to
/// it, for one purpose, for at most <see cref="MaximumDuration"/>. While it is active, a read by one of its
/// <see cref="Afnemers"/> of a message in its scope (<see cref="Bronnen"/>, <see cref="Entiteiten"/>) is decided as if
/// the afnemer were registered for <see cref="Doel"/> and the kinds of <see cref="Persoonsgegevens"/>; the node records
/// every such read in the processing log under the grant, which is the grant's report afterwards. A grant never lifts a
/// TLP marking, a rubricering or a tijdbinding: those are the sender's. Created through <c>POST /doorbraken</c> by a
/// person in the role <see cref="KnooppuntAccess.ChairRole"/>; it expires by itself.
/// </summary>
/// <param name="Id">The grant's identifier.</param>
/// <param name="Afnemers">The OINs of the afnemers it opens data to, each in the register.</param>
/// <param name="Bronnen">The OINs of the sources whose messages it opens; empty for every source.</param>
/// <param name="Entiteiten">The kinds of entity it opens (such as <c>melding</c>); empty for every kind.</param>
/// <param name="Doel">The purpose the data is opened for (a doel of the register, such as <c>incidentbestrijding</c>).</param>
/// <param name="Persoonsgegevens">The kinds of personal data it opens (<c>gewoon</c>, <c>bijzonder</c>, <c>strafrechtelijk</c>); may be empty.</param>
/// <param name="Vanaf">From when it holds.</param>
/// <param name="Tot">Until when it holds (exclusive); at most <see cref="MaximumDuration"/> after <see cref="Vanaf"/>.</param>
/// <param name="Reden">Why the chair opened it.</param>
/// <param name="VerleendDoor">The person who granted it (the <c>sub</c> of their sign-in).</param>
/// <param name="Organisatie">The OIN the person acted for.</param>
public sealed record TemporaryGrant(
    string Id,
    IReadOnlyList<string> Afnemers,
    IReadOnlyList<string> Bronnen,
    IReadOnlyList<string> Entiteiten,
    string Doel,
    IReadOnlyList<string> Persoonsgegevens,
    DateTimeOffset Vanaf,
    DateTimeOffset Tot,
    string Reden,
    string VerleendDoor,
    string Organisatie)
{
    /// <summary>The longest a grant may hold: 72 hours.</summary>
    public static readonly TimeSpan MaximumDuration = TimeSpan.FromHours(72);

    private static readonly string[] Kinds = ["gewoon", "bijzonder", "strafrechtelijk"];

    /// <summary>Whether the grant holds at <paramref name="moment"/>.</summary>
    public bool IsActive(DateTimeOffset moment) => Vanaf <= moment && moment < Tot;

    /// <summary>Whether the grant opens a message of <paramref name="sourceOin"/> about an entity of <paramref name="entity"/> to <paramref name="afnemer"/>.</summary>
    public bool Covers(string afnemer, string? sourceOin, string? entity) =>
        Afnemers.Contains(afnemer, StringComparer.Ordinal)
        && (Bronnen.Count == 0 || (sourceOin is not null && Bronnen.Contains(sourceOin, StringComparer.Ordinal)))
        && (Entiteiten.Count == 0 || (entity is not null && Entiteiten.Contains(entity, StringComparer.Ordinal)));

    /// <summary><paramref name="recipient"/> as the grant makes it: its purposes and kinds of personal data with the grant's added.</summary>
    public Recipient Widen(Recipient recipient)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        return recipient with
        {
            Doelen = [.. recipient.Doelen.Append(Doel).Distinct(StringComparer.Ordinal)],
            Persoonsgegevens = [.. recipient.Persoonsgegevens.Concat(Persoonsgegevens).Distinct(StringComparer.Ordinal)],
        };
    }

    /// <summary>The grant as JSON (the body of <c>GET /doorbraken/{id}</c> and the row in the record).</summary>
    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["afnemers"] = Array(Afnemers),
        ["bronnen"] = Array(Bronnen),
        ["entiteiten"] = Array(Entiteiten),
        ["doel"] = Doel,
        ["persoonsgegevens"] = Array(Persoonsgegevens),
        ["vanaf"] = Timestamps.Text(Vanaf),
        ["tot"] = Timestamps.Text(Tot),
        ["reden"] = Reden,
        ["verleendDoor"] = VerleendDoor,
        ["organisatie"] = Organisatie,
    };

    /// <summary>Reads a grant written by <see cref="ToJson"/>.</summary>
    /// <exception cref="FormatException">The JSON is not a grant.</exception>
    public static TemporaryGrant FromJson(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return new TemporaryGrant((string)json["id"]!, Strings(json["afnemers"]), Strings(json["bronnen"]), Strings(json["entiteiten"]), (string)json["doel"]!,
                Strings(json["persoonsgegevens"]), Moment((string)json["vanaf"]!), Moment((string)json["tot"]!), (string)json["reden"]!, (string)json["verleendDoor"]!, (string)json["organisatie"]!);
        }
        catch (Exception e) when (e is InvalidOperationException or NullReferenceException or ArgumentException)
        {
            throw new FormatException("The JSON is not a grant: " + e.Message, e);
        }
    }

    /// <summary>
    /// A grant from a request (<c>{"afnemers", "bronnen"?, "entiteiten"?, "doel", "persoonsgegevens"?, "uren", "reden"}</c>),
    /// holding from <paramref name="now"/> for <c>uren</c> hours, or the problems with it, each with the JSON Pointer of
    /// the member at fault: afnemers not in <paramref name="register"/>, a purpose nobody is registered for, an unknown
    /// kind of personal data, a duration beyond 72 hours, no reason.
    /// </summary>
    public static TemporaryGrant? Create(JsonObject request, RecipientRegister register, string grantedBy, string organisation, DateTimeOffset now, out IReadOnlyList<(string Pointer, string Problem)> problems)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(register);
        var found = new List<(string, string)>();
        var afnemers = StringList(request, "afnemers", found);
        if (afnemers.Count == 0 && found.Count == 0)
        {
            found.Add(("/afnemers", "Name at least one afnemer (OIN)."));
        }

        for (var i = 0; i < afnemers.Count; i++)
        {
            if (register.Find(afnemers[i]) is null)
            {
                found.Add(($"/afnemers/{i}", $"OIN {afnemers[i]} is not an afnemer in this node's register."));
            }
        }

        var bronnen = StringList(request, "bronnen", found);
        for (var i = 0; i < bronnen.Count; i++)
        {
            if (bronnen[i].Length != 20 || !bronnen[i].All(char.IsAsciiDigit))
            {
                found.Add(($"/bronnen/{i}", $"'{bronnen[i]}' is not an OIN (20 digits)."));
            }
        }

        var entiteiten = StringList(request, "entiteiten", found);
        var kinds = StringList(request, "persoonsgegevens", found);
        for (var i = 0; i < kinds.Count; i++)
        {
            if (!Kinds.Contains(kinds[i], StringComparer.Ordinal))
            {
                found.Add(($"/persoonsgegevens/{i}", $"'{kinds[i]}' is not a kind of personal data ({string.Join(", ", Kinds)})."));
            }
        }

        var doel = request["doel"] is JsonValue d && d.TryGetValue<string>(out var purpose) ? purpose : null;
        if (string.IsNullOrWhiteSpace(doel))
        {
            found.Add(("/doel", "Name the purpose the data is opened for."));
        }
        else if (!register.Recipients.Any(r => r.Doelen.Contains(doel, StringComparer.Ordinal)))
        {
            found.Add(("/doel", $"No afnemer of the register has the purpose '{doel}'."));
        }

        var hours = request["uren"] is JsonValue h && h.TryGetValue<double>(out var value) ? value : double.NaN;
        if (!(hours > 0) || TimeSpan.FromHours(hours) > MaximumDuration)
        {
            found.Add(("/uren", string.Create(CultureInfo.InvariantCulture, $"A grant holds for more than 0 and at most {MaximumDuration.TotalHours} hours.")));
        }

        var reden = request["reden"] is JsonValue r && r.TryGetValue<string>(out var reason) ? reason.Trim() : "";
        if (reden.Length == 0)
        {
            found.Add(("/reden", "Say why the data is opened: the grant is accounted for afterwards."));
        }

        problems = found;
        return found.Count > 0
            ? null
            : new TemporaryGrant(Guid.NewGuid().ToString("D"), afnemers, bronnen, entiteiten, doel!, kinds, now, now + TimeSpan.FromHours(hours), reden, grantedBy, organisation);
    }

    private static List<string> StringList(JsonObject request, string name, List<(string, string)> problems)
    {
        var list = new List<string>();
        switch (request[name])
        {
            case null:
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue v && v.TryGetValue<string>(out var text) && text.Trim().Length > 0)
                    {
                        list.Add(text.Trim());
                    }
                    else
                    {
                        problems.Add(($"/{name}/{i}", "Not a non-empty string."));
                    }
                }

                break;
            default:
                problems.Add(($"/{name}", "An array of strings."));
                break;
        }

        return list;
    }

    private static JsonArray Array(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);

    private static string[] Strings(JsonNode? node) => node is JsonArray array ? [.. array.Select(v => (string)v!)] : [];

    private static DateTimeOffset Moment(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
