using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Vr.Standaarden.Koppelvlakken;
using Vr.Standaarden.Transport;
using Vr.Standaarden.Transport.Tests.Http;
using Vr.Standaarden.Uitwisseling;

namespace Vr.Standaarden.Knooppunt.Tests;

/// <summary>
/// How good each source is, as the node sees it: <c>GET /v1/bronnen</c> (exactly as the contract says) and the
/// <c>kwaliteit</c> of each incident: a source silent past the interval it declared is out of date, signed messages count
/// as verified only where the node verifies, completeness is the share of the schema's recommended fields present.
/// </summary>
public sealed class KwaliteitTests : IDisposable
{
    private const string Gms = "urn:nld:oin:00000004000000042000:systeem:GMS";
    private const string Lcms = "urn:nld:oin:00000004000000043000:systeem:LCMS";
    private readonly string _folder = Directory.CreateTempSubdirectory("vr-kwaliteit-").FullName;

    public void Dispose() => Directory.Delete(_folder, true);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Each_source_has_its_actuality_counts_and_completeness_and_each_incident_its_quality(bool verified)
    {
        var now = DateTimeOffset.UtcNow;
        using var ingest = new KnooppuntIngest(Path.Combine(_folder, "berichten.db"));
        // The meldkamer promised an update every 5 minutes and has been silent for an hour; its message is signed and complete.
        ingest.Ingest(Message(Gms, 1, now.AddHours(-1), "GRIP1", data => data["kwaliteit"] = new JsonObject { ["interval"] = "PT5M" }, signed: true));
        // The LCMS declares nothing, reports another GRIP level a minute ago, and leaves out two of the five recommended fields.
        ingest.Ingest(Message(Lcms, 1, now.AddMinutes(-1), "GRIP2", data =>
        {
            data.Remove("meldingIds");
            data.Remove("eenheden");
        }, signed: false));
        var receiver = ingest.Attach(new MessageReceiver(new ReceiverOptions { Verification = VerificationMode.Off, Sharing = SharingMode.Off, Deduplication = DeduplicationMode.Off }));
        await using var server = await Kestrel.StartAsync(app => app.MapKnooppunt(ingest, receiver, new KnooppuntEndpointOptions { SignaturesVerified = verified }));
        using var client = new HttpClient { BaseAddress = server.Address };

        var sources = JsonNode.Parse(await client.GetStringAsync(new Uri(KnooppuntRoutes.Bronnen, UriKind.Relative)))!.AsArray();
        Assert.Equal([Gms, Lcms], sources.Select(s => (string?)s!["bron"]));
        Assert.All(sources, s => Assert.Equal(["bron", "laatste", "interval", "actueel", "berichten", "geverifieerd", "tegenstrijdig", "volledigheid"], s!.AsObject().Select(p => p.Key)));
        var gms = sources[0]!;
        Assert.Equal(("PT5M", false, 1, verified ? 1 : 0, 1, 1.0), ((string?)gms["interval"], (bool)gms["actueel"]!, (int)gms["berichten"]!, (int)gms["geverifieerd"]!, (int)gms["tegenstrijdig"]!, (double)gms["volledigheid"]!));
        Assert.True(DateTimeOffset.Parse((string)gms["laatste"]!, CultureInfo.InvariantCulture) < now.AddMinutes(-59));
        var lcms = sources[1]!;
        Assert.Equal(((string?)null, true, 1, 0, 1, 0.6), ((string?)lcms["interval"], (bool)lcms["actueel"]!, (int)lcms["berichten"]!, (int)lcms["geverifieerd"]!, (int)lcms["tegenstrijdig"]!, (double)lcms["volledigheid"]!));

        // The incident: not current (one of its sources is late), 0.8 complete, half verified where the node verifies.
        var quality = JsonNode.Parse(await client.GetStringAsync(new Uri(KnooppuntRoutes.Situatiebeeld, UriKind.Relative)))!["incidenten"]![0]!["kwaliteit"]!;
        Assert.Equal((false, 0.8, verified ? 0.5 : 0.0, 1, 0), ((bool)quality["actueel"]!, (double)quality["volledigheid"]!, (double)quality["geverifieerd"]!, (int)quality["tegenstrijdig"]!, (int)quality["terugmeldingen"]!));

        // As the picture was half an hour ago: only the meldkamer had sent.
        var before = Uri.EscapeDataString(now.AddMinutes(-30).ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture));
        var then = JsonNode.Parse(await client.GetStringAsync(new Uri(KnooppuntRoutes.Bronnen + "?tijdstip=" + before, UriKind.Relative)))!.AsArray();
        Assert.Equal([Gms], then.Select(s => (string?)s!["bron"]));
        using var bad = await client.GetAsync(new Uri(KnooppuntRoutes.Bronnen + "?tijdstip=gisteren", UriKind.Relative));
        Assert.Equal(400, (int)bad.StatusCode);
    }

    [Fact]
    public async Task A_source_that_declares_nothing_is_held_to_its_organisations_interval_and_its_reliability_counts_open_terugmeldingen()
    {
        const string Desk = "urn:nld:oin:00000001003214345000:systeem:LCMS";
        const string Ghor = "00000004000000015000";
        var register = RecipientRegister.Parse(Encoding.UTF8.GetBytes($$$"""
            {"afnemers": [
              {"oin": "00000004000000042000", "naam": "Meldkamer", "doelen": ["incidentbestrijding"], "kwaliteit": {"interval": "PT10M"}},
              {"oin": "00000004000000043000", "naam": "Veiligheidsregio", "doelen": ["incidentbestrijding"], "kwaliteit": {"interval": "PT1M"}},
              {"oin": "{{{Ghor}}}", "naam": "GHOR", "klantVan": ["00000004000000042000", "00000004000000043000", "00000001003214345000"], "doelen": ["incidentbestrijding"], "persoonsgegevens": ["gewoon"]}
            ]}
            """));
        Assert.Equal("PT10M", register.Find("00000004000000042000")!.Interval);
        Assert.Null(register.Find(Ghor)!.Interval);

        var now = DateTimeOffset.UtcNow;
        using var ingest = new KnooppuntIngest(Path.Combine(_folder, "berichten.db"));
        // The meldkamer's message claims nothing: its organisation's PT10M applies, and it has been silent for an hour.
        // (Both for incident response only and without an expiry, so that the caller may read them now.)
        static JsonObject Readable(JsonObject message)
        {
            message.Remove("expirytime");
            message["doelbinding"] = "incidentbestrijding";
            return message;
        }

        var gms = Readable(Message(Gms, 1, now.AddHours(-1), "GRIP1", _ => { }, signed: false));
        ingest.Ingest(gms);
        // The LCMS's own message claims PT2H: that claim, not the register's PT1M, says it is current.
        ingest.Ingest(Readable(Message(Lcms, 1, now.AddHours(-1), "GRIP2", data => data["kwaliteit"] = new JsonObject { ["interval"] = "PT2H" }, signed: false)));
        // A desk doubts the meldkamer's GRIP level: an open terugmelding against the meldkamer.
        var doubt = TerugmeldingFlowTests.Report(gms, "/grip/niveau", "GRIP1", source: Desk);
        doubt["time"] = now.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture);
        ingest.Ingest(doubt);

        var access = new KnooppuntAccess(register, new SharingPolicy(register));
        var receiver = ingest.Attach(new MessageReceiver(new ReceiverOptions { Verification = VerificationMode.Off, Sharing = SharingMode.Off, Deduplication = DeduplicationMode.Off }));
        await using var server = await Kestrel.StartAsync(app =>
        {
            // The caller's OIN as a token's claim would carry it.
            app.Use((context, next) =>
            {
                context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(KnooppuntAccess.OinClaim, Ghor)], "test"));
                return next(context);
            });
            app.MapKnooppunt(ingest, receiver, new KnooppuntEndpointOptions { Access = access, SignaturesVerified = false });
        });
        using var client = new HttpClient { BaseAddress = server.Address };

        var sources = JsonNode.Parse(await client.GetStringAsync(new Uri(KnooppuntRoutes.Bronnen, UriKind.Relative)))!.AsArray().ToDictionary(s => (string)s!["bron"]!, s => s!);
        Assert.Equal(("PT10M", false), ((string?)sources[Gms]["interval"], (bool)sources[Gms]["actueel"]!));
        Assert.Equal(("PT2H", true), ((string?)sources[Lcms]["interval"], (bool)sources[Lcms]["actueel"]!));
        Assert.All(sources.Values, s => Assert.Equal(8, s.AsObject().Count));

        var picture = JsonNode.Parse(await client.GetStringAsync(new Uri(KnooppuntRoutes.Situatiebeeld, UriKind.Relative)))!;
        Assert.False((bool)picture["incidenten"]![0]!["kwaliteit"]!["actueel"]!);
        var reliability = picture["betrouwbaarheid"]!.AsArray().ToDictionary(b => (string)b!["bron"]!, b => b!);
        // Both reported on the one incident and disagree on its GRIP level: contradicted on 1 of 1.
        Assert.Equal((1, 1, 1.0, 1), ((int)reliability[Gms]["incidenten"]!, (int)reliability[Gms]["tegenstrijdig"]!, (double)reliability[Gms]["tegenstrijdigheid"]!, (int)reliability[Gms]["terugmeldingen"]!));
        Assert.Equal((1, 1, 1.0, 0), ((int)reliability[Lcms]["incidenten"]!, (int)reliability[Lcms]["tegenstrijdig"]!, (double)reliability[Lcms]["tegenstrijdigheid"]!, (int)reliability[Lcms]["terugmeldingen"]!));
        // The desk sent only a terugmelding: no incident of its own, so no rate.
        Assert.Equal(0, (int)reliability[Desk]["incidenten"]!);
        Assert.Null(reliability[Desk]["tegenstrijdigheid"]);

        // The library gives the same figures.
        var bron = ingest.Situatiebeeld.Bronnen.Single(b => b.Bron == Gms);
        Assert.Equal((1, 1, 1, 1.0), (bron.Incidenten, bron.Tegenstrijdig, bron.Terugmeldingen, bron.Tegenstrijdigheid));
    }

    [Fact]
    public async Task The_portal_says_which_source_is_out_of_date_and_sorts_the_sources()
    {
        var now = DateTimeOffset.UtcNow;
        using var ingest = new KnooppuntIngest(Path.Combine(_folder, "berichten.db"));
        ingest.Ingest(Message(Gms, 1, now.AddHours(-1), "GRIP1", data => data["kwaliteit"] = new JsonObject { ["interval"] = "PT5M" }, signed: false));
        ingest.Ingest(Message(Lcms, 1, now.AddMinutes(-1), "GRIP2", data => data.Remove("eenheden"), signed: false));
        // A second incident only the (current) LCMS reports on.
        var other = Message(Lcms, 2, now.AddMinutes(-1), "GRIP1", data => data["id"] = "INC-15-2026-0099", signed: false);
        other["subject"] = "INC-15-2026-0099";
        other["correlationid"] = "INC-15-2026-0099";
        ingest.Ingest(other);
        var receiver = ingest.Attach(new MessageReceiver(new ReceiverOptions { Verification = VerificationMode.Off, Sharing = SharingMode.Off, Deduplication = DeduplicationMode.Off }));
        await using var server = await Kestrel.StartAsync(app =>
        {
            app.UseKnooppuntProtection();
            app.MapKnooppunt(ingest, receiver, new KnooppuntEndpointOptions { Name = "VR15", SignaturesVerified = false });
        });
        using var browser = PortalTests.Chromium();
        var wait = new OpenQA.Selenium.Support.UI.WebDriverWait(browser, TimeSpan.FromSeconds(20));
        wait.IgnoreExceptionTypes(typeof(OpenQA.Selenium.StaleElementReferenceException));
        browser.Navigate().GoToUrl(server.Address);
        wait.Until(d => d.FindElement(OpenQA.Selenium.By.TagName("body")).GetAttribute("data-geladen") is not null);

        var banner = browser.FindElement(OpenQA.Selenium.By.Id("verouderd"));
        Assert.True(banner.Displayed);
        Assert.Contains(Gms, banner.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Lcms, banner.Text, StringComparison.Ordinal);
        Assert.Contains("verouderd", browser.FindElement(OpenQA.Selenium.By.CssSelector($"#bronnen tr[data-bron='{Gms}']")).Text, StringComparison.Ordinal);

        // Sorted by completeness: the LCMS (80%) first, and the other way round on a second click.
        List<string?> Order() => [.. browser.FindElements(OpenQA.Selenium.By.CssSelector("#bronnen tbody tr")).Select(r => r.GetAttribute("data-bron"))];
        browser.FindElement(OpenQA.Selenium.By.CssSelector("#bronnen [data-sorteer='volledigheid']")).Click();
        Assert.Equal([Lcms, Gms], Order());
        Assert.Equal("ascending", browser.FindElement(OpenQA.Selenium.By.CssSelector("#bronnen th:nth-child(7)")).GetAttribute("aria-sort"));
        browser.FindElement(OpenQA.Selenium.By.CssSelector("#bronnen [data-sorteer='volledigheid']")).Click();
        Assert.Equal([Gms, Lcms], Order());

        // Reliability: the meldkamer is contradicted on its one incident (100%), the LCMS on one of two (50%); no terugmeldingen.
        string Cells(string source) => browser.FindElement(OpenQA.Selenium.By.CssSelector($"#bronnen tr[data-bron='{source}']")).Text;
        Assert.Contains("1 (100%)", Cells(Gms), StringComparison.Ordinal);
        Assert.Contains("1 (50%)", Cells(Lcms), StringComparison.Ordinal);

        // Filtering on quality: only the incident with a source out of date, in the address and in the report.
        List<string?> Incidents() => [.. browser.FindElements(OpenQA.Selenium.By.CssSelector("#lijst tbody tr[data-id]")).Select(r => r.GetAttribute("data-id"))];
        Assert.Equal(["INC-15-2026-0042", "INC-15-2026-0099"], Incidents().Order(StringComparer.Ordinal));
        Assert.Equal(6, browser.FindElements(OpenQA.Selenium.By.CssSelector("#f-kwaliteit option")).Count);
        browser.FindElement(OpenQA.Selenium.By.CssSelector("#f-kwaliteit option[value='verouderd']")).Click();
        wait.Until(d => d.Url.EndsWith("?kwaliteit=verouderd", StringComparison.Ordinal));
        Assert.Equal(["INC-15-2026-0042"], Incidents());
        browser.FindElement(OpenQA.Selenium.By.CssSelector("#f-kwaliteit option[value='onvolledig']")).Click();
        wait.Until(d => d.Url.EndsWith("?kwaliteit=onvolledig", StringComparison.Ordinal));
        Assert.Empty(Incidents());
        browser.FindElement(OpenQA.Selenium.By.CssSelector("#f-kwaliteit option[value='verouderd']")).Click();
        wait.Until(d => d.Url.EndsWith("?kwaliteit=verouderd", StringComparison.Ordinal));
        browser.Navigate().GoToUrl(browser.FindElement(OpenQA.Selenium.By.Id("rapport")).GetAttribute("href")!);
        var report = browser.FindElement(OpenQA.Selenium.By.TagName("main")).Text;
        Assert.Contains("kwaliteit: een bron niet actueel", report, StringComparison.Ordinal);
        Assert.Contains("INC-15-2026-0042", report, StringComparison.Ordinal);
        Assert.DoesNotContain("INC-15-2026-0099", report, StringComparison.Ordinal);
    }

    private static JsonObject Message(string source, int number, DateTimeOffset time, string grip, Action<JsonObject> change, bool signed)
    {
        var message = TestIncidents.Message(source, number, time, data =>
        {
            data["grip"]!["niveau"] = grip;
            data["grip"]!["historie"]![0]!["niveau"] = grip;
            change(data);
        });
        if (signed)
        {
            message["jws"] = "eyJhbGciOiJFUzI1NiJ9..c2lnbmF0dXJl";
        }

        return message;
    }
}
