using System.Globalization;
using System.Text.Json.Nodes;
using Vr.Standaarden.Koppelvlakken;
using Vr.Standaarden.Transport;
using Vr.Standaarden.Transport.Tests.Http;

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
    public async Task The_portal_says_which_source_is_out_of_date_and_sorts_the_sources()
    {
        var now = DateTimeOffset.UtcNow;
        using var ingest = new KnooppuntIngest(Path.Combine(_folder, "berichten.db"));
        ingest.Ingest(Message(Gms, 1, now.AddHours(-1), "GRIP1", data => data["kwaliteit"] = new JsonObject { ["interval"] = "PT5M" }, signed: false));
        ingest.Ingest(Message(Lcms, 1, now.AddMinutes(-1), "GRIP1", data => data.Remove("eenheden"), signed: false));
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
        Assert.Equal("ascending", browser.FindElement(OpenQA.Selenium.By.CssSelector("#bronnen th:nth-child(6)")).GetAttribute("aria-sort"));
        browser.FindElement(OpenQA.Selenium.By.CssSelector("#bronnen [data-sorteer='volledigheid']")).Click();
        Assert.Equal([Gms, Lcms], Order());
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
