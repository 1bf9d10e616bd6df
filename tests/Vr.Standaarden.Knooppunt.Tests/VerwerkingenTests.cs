using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Vr.Standaarden.Spec;
using Vr.Standaarden.Transport;
using Vr.Standaarden.Transport.Tests.Http;
using Vr.Standaarden.Uitwisseling;

namespace Vr.Standaarden.Knooppunt.Tests;

/// <summary>Every read that returns personal data is in the processing log, hash-chained, for the privacy officer.</summary>
public sealed class VerwerkingenTests : IDisposable
{
    internal const string Holder = "00000004000000042000";
    private const string HolderOrg = "00000001823288444000";
    private const string Ghor = "00000004000000015000";
    private const string Gemeente = "00000004000000016000";
    private const string Officer = "00000004000000099999";
    private readonly string _folder = Directory.CreateTempSubdirectory("vr-verwerkingen-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, true);
    }

    private static readonly RecipientRegister Register = RecipientRegister.Parse(Encoding.UTF8.GetBytes($$"""
        {"afnemers": [
          {"oin": "{{Holder}}", "naam": "Meldkamer", "organisatie": "{{HolderOrg}}", "doelen": ["incidentbestrijding"]},
          {"oin": "{{Ghor}}", "naam": "GHOR", "klantVan": ["{{HolderOrg}}"], "doelen": ["incidentbestrijding"], "persoonsgegevens": ["gewoon", "bijzonder"]},
          {"oin": "{{Gemeente}}", "naam": "Gemeente", "klantVan": ["{{HolderOrg}}"], "doelen": ["incidentbestrijding"]},
          {"oin": "{{Officer}}", "naam": "Functionaris gegevensbescherming", "organisatie": "{{HolderOrg}}", "doelen": ["evaluatie"]}
        ]}
        """));

    /// <summary>
    /// The melding example (with a description, special personal data) from the meldkamer <see cref="Holder"/>, made now;
    /// with <paramref name="id"/> as its id (else the example's), marked <paramref name="tlp"/>.
    /// </summary>
    internal static JsonObject Melding(string? id = null, string tlp = "TLP:AMBER")
    {
        var data = JsonNode.Parse(Standard.Newest.Find("voorbeelden/geldig/melding-woningbrand.json")!.Utf8.Span)!.AsObject();
        data["omschrijving"] = "Bewoner (BSN 123456782) zit nog in de woning.";
        data["id"] = id ?? (string?)data["id"];
        return new JsonObject
        {
            ["specversion"] = "1.0",
            ["id"] = id is null ? "MK-1" : "MK-" + id,
            ["source"] = $"urn:nld:oin:{Holder}:systeem:GMS",
            ["type"] = "nl.veiligheidsregio.melding.v1",
            ["time"] = DateTimeOffset.UtcNow.AddMinutes(-5).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["datacontenttype"] = "application/json",
            ["bewaartermijn"] = "P30D",
            ["dataschema"] = $"{Standard.BaseUri}{Standard.Newest.Name}/schemas/melding.schema.json",
            ["subject"] = (string?)data["id"],
            ["tlp"] = tlp,
            ["doelbinding"] = "incidentbestrijding",
            ["data"] = data,
        };
    }

    [Fact]
    public async Task A_read_of_personal_data_is_logged_with_who_what_why_and_when_and_a_removed_entry_shows()
    {
        var path = Path.Combine(_folder, "berichten.db");
        using var ingest = new KnooppuntIngest(path);
        ingest.Ingest(Melding());
        var access = new KnooppuntAccess(Register, new SharingPolicy(Register));
        access.PrivacyOfficers.Add(Officer);
        var receiver = ingest.Attach(new MessageReceiver(new ReceiverOptions { Verification = VerificationMode.Off, Sharing = SharingMode.Off, Inbox = ingest.Inbox }));
        await using var server = await Kestrel.StartAsync(app =>
        {
            // The caller's OIN as a token's claim would carry it (the test signs callers in by a header of its own).
            app.Use((context, next) =>
            {
                if (context.Request.Headers["X-Test-Oin"].ToString() is { Length: > 0 } oin)
                {
                    context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(KnooppuntAccess.OinClaim, oin)], "test"));
                }

                return next(context);
            });
            app.MapKnooppunt(ingest, receiver, new KnooppuntEndpointOptions { Access = access });
        });

        HttpClient As(string oin)
        {
            var client = new HttpClient { BaseAddress = server.Address };
            client.DefaultRequestHeaders.Add("X-Test-Oin", oin);
            return client;
        }

        using var ghor = As(Ghor);
        using var gemeente = As(Gemeente);
        using var officer = As(Officer);
        var seen = JsonNode.Parse(await ghor.GetStringAsync("/v1/situatiebeeld"))!;
        Assert.Contains("BSN 123456782", seen.ToJsonString(), StringComparison.Ordinal);
        var minimised = JsonNode.Parse(await gemeente.GetStringAsync("/v1/situatiebeeld"))!;
        Assert.DoesNotContain("BSN 123456782", minimised.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("MK15-2026-112233", minimised.ToJsonString(), StringComparison.Ordinal);
        using (var anonymous = new HttpClient { BaseAddress = server.Address })
        using (var refused = await anonymous.GetAsync("/v1/situatiebeeld"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        // One record: the GHOR's read. The municipality saw no personal data, so nothing of it is logged.
        var log = ingest.Log.Processing();
        var record = JsonNode.Parse(Assert.Single(log))!;
        var attributes = record["attributes"]!;
        // The GHOR has no organisation of its own in the register, so it acts for itself.
        Assert.Equal(("vr.verwerking.inzage", Ghor, Ghor), ((string?)record["name"], (string?)attributes["vr.afnemer"], (string?)attributes["vr.organisatie"]));
        Assert.StartsWith("melding MK15-2026-112233: ", (string?)attributes["vr.gegevens"], StringComparison.Ordinal);
        Assert.Contains("/data/omschrijving (bijzonder)", (string?)attributes["vr.gegevens"], StringComparison.Ordinal);
        Assert.Equal(("incidentbestrijding", "afnemersregister", "GET /v1/situatiebeeld"), ((string?)attributes["vr.doel"], (string?)attributes["vr.grondslag"], (string?)attributes["vr.verzoek"]));

        // Only the privacy officer reads the log.
        using (var forbidden = await ghor.GetAsync("/v1/verwerkingen"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        }

        await ghor.GetStringAsync("/v1/situatiebeeld");
        var report = JsonNode.Parse(await officer.GetStringAsync("/v1/verwerkingen"))!;
        Assert.Equal((true, 2L), ((bool)report["keten"]!["intact"]!, (long)report["keten"]!["records"]!));
        Assert.Equal(2, report["verwerkingen"]!.AsArray().Count);
        Assert.True(AuditLog.Verify(ingest.Log.Processing()).IsIntact);

        // A removed entry shows: the chain check finds the gap.
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var delete = connection.CreateCommand();
            delete.CommandText = "DELETE FROM verwerkingen WHERE volgnummer = 1";
            Assert.Equal(1, delete.ExecuteNonQuery());
        }

        var broken = ingest.Log.VerifyProcessing();
        Assert.False(broken.IsIntact);
        Assert.Contains("removed", broken.Problem, StringComparison.Ordinal);
        report = JsonNode.Parse(await officer.GetStringAsync("/v1/verwerkingen"))!;
        Assert.False((bool)report["keten"]!["intact"]!);
    }
}
