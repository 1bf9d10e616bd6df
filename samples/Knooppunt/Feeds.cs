using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Vr.Standaarden.Interop.Cap;
using Vr.Standaarden.Interop.P2000;
using Vr.Standaarden.Transport;

namespace Vr.Standaarden.Samples.Knooppunt;

/// <summary>One sample feed's messages.</summary>
internal sealed record Feed(string Name, string Description, IReadOnlyList<TransportMessage> Messages);

/// <summary>
/// The sample adapters: each turns what a partner system already produces into messages of the standard. The data
/// files are a recording of one evening in region 15; the feeds replay it as if it happened in the last hour (every
/// time is moved by the same amount), and for another region they speak for that region (its OINs and codes).
/// </summary>
internal static partial class Feeds
{
    /// <summary>The moment of the recording that becomes "now".</summary>
    private static readonly DateTimeOffset Recorded = new(2026, 11, 20, 21, 50, 0, TimeSpan.FromHours(1));

    public static IReadOnlyList<Feed> All(string folder, int region, DateTimeOffset now)
    {
        var shift = now - Recorded;
        var replay = new Replay(shift, region);
        return
        [
            Incidents(replay, folder),
            P2000(replay, folder, region),
            Cap(replay, folder),
            Capacity(replay, folder, region),
            Decisions(replay, folder),
        ];
    }

    /// <summary>
    /// Incident messages from two systems of the region (GMS in the meldkamer, LCMS in the crisis organisation) and the
    /// GHOR's plume model, a learned model whose estimate of where the gas goes no person has reviewed yet.
    /// </summary>
    private static Feed Incidents(Replay replay, string folder)
    {
        var messages = new List<TransportMessage>();
        var n = 0;
        foreach (var item in JsonNode.Parse(replay.Text(File.ReadAllText(Path.Combine(folder, "incidenten.json"))))!.AsArray())
        {
            var source = (string)item!["bron"]!;
            messages.Add(Envelope(source, $"{source.Split(':')[^1]}-{replay.Region:00}-{++n}", "incident", (string)item["tijd"]!, (string)item["tlp"]!,
                "incidentbestrijding crisisbeheersing", item["data"]!.DeepClone().AsObject()));
        }

        return new Feed("incidenten", "GMS, LCMS and plume-model incident messages", messages);
    }

    /// <summary>A meldkamer's P2000 pager lines, one a minute, read by the P2000 adapter into meldingen.</summary>
    private static Feed P2000(Replay replay, string folder, int region)
    {
        var meldkamer = string.Create(CultureInfo.InvariantCulture, $"00000099{region:00}0000000010");
        var options = new P2000MappingOptions { Source = $"urn:nld:oin:{meldkamer}:systeem:p2000", DefaultMeldkamer = meldkamer, Tlp = "TLP:GREEN", Doelbinding = "incidentbestrijding" };
        var messages = new List<TransportMessage>();
        var time = replay.Shift(new DateTimeOffset(2026, 11, 20, 20, 58, 0, TimeSpan.FromHours(1)));
        foreach (var line in File.ReadLines(Path.Combine(folder, "p2000.txt")).Where(l => l.Length > 0 && l[0] != '#'))
        {
            options.Time = time;
            time = time.AddMinutes(1);
            messages.Add(Parse(P2000Mapping.ToMessage(P2000Reader.Read(line), options)));
        }

        return new Feed("p2000", "meldkamer pager lines as meldingen", messages);
    }

    /// <summary>A weather service's CAP 1.2 warning, mapped to a waarschuwing per language.</summary>
    private static Feed Cap(Replay replay, string folder)
    {
        var messages = new List<TransportMessage>();
        foreach (var file in Directory.GetFiles(folder, "*.cap.xml").Order(StringComparer.Ordinal))
        {
            var alert = CapReader.Read(Encoding.UTF8.GetBytes(replay.Text(File.ReadAllText(file))));
            messages.AddRange(CapMapping.ToMessages(alert, new CapMappingOptions { Doelbinding = "crisisbeheersing" }).Select(Parse));
        }

        return new Feed("cap", "CAP warnings as waarschuwingen", messages);
    }

    /// <summary>A CSV of IC beds and shelter places (the GHOR's and the municipality's spreadsheets) as capaciteit.</summary>
    private static Feed Capacity(Replay replay, string folder, int region)
    {
        var messages = new List<TransportMessage>();
        var lines = File.ReadLines(Path.Combine(folder, "capaciteit.csv")).Where(l => l.Length > 0 && l[0] != '#').ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            var cells = replay.Text(lines[i]).Split(';');
            if (cells.Length < 8)
            {
                throw new FormatException($"capaciteit.csv line {i + 2}: 9 columns expected, {cells.Length} found.");
            }

            var data = new JsonObject
            {
                ["id"] = string.Create(CultureInfo.InvariantCulture, $"CAP-{region:00}-{cells[2]}-{i + 1}"),
                ["peilmoment"] = cells[0],
                ["aanbieder"] = cells[1],
                ["veiligheidsregio"] = string.Create(CultureInfo.InvariantCulture, $"VR{region:00}"),
                ["locatie"] = new JsonObject
                {
                    ["omschrijving"] = cells[3],
                    ["geometrie"] = new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(double.Parse(cells[4], CultureInfo.InvariantCulture), double.Parse(cells[5], CultureInfo.InvariantCulture)) },
                    ["crs"] = "EPSG:28992",
                },
                ["soort"] = cells[2],
                ["totaal"] = int.Parse(cells[6], CultureInfo.InvariantCulture),
                ["beschikbaar"] = int.Parse(cells[7], CultureInfo.InvariantCulture),
            };
            if (cells.Length > 8 && cells[8].Length > 0)
            {
                data["toelichting"] = cells[8];
            }

            messages.Add(Envelope($"urn:nld:oin:{cells[1]}:systeem:capaciteit", $"capaciteit-{region:00}-{i + 1}", "capaciteit", cells[0], "TLP:GREEN", "crisisbeheersing bevolkingszorg", data));
        }

        return new Feed("capaciteit", "IC beds and shelter places from a CSV", messages);
    }

    /// <summary>Decisions of the crisis team, one of which resolves a contradiction.</summary>
    private static Feed Decisions(Replay replay, string folder)
    {
        var messages = new List<TransportMessage>();
        foreach (var item in JsonNode.Parse(replay.Text(File.ReadAllText(Path.Combine(folder, "besluiten.json"))))!.AsArray())
        {
            var data = item!["data"]!.DeepClone().AsObject();
            messages.Add(Envelope((string)item["bron"]!, (string)data["id"]!, "besluit", (string)item["tijd"]!, (string)item["tlp"]!, "incidentbestrijding crisisbeheersing", data));
        }

        return new Feed("besluiten", "crisis team decisions", messages);
    }

    private static TransportMessage Envelope(string source, string id, string entity, string time, string tlp, string purposes, JsonObject data)
    {
        var message = new JsonObject
        {
            ["specversion"] = "1.0",
            ["id"] = id,
            ["source"] = source,
            ["type"] = $"nl.veiligheidsregio.{entity}.v1",
            ["time"] = time,
            ["datacontenttype"] = "application/json",
            ["dataschema"] = $"https://vr-standaarden.github.io/spec/{Vr.Standaarden.Model.Messages.Release}/schemas/{entity}.schema.json",
            ["tlp"] = tlp,
            ["doelbinding"] = purposes,
            ["bewaartermijn"] = "P30D",
            ["data"] = data,
        };
        var incident = (string?)data["incidentId"] ?? (entity == "incident" ? (string?)data["id"] : null);
        if (incident is not null)
        {
            message["correlationid"] = incident;
        }

        return Parse(message);
    }

    private static TransportMessage Parse(JsonObject message) => TransportMessage.Parse(Encoding.UTF8.GetBytes(message.ToJsonString()));

    /// <summary>Moves the recording's times to now and its region to the node's.</summary>
    private sealed partial class Replay(TimeSpan shift, int region)
    {
        public int Region => region;

        public DateTimeOffset Shift(DateTimeOffset time) => time + shift;

        public string Text(string text)
        {
            var moved = Timestamp().Replace(text, m =>
            {
                var time = DateTimeOffset.Parse(m.Value, CultureInfo.InvariantCulture) + shift;
                return time.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
            });
            var nn = region.ToString("00", CultureInfo.InvariantCulture);
            return moved.Replace("0000009915", "00000099" + nn, StringComparison.Ordinal)
                .Replace("VR15", "VR" + nn, StringComparison.Ordinal)
                .Replace("INC-15-", $"INC-{nn}-", StringComparison.Ordinal)
                .Replace("BES-15-", $"BES-{nn}-", StringComparison.Ordinal);
        }

        [GeneratedRegex(@"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", RegexOptions.CultureInvariant)]
        private static partial Regex Timestamp();
    }
}
