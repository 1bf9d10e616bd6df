using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Vr.Standaarden.Koppelvlakken;
using Vr.Standaarden.Spec;
using Vr.Standaarden.Testing;
using Vr.Standaarden.Transport;
using Vr.Standaarden.Transport.Tests.Http;
using Xunit.Abstractions;

namespace Vr.Standaarden.Knooppunt.Tests;

/// <summary>The bronhouder interface of a node: its messages fetched where they are, terugmeldingen received and handled.</summary>
public sealed class BronhouderTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vr-bron-").FullName;

    public void Dispose() => Directory.Delete(_folder, true);

    private static JsonObject Report(string id)
    {
        var report = JsonNode.Parse(Standard.Newest.Find("voorbeelden/geldig/terugmelding-bag-bouwjaar.json")!.Utf8.Span)!.AsObject();
        report["id"] = id;
        return report;
    }

    [Fact]
    public async Task A_terugmelding_is_received_once_checked_against_the_release_and_its_handling_followed()
    {
        using var ingest = new KnooppuntIngest(Path.Combine(_folder, "berichten.db"));
        await using var server = await Kestrel.StartAsync(app => app.MapBronhouder(ingest));
        using var client = new HttpClient { BaseAddress = server.Address };

        async Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> Post(string body, string type = "application/json")
        {
            var response = await client.PostAsync("/v1/terugmeldingen", new StringContent(body, Encoding.UTF8, type));
            var text = await response.Content.ReadAsStringAsync();
            return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response);
        }

        var (status, body, first) = await Post(Report("TM-1").ToJsonString());
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("/v1/terugmeldingen/TM-1", first.Headers.Location!.OriginalString);
        Assert.Equal(Terugmeldingsstand.Ingediend, (string?)body!["status"]);
        Assert.Equal(HttpStatusCode.OK, (await Post(Report("TM-1").ToJsonString())).Status);
        Assert.Single(ingest.Terugmeldingen);

        // Not a terugmelding of the release: refused at the place of the fault, nothing kept.
        var wrong = Report("TM-2");
        wrong["status"] = "VERZONNEN";
        (status, body, _) = await Post(wrong.ToJsonString());
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("/status", (string?)body!["invalidParams"]![0]!["name"]);
        Assert.Equal(HttpStatusCode.BadRequest, (await Post("{\"id\":\"TM-3\",\"id\":\"TM-4\"}")).Status);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await Post(Report("TM-5").ToJsonString(), "text/plain")).Status);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await Post(new string(' ', KnooppuntEndpoints.MaxTerugmeldingBytes + 1))).Status);
        Assert.Single(ingest.Terugmeldingen);

        // The bronhouder handles it: in onderzoek, then gewijzigd by a message; the state says so, and no step back.
        Assert.Throws<InvalidOperationException>(() => ingest.HandleTerugmelding("TM-1", Terugmeldingsstand.Gewijzigd, "BAG-correctie-1"));
        ingest.HandleTerugmelding("TM-1", Terugmeldingsstand.InOnderzoek);
        Assert.Throws<InvalidOperationException>(() => ingest.HandleTerugmelding("TM-1", Terugmeldingsstand.Gewijzigd));
        var done = ingest.HandleTerugmelding("TM-1", Terugmeldingsstand.Gewijzigd, "BAG-correctie-1");
        Assert.True(done.IsClosed);
        Assert.Throws<InvalidOperationException>(() => ingest.HandleTerugmelding("TM-1", Terugmeldingsstand.InOnderzoek));
        Assert.Throws<KeyNotFoundException>(() => ingest.HandleTerugmelding("TM-9", Terugmeldingsstand.InOnderzoek));
        var state = JsonNode.Parse(await client.GetStringAsync("/v1/terugmeldingen/TM-1"))!;
        Assert.Equal((Terugmeldingsstand.Gewijzigd, "BAG-correctie-1"), ((string?)state["status"], (string?)state["antwoord"]));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/v1/terugmeldingen/TM-9")).StatusCode);

        // The contract's Terugmeldingsstand is what the node answers.
        var contract = new OpenApiContract(InterfaceContracts.OpenApi(Standard.Newest), Standard.Newest);
        using var again = await client.GetAsync("/v1/terugmeldingen/TM-1");
        Assert.Empty(contract.Check(contract.Find("GET", "/terugmeldingen/TM-1")!, 200, "application/json", h => again.Headers.Contains(h), await again.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task Changes_of_one_entity_are_found_however_their_text_was_laid_out()
    {
        using var ingest = new KnooppuntIngest(Path.Combine(_folder, "berichten.db"));
        var incident = TestIncidents.Message("urn:nld:oin:00000099150000000010:systeem:GMS", 1, DateTimeOffset.UtcNow.AddMinutes(-5));
        // Recorded as it arrived: indented, with a space after every colon.
        ingest.Log.AddMany([incident], [incident.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true })]);
        await using var server = await Kestrel.StartAsync(app => app.MapBronhouder(ingest));
        using var client = new HttpClient { BaseAddress = server.Address };
        var incidents = JsonNode.Parse(await client.GetStringAsync("/v1/wijzigingen?entiteit=incident"))!.AsArray();
        Assert.Equal((string?)incident["id"], (string?)Assert.Single(incidents)!["id"]);
        Assert.Empty(JsonNode.Parse(await client.GetStringAsync("/v1/wijzigingen?entiteit=melding"))!.AsArray());
    }

    [Fact]
    public async Task The_sample_node_passes_the_kit_as_a_bronhouder_and_a_broken_one_does_not()
    {
        var address = new Uri($"http://127.0.0.1:{NatsServer.FreePort()}");
        using var client = new HttpClient { BaseAddress = address };
        using var node = await SampleNode.StartAsync(address, client, "--data", Path.Combine(_folder, "data"));
        try
        {
            for (var i = 0; i < 300 && JsonNode.Parse(await client.GetStringAsync("/v1/wijzigingen"))!.AsArray().Count < 10; i++)
            {
                await Task.Delay(100);
            }

            var report = await new ConformanceKit(client).RunAsync(address, ConformanceRole.Bron);
            output.WriteLine(report.ToText());
            Assert.Equal(0, report.Failed);
            Assert.Equal(0, report.Skipped);
            Assert.Equal(["BR-01", "BR-02", "BR-03", "BR-04", "TM-02", "KV-02", "KV-03", "KV-04"], report.Checks.Select(c => c.Id));

            // Messages come back as they were recorded: the picture's sources fetched at the source.
            var incidents = JsonNode.Parse(await client.GetStringAsync("/v1/situatiebeeld"))!["incidenten"]!.AsArray();
            var id = (string)incidents[0]!["id"]!;
            var about = JsonNode.Parse(await client.GetStringAsync($"/v1/incidenten/{Uri.EscapeDataString(id)}/entiteiten"))!.AsArray();
            Assert.Contains(about, m => (string?)m!["type"] == "nl.veiligheidsregio.incident.v1" && (string?)m["data"]!["id"] == id);
        }
        finally
        {
            node.Kill(true);
            await node.WaitForExitAsync();
        }

        // A bronhouder that says it has what it does not, and takes any moment: caught by the checks for that.
        using var ingest = new KnooppuntIngest(Path.Combine(_folder, "broken.db"));
        await using var broken = await Kestrel.StartAsync(app =>
        {
            app.Use(async (context, next) =>
            {
                if (context.Request.Path.StartsWithSegments("/v1/entiteiten") || context.Request.Query["sinds"] == "gisteren")
                {
                    context.Response.Headers["API-Version"] = "1.0.0";
                    context.Response.ContentType = context.Request.Path.StartsWithSegments("/v1/entiteiten") ? "application/cloudevents+json" : "application/cloudevents-batch+json";
                    await context.Response.WriteAsync(context.Request.Path.StartsWithSegments("/v1/entiteiten") ? "{}" : "[]");
                    return;
                }

                await next(context);
            });
            app.MapBronhouder(ingest);
        });
        using var plain = new HttpClient();
        var brokenReport = await new ConformanceKit(plain).RunAsync(broken.Address, ConformanceRole.Bron);
        output.WriteLine(brokenReport.ToText());
        Assert.Equal(ConformanceResult.Fail, brokenReport.Checks.Single(c => c.Id == "BR-02").Result);
        Assert.Equal(ConformanceResult.Fail, brokenReport.Checks.Single(c => c.Id == "BR-04").Result);
    }
}
