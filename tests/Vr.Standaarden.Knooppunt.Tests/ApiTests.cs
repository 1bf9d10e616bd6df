using System.Net;
using System.Text.Json.Nodes;
using Vr.Standaarden.Transport;
using Vr.Standaarden.Transport.Tests.Http;
using Vr.Standaarden.Transport.Http;

namespace Vr.Standaarden.Knooppunt.Tests;

public sealed class ApiTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vr-api-").FullName;

    public void Dispose() => Directory.Delete(_folder, true);

    [Fact]
    public async Task The_api_shows_the_picture_with_provenance_and_contradictions_now_and_at_a_moment()
    {
        using var ingest = new KnooppuntIngest(Path.Combine(_folder, "berichten.db"));
        var receiver = ingest.Attach(new MessageReceiver(new ReceiverOptions { Verification = VerificationMode.Off, Sharing = SharingMode.Off, Deduplication = DeduplicationMode.Off }));
        await using var server = await Kestrel.StartAsync(app => app.MapKnooppunt(ingest, receiver));
        var address = server.Address;
        using var client = new HttpClient { BaseAddress = address };

        var sender = new HttpMessageSender(client, new Uri(address, "/v1/berichten"), new HttpSenderOptions { Mode = HttpContentMode.Batch });
        var outcomes = await sender.SendAsync([TestIncidents.WithGrip("urn:nld:oin:00000004000000042000:systeem:GMS", 20, "GRIP1"), TestIncidents.WithGrip("urn:nld:oin:00000004000000043000:systeem:LCMS", 25, "GRIP2")]);
        Assert.All(outcomes, o => Assert.Equal(DeliveryStatus.Accepted, o.Status));

        var overview = JsonNode.Parse(await client.GetStringAsync("/v1/situatiebeeld"))!;
        var row = overview["incidenten"]![0]!;
        Assert.Equal(("INC-15-2026-0042", "GRIP2", 2, 1), ((string?)row["id"], (string?)row["grip"], (int)row["bronnen"]!, (int)row["tegenstrijdigheden"]!));

        var incident = JsonNode.Parse(await client.GetStringAsync("/v1/incidenten/INC-15-2026-0042"))!;
        Assert.Equal("urn:nld:oin:00000004000000043000:systeem:LCMS", (string?)incident["herkomst"]!["grip"]!["bron"]);
        Assert.Equal("LCMS-25", (string?)incident["herkomst"]!["grip"]!["bericht"]);
        var contradiction = incident["tegenstrijdigheden"]![0]!;
        Assert.Equal("grip", (string?)contradiction["veld"]);
        Assert.Equal(2, contradiction["waarden"]!.AsArray().Count);

        var before = JsonNode.Parse(await client.GetStringAsync("/v1/situatiebeeld?tijdstip=2026-11-20T21:22:00%2B01:00"))!;
        Assert.Equal(("GRIP1", 0), ((string?)before["incidenten"]![0]!["grip"], (int)before["incidenten"]![0]!["tegenstrijdigheden"]!));

        using var bad = await client.GetAsync("/v1/situatiebeeld?tijdstip=gisteren");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType!.MediaType);
        using var missing = await client.GetAsync("/v1/incidenten/INC-0");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("1.0.0", missing.Headers.GetValues("API-Version").Single());

        var geojson = JsonNode.Parse(await client.GetStringAsync("/v1/situatiebeeld/geojson"))!;
        var point = geojson["features"]![0]!["geometry"]!["coordinates"]!.AsArray();
        Assert.InRange((double)point[0]!, 4.2, 4.4);
        Assert.InRange((double)point[1]!, 52.0, 52.2);
        Assert.Equal(2, (long)JsonNode.Parse(await client.GetStringAsync("/v1/gezondheid"))!["berichten"]!);

        // The OpenAPI document (generated from the newest release) names this node under /v1 and describes every GET it
        // answers, with the status it answers with.
        var openapi = JsonNode.Parse(await client.GetStringAsync("/v1/openapi.json"))!;
        Assert.Equal("3.1.0", (string?)openapi["openapi"]);
        Assert.Equal(new Uri(address, "/v1").ToString(), (string?)openapi["servers"]![0]!["url"]);
        var paths = openapi["paths"]!.AsObject();
        Assert.Equal(["/berichten", "/bronnen", "/doorbraken", "/doorbraken/{id}", "/gezondheid", "/incidenten/{id}", "/openapi.json", "/sessie", "/situatiebeeld", "/situatiebeeld/geojson", "/situatiebeeld/stroom", "/verwerkingen"], paths.Select(p => p.Key).Order(StringComparer.Ordinal));
        foreach (var (path, item) in paths.Where(p => p.Value!["get"] is not null && p.Key != "/situatiebeeld/stroom"))
        {
            using var response = await client.GetAsync("/v1" + path.Replace("{id}", "INC-15-2026-0042", StringComparison.Ordinal));
            Assert.True(item!["get"]!["responses"]![((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture)] is not null, $"{path} answered {(int)response.StatusCode}, which the document does not list");
            Assert.Equal("1.0.0", response.Headers.GetValues("API-Version").Single());
        }
    }
}
