using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Vr.Standaarden.Spec;
using Vr.Standaarden.Transport;
using Vr.Standaarden.Transport.Tests.Http;
using Vr.Standaarden.Uitwisseling;

namespace Vr.Standaarden.Knooppunt.Tests;

/// <summary>
/// The chair's grant (doorbraak): created only by a person in the chair role, for at most 72 hours, from the node's own
/// pages; while it holds, its afnemers read what it opens (and only that); every such read is in its report; it expires
/// by itself.
/// </summary>
public sealed class DoorbraakTests : IDisposable
{
    private const string Holder = VerwerkingenTests.Holder;
    private const string Region = "00000001823288444000";
    private const string Gemeente = "00000004000000016000";
    private const string Politie = "00000004000000017000";
    private readonly string _folder = Directory.CreateTempSubdirectory("vr-doorbraak-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, true);
    }

    private static readonly RecipientRegister Register = RecipientRegister.Parse(Encoding.UTF8.GetBytes($$"""
        {"afnemers": [
          {"oin": "{{Region}}", "naam": "Veiligheidsregio", "doelen": ["incidentbestrijding", "evaluatie"], "persoonsgegevens": ["gewoon", "bijzonder"]},
          {"oin": "{{Holder}}", "naam": "Meldkamer", "organisatie": "{{Region}}", "doelen": ["incidentbestrijding"]},
          {"oin": "{{Gemeente}}", "naam": "Gemeente", "klantVan": ["{{Region}}"], "doelen": ["bevolkingszorg"]},
          {"oin": "{{Politie}}", "naam": "Politie", "klantVan": ["{{Region}}"], "doelen": ["incidentbestrijding"]}
        ]}
        """));

    /// <summary>A clock the test moves.</summary>
    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    /// <summary>A node whose callers the test names by headers (their OIN, and for people their role and sub).</summary>
    private async Task<(Kestrel Server, KnooppuntIngest Ingest, Clock Clock)> StartAsync()
    {
        KnooppuntIngest? ingest = null;
        var clock = new Clock(DateTimeOffset.UtcNow);
        var server = await Kestrel.StartAsync(app =>
        {
            ingest = app.Services.GetRequiredService<KnooppuntIngest>();
            ingest.Clock = clock;
            ingest.IngestMany([VerwerkingenTests.Melding("M-1"), VerwerkingenTests.Melding("M-2", "TLP:RED")]);
            var access = new KnooppuntAccess(Register, new SharingPolicy(Register));
            access.Chairs.Add(Region);
            access.PrivacyOfficers.Add(Region);
            var receiver = ingest.Attach(new MessageReceiver(new ReceiverOptions { Verification = VerificationMode.Off, Sharing = SharingMode.Off, Inbox = ingest.Inbox }));
            app.Use((context, next) =>
            {
                if (context.Request.Headers["X-Test-Oin"].ToString() is { Length: > 0 } oin)
                {
                    var claims = new List<Claim> { new(KnooppuntAccess.OinClaim, oin) };
                    if (context.Request.Headers["X-Test-Rol"].ToString() is { Length: > 0 } role)
                    {
                        claims.Add(new Claim(KnooppuntAccess.RoleClaim, role));
                        claims.Add(new Claim("sub", context.Request.Headers["X-Test-Sub"].ToString()));
                        if (context.Request.Headers["X-Test-Pg"].ToString() is var kinds && kinds != "geen")
                        {
                            claims.Add(new Claim("persoonsgegevens", kinds.Length > 0 ? kinds : "gewoon bijzonder"));
                        }
                    }

                    context.User = new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
                }

                return next(context);
            });
            app.MapKnooppunt(ingest, receiver, new KnooppuntEndpointOptions { Access = access });
        }, services: services => services.AddKnooppunt(_folder));
        return (server, ingest!, clock);
    }

    private static HttpClient As(Kestrel server, string oin, string? role = null, string? sub = null)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = server.Address };
        client.DefaultRequestHeaders.Add("X-Test-Oin", oin);
        if (role is not null)
        {
            client.DefaultRequestHeaders.Add("X-Test-Rol", role);
            client.DefaultRequestHeaders.Add("X-Test-Sub", sub ?? role);
        }

        return client;
    }

    /// <summary>Posts a grant as the portal does: with the antiforgery token of <c>/sessie</c> (and its cookie).</summary>
    private static async Task<HttpResponseMessage> GrantAsync(HttpClient client, object grant, bool token = true)
    {
        var session = JsonNode.Parse(await client.GetStringAsync("/v1/sessie"))!;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/doorbraken") { Content = JsonContent.Create(grant) };
        if (token)
        {
            request.Headers.Add((string)session["antivervalsing"]!["kop"]!, (string)session["antivervalsing"]!["token"]!);
        }

        return await client.SendAsync(request);
    }

    [Fact]
    public async Task The_chairs_grant_opens_what_it_names_for_its_time_and_every_read_under_it_is_in_its_report()
    {
        var (server, ingest, clock) = await StartAsync();
        await using var _ = server;
        using var gemeente = As(server, Gemeente);
        using var chair = As(server, Region, KnooppuntAccess.ChairRole, "voorzitter-1");
        using var officer = As(server, Region, KnooppuntAccess.PrivacyOfficerRole, "fg-1");
        using var medewerker = As(server, Region, "medewerker", "m-1");

        // Registered for bevolkingszorg only, the municipality gets nothing of a melding for incidentbestrijding.
        Assert.DoesNotContain("M-1", await gemeente.GetStringAsync("/v1/situatiebeeld"), StringComparison.Ordinal);
        var session = JsonNode.Parse(await chair.GetStringAsync("/v1/sessie"))!;
        Assert.Equal((true, false), ((bool)session["magVerlenen"]!, (bool)session["privacyfunctionaris"]!));

        // Only the chair grants: not a person of the region in another role, not the region's systems, not another afnemer.
        var request = new { afnemers = new[] { Gemeente }, bronnen = new[] { Holder }, entiteiten = new[] { "melding" }, doel = "incidentbestrijding", persoonsgegevens = new[] { "gewoon", "bijzonder" }, uren = 12, reden = "Evacuatie: de gemeente vangt bewoners op." };
        foreach (var client in new[] { medewerker, As(server, Region), gemeente })
        {
            using var refused = await GrantAsync(client, request);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        // Longer than 72 hours, an afnemer the register does not know, no reason: refused with the member at fault.
        using (var invalid = await GrantAsync(chair, new { afnemers = new[] { "00000004000000099999" }, doel = "incidentbestrijding", uren = 73, reden = " " }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
            var problems = JsonNode.Parse(await invalid.Content.ReadAsStringAsync())!["invalidParams"]!.AsArray().Select(p => (string)p!["name"]!).ToList();
            Assert.Equal(["/afnemers/0", "/uren", "/reden"], problems);
        }

        // Without the antiforgery token, or from another site's page, the browser's request is refused.
        using (var forged = await GrantAsync(chair, request, token: false))
        {
            Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
            Assert.Contains("antiforgery", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var crossSite = new HttpRequestMessage(HttpMethod.Post, "/v1/doorbraken") { Content = new StringContent("afnemers=" + Gemeente, Encoding.UTF8, "application/x-www-form-urlencoded") })
        {
            crossSite.Headers.Add("Sec-Fetch-Site", "same-site");
            using var refused = await chair.SendAsync(crossSite);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        Assert.Empty(ingest.Log.Grants);
        using var created = await GrantAsync(chair, request);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var grant = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
        var id = (string)grant["id"]!;
        Assert.Equal("/v1/doorbraken/" + id, created.Headers.Location!.ToString());
        Assert.Equal(("voorzitter-1", Region), ((string?)grant["verleendDoor"], (string?)grant["organisatie"]));

        // While it holds, the municipality reads the melding with the kinds of personal data the grant opens; TLP:RED
        // stays with its addressees.
        var opened = await gemeente.GetStringAsync("/v1/situatiebeeld");
        Assert.Contains("M-1", opened, StringComparison.Ordinal);
        Assert.DoesNotContain("M-2", opened, StringComparison.Ordinal);
        var melding = await gemeente.GetStringAsync("/v1/situatiebeeld/geojson");
        Assert.Contains("BSN 123456782", melding, StringComparison.Ordinal);
        var listed = JsonNode.Parse(await gemeente.GetStringAsync("/v1/doorbraken"))!["doorbraken"]!.AsArray();
        Assert.Equal(id, (string?)Assert.Single(listed)!["id"]);

        // A person of the municipality reads under the grant too, but never more than their own claims: one without
        // a claim to personal data sees the melding, minimised.
        using var trainee = As(server, Gemeente, "stagiair", "s-1");
        trainee.DefaultRequestHeaders.Add("X-Test-Pg", "geen");
        var traineeView = await trainee.GetStringAsync("/v1/situatiebeeld/geojson");
        Assert.Contains("M-1", traineeView, StringComparison.Ordinal);
        Assert.DoesNotContain("BSN 123456782", traineeView, StringComparison.Ordinal);
        using var officerOfGemeente = As(server, Gemeente, "ambtenaar", "a-1");
        Assert.Contains("BSN 123456782", await officerOfGemeente.GetStringAsync("/v1/situatiebeeld/geojson"), StringComparison.Ordinal);

        // Another afnemer is not opened by it.
        using var politie = As(server, Politie);
        Assert.DoesNotContain("BSN 123456782", await politie.GetStringAsync("/v1/situatiebeeld/geojson"), StringComparison.Ordinal);

        // The report: the creation and each read under the grant, for the chair and the privacy officer only.
        using (var forbidden = await gemeente.GetAsync("/v1/doorbraken/" + id))
        {
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        }

        foreach (var reader in new[] { chair, officer })
        {
            var report = JsonNode.Parse(await reader.GetStringAsync("/v1/doorbraken/" + id))!;
            var lines = report["verslag"]!.AsArray().Select(r => r!).ToList();
            Assert.Equal(["vr.verwerking.doorbraak", "vr.verwerking.inzage", "vr.verwerking.inzage", "vr.verwerking.inzage", "vr.verwerking.inzage"], lines.Select(l => (string)l["name"]!));
            Assert.All(lines.Skip(1), l => Assert.Equal((Gemeente, "doorbraak", "incidentbestrijding"),
                ((string?)l["attributes"]!["vr.afnemer"], (string?)l["attributes"]!["vr.grondslag"], (string?)l["attributes"]!["vr.doel"])));
            Assert.Contains("/data/omschrijving", (string?)lines[2]["attributes"]!["vr.gegevens"], StringComparison.Ordinal);
            Assert.DoesNotContain("/data/omschrijving", (string?)lines[3]["attributes"]!["vr.gegevens"], StringComparison.Ordinal);
            Assert.Equal([null, null, "s-1", "a-1"], lines.Skip(1).Select(l => (string?)l["attributes"]!["vr.persoon"]));
            Assert.Equal(["GET /v1/situatiebeeld", "GET /v1/situatiebeeld/geojson", "GET /v1/situatiebeeld/geojson", "GET /v1/situatiebeeld/geojson"], lines.Skip(1).Select(l => (string)l["attributes"]!["vr.verzoek"]!));
        }

        Assert.True(ingest.Log.VerifyProcessing().IsIntact);

        // It expires by itself: twelve hours on, the municipality reads as the register says, and the grant is listed
        // for the chair as no longer active.
        clock.Now += TimeSpan.FromHours(12);
        Assert.DoesNotContain("M-1", await gemeente.GetStringAsync("/v1/situatiebeeld"), StringComparison.Ordinal);
        Assert.Empty(JsonNode.Parse(await gemeente.GetStringAsync("/v1/doorbraken"))!["doorbraken"]!.AsArray());
        Assert.False((bool)JsonNode.Parse(await chair.GetStringAsync("/v1/doorbraken"))!["doorbraken"]![0]!["actief"]!);
        Assert.Equal(5, ingest.GrantReport(id).Count);
    }

    [Fact]
    public async Task A_grant_opens_only_the_sources_and_entities_it_names()
    {
        var (server, ingest, _) = await StartAsync();
        await using var _ = server;
        using var gemeente = As(server, Gemeente);
        using var chair = As(server, Region, KnooppuntAccess.ChairRole);
        using (var otherSource = await GrantAsync(chair, new { afnemers = new[] { Gemeente }, bronnen = new[] { "00000004000000018000" }, doel = "incidentbestrijding", uren = 1, reden = "Een andere bron." }))
        {
            Assert.Equal(HttpStatusCode.Created, otherSource.StatusCode);
        }

        using (var otherEntity = await GrantAsync(chair, new { afnemers = new[] { Gemeente }, entiteiten = new[] { "waarschuwing" }, doel = "incidentbestrijding", uren = 1, reden = "Alleen waarschuwingen." }))
        {
            Assert.Equal(HttpStatusCode.Created, otherEntity.StatusCode);
        }

        Assert.Equal(2, ingest.Log.Grants.Count);
        Assert.DoesNotContain("M-1", await gemeente.GetStringAsync("/v1/situatiebeeld"), StringComparison.Ordinal);

        // Without persoonsgegevens a grant opens the melding, minimised.
        using (var all = await GrantAsync(chair, new { afnemers = new[] { Gemeente }, doel = "incidentbestrijding", uren = 1, reden = "Alle bronnen, geen persoonsgegevens." }))
        {
            Assert.Equal(HttpStatusCode.Created, all.StatusCode);
        }

        var geo = await gemeente.GetStringAsync("/v1/situatiebeeld/geojson");
        Assert.Contains("M-1", geo, StringComparison.Ordinal);
        Assert.DoesNotContain("BSN 123456782", geo, StringComparison.Ordinal);
    }

    [Fact]
    public void A_grant_longer_than_72_hours_is_refused_by_the_library_too()
    {
        using var ingest = new KnooppuntIngest(Path.Combine(_folder, "berichten.db"));
        var now = DateTimeOffset.UtcNow;
        var grant = new TemporaryGrant("g-1", [Gemeente], [], [], "incidentbestrijding", [], now, now.AddHours(72).AddSeconds(1), "Te lang.", "v", Region);
        Assert.Throws<ArgumentException>(() => ingest.Grant(grant));
        ingest.Grant(grant with { Tot = now.AddHours(72) });
        Assert.Throws<ArgumentException>(() => ingest.Grant(grant with { Tot = now.AddHours(1) }));
        using var reopened = new MessageLog(Path.Combine(_folder, "berichten.db"));
        Assert.Equal("g-1", Assert.Single(reopened.Grants).Id);
    }
}
