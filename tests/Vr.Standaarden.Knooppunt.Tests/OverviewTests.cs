using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Vr.Standaarden.Koppelvlakken;
using Vr.Standaarden.Transport;
using Vr.Standaarden.Transport.Tests.Http;

namespace Vr.Standaarden.Knooppunt.Tests;

/// <summary>
/// <c>GET /v1/situatiebeeld</c> keeps each incident's part between reads and writes again only what changed; what it
/// answers is what a node that starts afresh from the same record answers.
/// </summary>
public sealed class OverviewTests : IDisposable
{
    private const string Gms = "urn:nld:oin:00000004000000042000:systeem:GMS";
    private const string Lcms = "urn:nld:oin:00000004000000043000:systeem:LCMS";
    private readonly string _folder = Directory.CreateTempSubdirectory("vr-overview-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, true);
    }

    private static JsonObject Message(string source, int number, int minute, string incident, string grip, bool complete = true)
    {
        var message = TestIncidents.Message(source, number, new DateTimeOffset(2026, 11, 20, 20, 0, 0, TimeSpan.FromHours(1)).AddMinutes(minute), data =>
        {
            data["id"] = incident;
            data["grip"]!["niveau"] = grip;
            data["grip"]!["historie"]![0]!["niveau"] = grip;
            if (!complete)
            {
                data.Remove("eenheden");
            }
        });
        message["subject"] = incident;
        message["correlationid"] = incident;
        return message;
    }

    private static async Task<JsonObject> OverviewAsync(KnooppuntIngest ingest)
    {
        var receiver = ingest.Attach(new MessageReceiver(new ReceiverOptions { Verification = VerificationMode.Off, Sharing = SharingMode.Off, Deduplication = DeduplicationMode.Off }));
        await using var server = await Kestrel.StartAsync(app => app.MapKnooppunt(ingest, receiver, new KnooppuntEndpointOptions { SignaturesVerified = false }));
        using var client = new HttpClient { BaseAddress = server.Address };
        var overview = JsonNode.Parse(await client.GetStringAsync(new Uri(KnooppuntRoutes.Situatiebeeld, UriKind.Relative)))!.AsObject();
        Assert.NotNull(overview["tijdstip"]);
        overview.Remove("tijdstip");
        return overview;
    }

    [Fact]
    public async Task After_changes_the_kept_overview_is_the_one_a_fresh_node_gives()
    {
        var path = Path.Combine(_folder, "berichten.db");
        using var ingest = new KnooppuntIngest(path);
        ingest.IngestMany([.. Enumerable.Range(0, 40).Select(i => Message(Gms, i, i, $"INC-15-2026-{i:D4}", "GRIP1"))]);
        var before = await OverviewAsync(ingest);
        Assert.Equal(40, before["incidenten"]!.AsArray().Count);

        // One incident changes its level; another gets a second source that disagrees and leaves out a recommended field
        // (the quality of every incident of that source changes with it); a new incident comes in, incomplete too, which
        // lowers the meldkamer's completeness and with it the quality of all its incidents, their states unchanged.
        ingest.Ingest(Message(Gms, 100, 50, "INC-15-2026-0007", "GRIP2"));
        ingest.Ingest(Message(Lcms, 1, 51, "INC-15-2026-0009", "GRIP3", complete: false));
        ingest.Ingest(Message(Gms, 101, 52, "INC-15-2026-0099", "GRIP1", complete: false));
        var kept = await OverviewAsync(ingest);
        Assert.NotEqual(before.ToJsonString(), kept.ToJsonString());
        Assert.Equal(41, kept["incidenten"]!.AsArray().Count);
        Assert.Equal("GRIP2", (string?)kept["incidenten"]!.AsArray().Single(i => (string?)i!["id"] == "INC-15-2026-0007")!["grip"]);

        using var fresh = new KnooppuntIngest(path);
        Assert.Equal((await OverviewAsync(fresh)).ToJsonString(), kept.ToJsonString());
    }

    [Fact]
    public async Task An_open_node_writes_its_overview_as_messages_come_in_before_anyone_reads_it()
    {
        using var ingest = new KnooppuntIngest(Path.Combine(_folder, "berichten.db"));
        var receiver = ingest.Attach(new MessageReceiver(new ReceiverOptions { Verification = VerificationMode.Off, Sharing = SharingMode.Off, Deduplication = DeduplicationMode.Off }));
        await using var server = await Kestrel.StartAsync(app => app.MapKnooppunt(ingest, receiver, new KnooppuntEndpointOptions { SignaturesVerified = false }));
        await Until(() => KnooppuntEndpoints.KeptOverviewRevision(ingest.Situatiebeeld) == ingest.Read(p => p.Revision));

        for (var i = 0; i < 5; i++)
        {
            ingest.IngestMany([.. Enumerable.Range(i * 20, 20).Select(n => Message(Gms, n, n, $"INC-15-2026-{n:D4}", "GRIP1"))]);
        }

        // Nobody has read the picture since: the overview of its newest revision was written all the same.
        var revision = ingest.Read(p => p.Revision);
        await Until(() => KnooppuntEndpoints.KeptOverviewRevision(ingest.Situatiebeeld) == revision);
        using var client = new HttpClient { BaseAddress = server.Address };
        var overview = JsonNode.Parse(await client.GetStringAsync(new Uri(KnooppuntRoutes.Situatiebeeld, UriKind.Relative)))!.AsObject();
        Assert.Equal(100, overview["incidenten"]!.AsArray().Count);

        static async Task Until(Func<bool> condition)
        {
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (!condition())
            {
                Assert.True(DateTime.UtcNow < deadline, "The overview was not written within 20 s.");
                await Task.Delay(20);
            }
        }
    }
}
