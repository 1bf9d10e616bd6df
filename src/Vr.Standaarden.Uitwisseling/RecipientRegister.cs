using System.Text.Json;
using Vr.Standaarden.Schema;
using Vr.Standaarden.Spec;

namespace Vr.Standaarden.Uitwisseling;

/// <summary>One recipient of the register (<c>meta/afnemers.schema.json</c>).</summary>
/// <param name="Oin">The recipient's OIN.</param>
/// <param name="Naam">Its name.</param>
/// <param name="Organisatie">The OIN of the organisation it belongs to; <c>null</c> when it is the organisation itself.</param>
/// <param name="KlantVan">OINs of the organisations it is a client of (for TLP:AMBER).</param>
/// <param name="Gemeenschappen">Its communities (for TLP:GREEN).</param>
/// <param name="Doelen">The purposes (doelbinding codes) it may receive messages for.</param>
/// <param name="Persoonsgegevens">The kinds of personal data that may come with them: gewoon, bijzonder, strafrechtelijk.</param>
/// <param name="Rubricering">The highest classification it is cleared for: geen, DEP-V, STG-C, STG-G or STG-ZG.</param>
public sealed record Recipient(
    string Oin,
    string Naam,
    string? Organisatie,
    IReadOnlyList<string> KlantVan,
    IReadOnlyList<string> Gemeenschappen,
    IReadOnlyList<string> Doelen,
    IReadOnlyList<string> Persoonsgegevens,
    string Rubricering)
{
    /// <summary>
    /// Whether the recipient receives content a learned model made (<c>totstandkoming</c> <c>ai</c>, from release 1.2):
    /// <c>toestaan</c> (the default), <c>alleen-beoordeeld</c> (only once a person confirmed or corrected it) or
    /// <c>weigeren</c>.
    /// </summary>
    public string Ai { get; init; } = "toestaan";

    /// <summary>
    /// How often the organisation, as a source, declares it updates (<c>kwaliteit.interval</c> in the register, an
    /// ISO 8601 duration such as <c>PT5M</c>, from release 1.2), or <c>null</c>. A source silent past it is out of date.
    /// </summary>
    public string? Interval { get; init; }

    /// <summary>The organisation the recipient belongs to: <see cref="Organisatie"/>, or its own OIN.</summary>
    public string OrganisationOin => Organisatie ?? Oin;
}

/// <summary>
/// The register of recipients the sharing policy reads: a JSON file valid against <c>meta/afnemers.schema.json</c> of
/// the standard, <c>{"afnemers": [{"oin", "naam", "organisatie", "klantVan", "gemeenschappen", "doelen",
/// "persoonsgegevens", "rubricering", "ai", "kwaliteit"}]}</c>.
/// </summary>
public sealed class RecipientRegister
{
    private readonly Dictionary<string, Recipient> _byOin;

    private RecipientRegister(List<Recipient> recipients)
    {
        Recipients = recipients;
        _byOin = recipients.ToDictionary(r => r.Oin, StringComparer.Ordinal);
    }

    /// <summary>The recipients, in register order.</summary>
    public IReadOnlyList<Recipient> Recipients { get; }

    /// <summary>The recipient with <paramref name="oin"/>, or <c>null</c>.</summary>
    public Recipient? Find(string oin) => _byOin.GetValueOrDefault(oin);

    /// <summary>Reads a register and checks it against the register schema of the newest release.</summary>
    /// <exception cref="FormatException">The file is not a register: each violation is named with its JSON Pointer, and an OIN registered twice too.</exception>
    public static RecipientRegister Parse(ReadOnlySpan<byte> utf8Json)
    {
        var release = Standard.Releases.Last(r => r.Find("meta/afnemers.schema.json") is not null);
        var registry = new SchemaRegistry();
        foreach (var file in release.Definitions)
        {
            registry.Register(file.Root);
        }

        var schema = JsonSchema.FromElement(release.Find("meta/afnemers.schema.json")!.Root, new JsonSchemaOptions { AssertFormat = true, Registry = registry });
        EvaluationResult result;
        try
        {
            result = schema.Evaluate(utf8Json);
        }
        catch (JsonSchemaException ex)
        {
            throw new FormatException($"The register is not JSON: {ex.Message}", ex);
        }

        if (!result.IsValid)
        {
            throw new FormatException("The register does not have the shape of meta/afnemers.schema.json: " +
                string.Join("; ", result.MostSpecificErrors.Select(e => $"{(e.InstanceLocation.Length == 0 ? "(root)" : e.InstanceLocation)}: {e.Text.English}")));
        }

        using var document = JsonDocument.Parse(utf8Json.ToArray());
        var recipients = new List<Recipient>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        foreach (var entry in document.RootElement.GetProperty("afnemers").EnumerateArray())
        {
            static IReadOnlyList<string> List(JsonElement e, string name) =>
                e.TryGetProperty(name, out var v) ? [.. v.EnumerateArray().Select(x => x.GetString()!)] : [];
            var oin = entry.GetProperty("oin").GetString()!;
            if (!seen.Add(oin))
            {
                throw new FormatException($"/afnemers/{i}/oin: OIN {oin} is registered twice.");
            }

            recipients.Add(new Recipient(
                oin,
                entry.GetProperty("naam").GetString()!,
                entry.TryGetProperty("organisatie", out var organisation) ? organisation.GetString() : null,
                List(entry, "klantVan"),
                List(entry, "gemeenschappen"),
                List(entry, "doelen"),
                List(entry, "persoonsgegevens"),
                entry.TryGetProperty("rubricering", out var clearance) ? clearance.GetString()! : "geen")
            {
                Ai = entry.TryGetProperty("ai", out var ai) && ai.ValueKind == JsonValueKind.String ? ai.GetString()! : "toestaan",
                Interval = entry.TryGetProperty("kwaliteit", out var quality) && quality.TryGetProperty("interval", out var interval) ? interval.GetString() : null,
            });
            i++;
        }

        return new RecipientRegister(recipients);
    }
}
