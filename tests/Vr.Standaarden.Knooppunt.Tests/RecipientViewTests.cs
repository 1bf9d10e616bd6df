using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Vr.Standaarden.Uitwisseling;

namespace Vr.Standaarden.Knooppunt.Tests;

/// <summary>
/// A caller's picture on a secured node is kept between reads and takes in only what was recorded since, and it is the
/// same picture as one made from the whole record: messages out of time order, refused ones, contradictions, and a
/// message whose <c>expirytime</c> passes (after which the view is made again).
/// </summary>
public sealed class RecipientViewTests : IDisposable
{
    private const string Gms = "urn:nld:oin:00000004000000042000:systeem:GMS";
    private const string Lcms = "urn:nld:oin:00000004000000043000:systeem:LCMS";
    private const string Politie = "00000004000000017000";
    private readonly string _folder = Directory.CreateTempSubdirectory("vr-views-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, true);
    }

    private static readonly RecipientRegister Register = RecipientRegister.Parse(Encoding.UTF8.GetBytes($$"""
        {"afnemers": [
          {"oin": "00000004000000042000", "naam": "Meldkamer", "doelen": ["incidentbestrijding"]},
          {"oin": "00000004000000043000", "naam": "Veiligheidsregio", "doelen": ["incidentbestrijding"]},
          {"oin": "{{Politie}}", "naam": "Politie", "klantVan": ["00000004000000042000", "00000004000000043000"], "doelen": ["incidentbestrijding", "crisisbeheersing"], "persoonsgegevens": ["gewoon"]}
        ]}
        """));

    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static JsonObject Message(string source, int number, int minute, string grip, string incident = "INC-15-2026-0042", DateTimeOffset? expires = null, string tlp = "TLP:AMBER")
    {
        var message = TestIncidents.Message(source, number, new DateTimeOffset(2026, 11, 20, 21, minute, 0, TimeSpan.FromHours(1)), data =>
        {
            data["id"] = incident;
            data["grip"]!["niveau"] = grip;
            data["grip"]!["historie"]![0]!["niveau"] = grip;
        });
        message["subject"] = incident;
        message["correlationid"] = incident;
        message["tlp"] = tlp;
        message.Remove("expirytime");
        if (expires is { } until)
        {
            message["expirytime"] = until.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture);
        }

        return message;
    }

    // Everything the picture derives, in one text: fields with their value and origin, contradictions, sources, tallies.
    private static string Snapshot(Situatiebeeld picture) => new JsonObject
    {
        ["incidenten"] = new JsonArray([.. picture.IncidentIds.Select(id =>
        {
            var state = picture.Incident(id)!;
            return (JsonNode)new JsonObject
            {
                ["id"] = id,
                ["velden"] = new JsonObject(state.Fields.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => KeyValuePair.Create(f.Key, (JsonNode?)new JsonObject
                {
                    ["waarde"] = f.Value.Value?.DeepClone(),
                    ["bron"] = f.Value.Herkomst.Source,
                    ["bericht"] = f.Value.Herkomst.MessageId,
                }))),
                ["tegenstrijdig"] = new JsonArray([.. state.Contradictions.Select(c => (JsonNode)JsonValue.Create($"{c.Field}: {string.Join(", ", c.Values.Select(v => v.Herkomst.MessageId))}"))]),
                ["bronnen"] = string.Join(", ", state.Sources),
            };
        })]),
        ["bronnen"] = new JsonArray([.. picture.Bronnen.Select(b => (JsonNode)JsonValue.Create(string.Create(CultureInfo.InvariantCulture, $"{b.Bron} {b.Berichten} {b.Laatste:O} {b.Incidenten} {b.Tegenstrijdig}")))]),
    }.ToJsonString();

    [Fact]
    public void A_kept_view_that_takes_in_what_came_since_is_the_picture_made_from_the_whole_record()
    {
        var clock = new Clock(DateTimeOffset.UtcNow);
        var policy = new SharingPolicy(Register, new SharingOptions { Time = clock });
        var caller = Register.Find(Politie)!;
        using var ingest = new KnooppuntIngest(Path.Combine(_folder, "berichten.db"));
        string Kept() => ingest.ReadAs(caller, policy, null, "test", Snapshot);
        string Whole() => ingest.ReadAs(caller, policy, DateTimeOffset.MaxValue.AddYears(-1), "test", Snapshot);

        ingest.Ingest(Message(Gms, 1, 20, "GRIP1"));
        ingest.Ingest(Message(Lcms, 1, 25, "GRIP2"));
        var first = Kept();
        Assert.Equal(Whole(), first);
        Assert.Contains("grip: GMS-1, LCMS-1", first, StringComparison.Ordinal);

        // Since then: an older message (by time), one the caller may not have, another incident, one that will expire.
        ingest.Ingest(Message(Gms, 2, 10, "GRIP3"));
        ingest.Ingest(Message(Lcms, 2, 30, "GRIP4", incident: "INC-15-2026-0050", tlp: "TLP:RED"));
        ingest.Ingest(Message(Lcms, 3, 35, "GRIP1", incident: "INC-15-2026-0051"));
        ingest.Ingest(Message(Gms, 3, 40, "GRIP2", expires: clock.Now.AddHours(1)));
        var second = Kept();
        Assert.NotEqual(first, second);
        Assert.Equal(Whole(), second);
        Assert.DoesNotContain("INC-15-2026-0050", second, StringComparison.Ordinal);
        Assert.Contains("\"bericht\":\"GMS-3\"", second, StringComparison.Ordinal);

        // Two hours on, the message with an expiry is no longer delivered: the next read leaves it out, as the whole record does.
        clock.Now = clock.Now.AddHours(2);
        ingest.Ingest(Message(Gms, 4, 45, "GRIP1", incident: "INC-15-2026-0051"));
        var third = Kept();
        Assert.Equal(Whole(), third);
        Assert.DoesNotContain("\"bericht\":\"GMS-3\"", third, StringComparison.Ordinal);
        Assert.Contains("\"bericht\":\"GMS-4\"", third, StringComparison.Ordinal);
    }
}
