using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Vr.Standaarden.Begrippen;
using Vr.Standaarden.Spec;

namespace Vr.Standaarden.Interop.P2000;

/// <summary>How <see cref="P2000Mapping"/> makes a melding message.</summary>
public sealed class P2000MappingOptions
{
    /// <summary>The message's <c>source</c>: the converting system, <c>urn:nld:oin:&lt;OIN&gt;[:…]</c>. Required.</summary>
    public string? Source { get; set; }

    /// <summary>The OIN of each meldkamer code (<c>BDH</c> → its SubOIN); pager texts carry the code only.</summary>
    public IDictionary<string, string> Meldkamers { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The meldkamer OIN when the code is unknown or absent.</summary>
    public string? DefaultMeldkamer { get; set; }

    /// <summary>The time of a message without one (a plain line); the current time when not set.</summary>
    public DateTimeOffset? Time { get; set; }

    /// <summary>The envelope's <c>tlp</c>; <c>TLP:CLEAR</c> by default (P2000 is broadcast unencrypted).</summary>
    public string Tlp { get; set; } = "TLP:CLEAR";

    /// <summary>The envelope's <c>doelbinding</c>; <c>incidentbestrijding</c> by default.</summary>
    public string Doelbinding { get; set; } = "incidentbestrijding";

    /// <summary>The envelope's <c>bewaartermijn</c>; <c>P30D</c> by default.</summary>
    public string Bewaartermijn { get; set; } = "P30D";
}

/// <summary>A pager message that cannot become a melding, with the reason.</summary>
public sealed class P2000MappingException : FormatException
{
    /// <summary>A mapping problem.</summary>
    public P2000MappingException(string message)
        : base(message)
    {
    }
}

/// <summary>
/// A pager message as the standard's <c>melding</c> in an envelope: priority → <c>prioriteiten</c> (discipline and
/// code), incident text → <c>omschrijving</c> and its LMC code → <c>classificatie</c>, street, number and place →
/// <c>locatie.adres</c>, road and hectometre → <c>locatie.hectometrering</c>, the units' region →
/// <c>locatie.veiligheidsregio</c>. The line itself, capcodes, units, flags, the meldkamer code, what was not
/// recognised and the confidence go into <c>uitbreidingen["nl.p2000"]</c>.
/// </summary>
public static class P2000Mapping
{
    /// <summary>The extension key under <c>uitbreidingen</c>.</summary>
    public const string Extension = "nl.p2000";

    /// <summary>The message of <paramref name="message"/>.</summary>
    /// <exception cref="P2000MappingException">No source, no meldkamer OIN, no priority or no location.</exception>
    public static JsonObject ToMessage(P2000Message message, P2000MappingOptions options)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(options);
        var source = options.Source ?? throw new P2000MappingException("Set P2000MappingOptions.Source to the converting system's urn:nld:oin:<OIN>.");
        var meldkamer = (message.Meldkamer is { } code && options.Meldkamers.TryGetValue(code, out var oin) ? oin : null) ?? options.DefaultMeldkamer
            ?? throw new P2000MappingException($"No OIN for meldkamer '{message.Meldkamer ?? "(none)"}': add it to P2000MappingOptions.Meldkamers or set DefaultMeldkamer.");
        if (message.Priority is null || message.Discipline is null)
        {
            throw new P2000MappingException($"No priority in '{message.Text}': a melding needs one.");
        }

        var time = message.Time ?? options.Time ?? DateTimeOffset.UtcNow;
        var id = "P2000-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(message.Raw)))[..16];
        var location = new JsonObject();
        var place = string.Join(' ', new[] { message.Street, message.HouseNumber?.ToString(CultureInfo.InvariantCulture) + message.HouseNumberSuffix, message.Place }.Where(s => !string.IsNullOrEmpty(s)));
        if (message.Hectometre is { } h)
        {
            place = string.Join(' ', new[] { h.ToString(), place }.Where(s => s.Length > 0));
        }

        if (place.Length > 0)
        {
            location["omschrijving"] = place;
        }

        if (message.Street is not null || message.Place is not null)
        {
            var address = new JsonObject();
            if (message.Street is { Length: > 0 } street)
            {
                address["openbareRuimte"] = street;
            }

            if (message.HouseNumber is { } number and >= 1 and <= 99999)
            {
                address["huisnummer"] = number;
                if (message.HouseNumberSuffix is { Length: 1 } letter && char.IsLetter(letter[0]))
                {
                    address["huisletter"] = letter;
                }
                else if (message.HouseNumberSuffix is { } suffix)
                {
                    address["huisnummertoevoeging"] = suffix;
                }
            }

            if (message.Place is { Length: > 0 } town)
            {
                address["woonplaats"] = town;
            }

            if (address.Count > 0)
            {
                location["adres"] = address;
            }
        }

        if (message.Hectometre is { } road)
        {
            // As a number without trailing zeros (7.6, 10), as before: the record keeps what the line said.
            var hectometre = new JsonObject { ["weg"] = road.Weg, ["kilometer"] = (double)road.Kilometer };
            if (road.Zijde is { } side)
            {
                hectometre["zijde"] = side == Rijbaanzijde.Links ? "Li" : "Re";
            }

            location["hectometrering"] = hectometre;
        }

        if (location["adres"] is null && location["hectometrering"] is null)
        {
            throw new P2000MappingException($"No location in '{message.Text}': a melding needs an address or a road position.");
        }

        if (message.Region is { } region)
        {
            location["veiligheidsregio"] = region;
        }

        var extension = new JsonObject
        {
            ["tekst"] = message.Raw,
            ["zekerheid"] = message.Confidence switch { P2000Confidence.High => "hoog", P2000Confidence.Medium => "middel", _ => "laag" },
        };
        Optional(extension, "meldkamercode", message.Meldkamer is null ? null : $"{message.Meldkamer}-{message.MeldkamerNumber}");
        Array(extension, "capcodes", message.Capcodes);
        Array(extension, "eenheden", message.Units);
        Array(extension, "vlaggen", message.Flags);
        Optional(extension, "onherkend", message.Unrecognised);
        if (message.ClassificatieEstimated)
        {
            extension["classificatieGeschat"] = true;
        }

        var melding = new JsonObject
        {
            ["id"] = id,
            ["meldkamer"] = meldkamer,
            ["classificatie"] = message.Classificatie,
            ["prioriteiten"] = new JsonArray(new JsonObject { ["discipline"] = message.Discipline, ["prioriteit"] = message.Priority }),
            ["tijdstippen"] = new JsonObject { ["melding"] = Timestamp(time) },
            ["locatie"] = location,
            ["omschrijving"] = message.IncidentText ?? message.Text,
            // A pager line is what the meldkamer entered; a classification this mapping read from its words is computed.
            ["totstandkoming"] = new JsonObject { ["soort"] = "invoer" },
            ["uitbreidingen"] = new JsonObject { [Extension] = extension },
        };
        if (message.ClassificatieEstimated)
        {
            melding.Insert(melding.IndexOf("uitbreidingen"), "veldTotstandkoming", new JsonObject
            {
                ["/classificatie"] = new JsonObject
                {
                    ["soort"] = "berekening",
                    ["model"] = new JsonObject { ["naam"] = "P2000-classificatie uit de meldtekst", ["aanbieder"] = "Vr.Standaarden.Interop.P2000" },
                },
            });
        }
        return new JsonObject
        {
            ["specversion"] = "1.0",
            ["id"] = id,
            ["source"] = source,
            ["type"] = "nl.veiligheidsregio.melding.v1",
            ["time"] = Timestamp(time),
            ["subject"] = id,
            ["datacontenttype"] = "application/json",
            ["dataschema"] = Standard.NewestOf(1)?.Schema("melding").Id ?? throw new P2000MappingException("The standard holds no release of major line 1."),
            ["tlp"] = options.Tlp,
            ["doelbinding"] = options.Doelbinding,
            ["bewaartermijn"] = options.Bewaartermijn,
            ["data"] = melding,
        };
    }

    private static string Timestamp(DateTimeOffset time) =>
        time.Offset == TimeSpan.Zero ? time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : time.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static void Optional(JsonObject target, string name, string? value)
    {
        if (value is not null)
        {
            target[name] = value;
        }
    }

    private static void Array(JsonObject target, string name, IReadOnlyList<string> values)
    {
        if (values.Count > 0)
        {
            target[name] = new JsonArray([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);
        }
    }
}
