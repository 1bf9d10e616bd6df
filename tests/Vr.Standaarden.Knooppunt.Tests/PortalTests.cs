using System.Globalization;
using System.Text.Json.Nodes;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Interactions;
using OpenQA.Selenium.Support.UI;
using Vr.Standaarden.Transport;
using Vr.Standaarden.Transport.Tests.Http;
using Xunit.Abstractions;

namespace Vr.Standaarden.Knooppunt.Tests;

/// <summary>The portal in Debian's headless Chromium, driven by Selenium: what a person sees and can do.</summary>
public sealed class PortalTests(ITestOutputHelper output) : IDisposable
{
    private const string Gms = "urn:nld:oin:00000004000000042000:systeem:GMS";
    private const string Lcms = "urn:nld:oin:00000004000000043000:systeem:LCMS";
    private readonly string _folder = Directory.CreateTempSubdirectory("vr-portal-").FullName;

    public void Dispose() => Directory.Delete(_folder, true);

    [Fact]
    public async Task A_person_sees_the_picture_with_contradictions_and_provenance_looks_back_switches_language_and_gets_live_updates()
    {
        var outlines = Path.Combine(_folder, "regiogrenzen.geojson");
        File.WriteAllText(outlines, """{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"statnaam":"Proefregio"},"geometry":{"type":"Polygon","coordinates":[[[4.1,51.9],[4.5,51.9],[4.5,52.2],[4.1,52.2],[4.1,51.9]]]}}]}""");
        using var ingest = new KnooppuntIngest(Path.Combine(_folder, "berichten.db"));
        var receiver = ingest.Attach(new MessageReceiver(new ReceiverOptions { Verification = VerificationMode.Off, Sharing = SharingMode.Off, Deduplication = DeduplicationMode.Off }));
        ingest.Ingest(Incident(Gms, 1, 0, "GRIP1"));
        ingest.Ingest(Incident(Lcms, 1, 20, "GRIP2"));
        ingest.Ingest(Incident(Gms, 2, 30, "GRIP0", id: "INC-15-2026-0043"));

        // With the node's security headers: the portal must work under its content security policy.
        await using var server = await Kestrel.StartAsync(app =>
        {
            app.UseKnooppuntProtection();
            app.MapKnooppunt(ingest, receiver, new KnooppuntEndpointOptions { Name = "VR15", SignaturesVerified = false, RegionOutlines = outlines });
        });
        var address = server.Address.ToString();

        using var browser = Chromium();
        var wait = new WebDriverWait(browser, TimeSpan.FromSeconds(20));
        browser.Navigate().GoToUrl(address);
        wait.Until(d => d.FindElement(By.TagName("body")).GetAttribute("data-geladen") is not null);

        // The picture: two incidents, the contradicted one marked in the list and on the map, the unsigned warning.
        Assert.StartsWith("Situatiebeeld", browser.Title, StringComparison.Ordinal);
        var banner = browser.FindElement(By.Id("ongetekend"));
        Assert.True(banner.Displayed);
        Assert.Contains("controleert geen handtekeningen", banner.Text, StringComparison.Ordinal);
        Assert.Equal(2, Rows(browser));
        Assert.Contains("Tegenstrijdig: grip", Row(browser, "INC-15-2026-0042").Text, StringComparison.Ordinal);
        Assert.Contains("Eenduidig", Row(browser, "INC-15-2026-0043").Text, StringComparison.Ordinal);
        Assert.Equal(2, browser.FindElements(By.CssSelector("#kaart .incident")).Count);
        Assert.Single(browser.FindElements(By.CssSelector("#kaart .incident.tegenstrijdig")));
        Assert.Single(browser.FindElements(By.CssSelector("#kaart path.regio")));
        Assert.Contains("2 incidenten uit 2 bronnen, 1 met tegenstrijdigheden", browser.FindElement(By.Id("samenvatting")).Text, StringComparison.Ordinal);
        Screenshot(browser);

        // Readable in bright light: the text of the list and of the contradiction mark against white at 7:1 or more.
        foreach (var selector in new[] { "#lijst td", ".mark.tegenstrijdig", "#samenvatting" })
        {
            var contrast = Convert.ToDouble(((IJavaScriptExecutor)browser).ExecuteScript(ContrastScript, selector), CultureInfo.InvariantCulture);
            Assert.True(contrast >= 7, $"{selector}: contrast {contrast:0.0}:1");
        }

        // By keyboard only: Tab to the contradicted incident, Enter shows its provenance and the values per source.
        browser.FindElement(By.TagName("body")).Click();
        var reached = false;
        for (var i = 0; i < 40 && !reached; i++)
        {
            new Actions(browser).SendKeys(Keys.Tab).Perform();
            reached = browser.SwitchTo().ActiveElement().Text == "INC-15-2026-0042";
        }

        Assert.True(reached, "Tab never reached the incident's button.");
        new Actions(browser).SendKeys(Keys.Enter).Perform();
        var details = wait.Until(d => d.FindElement(By.Id("details")) is { Displayed: true } e && e.Text.Contains("Herkomst", StringComparison.Ordinal) ? e : null);
        Assert.Contains("Open tegenstrijdigheden: 1", details.Text, StringComparison.Ordinal);
        Assert.Contains(Lcms, details.Text, StringComparison.Ordinal);
        Assert.Contains("GMS-1", details.Text, StringComparison.Ordinal);

        // Live: a new incident arrives through the API and appears without reloading the page.
        using (var client = new HttpClient { BaseAddress = new Uri(address) })
        {
            using var content = new StringContent(Incident(Lcms, 3, 40, "GRIP1", id: "INC-15-2026-0044").ToJsonString(), System.Text.Encoding.UTF8, "application/cloudevents+json");
            using var response = await client.PostAsync(new Uri("/v1/berichten", UriKind.Relative), content);
            Assert.True(response.IsSuccessStatusCode, $"POST /berichten: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        wait.Until(d => Rows(d) == 3);
        Assert.Contains("● Live", browser.FindElement(By.Id("live")).Text, StringComparison.Ordinal);

        // Looking back: at 21:15 only the meldkamer had reported, so there was no contradiction yet.
        var moment = new DateTimeOffset(2026, 11, 20, 21, 15, 0, TimeSpan.FromHours(1)).ToUnixTimeSeconds();
        ((IJavaScriptExecutor)browser).ExecuteScript("const s = document.getElementById('tijdstip'); s.value = arguments[0]; s.dispatchEvent(new Event('change'));", moment.ToString(CultureInfo.InvariantCulture));
        wait.Until(d => Rows(d) == 1);
        Assert.Contains("Eenduidig", Row(browser, "INC-15-2026-0042").Text, StringComparison.Ordinal);
        Assert.Contains("Terugkijken", browser.FindElement(By.Id("live")).Text, StringComparison.Ordinal);
        browser.FindElement(By.Id("nu")).Click();
        wait.Until(d => Rows(d) == 3);

        // English.
        browser.FindElement(By.Id("taal")).Click();
        wait.Until(d => d.FindElement(By.Id("titel")).Text.StartsWith("Situation picture", StringComparison.Ordinal));
        Assert.Equal("en", browser.FindElement(By.TagName("html")).GetAttribute("lang"));
        Assert.Contains("Contradiction: grip", Row(browser, "INC-15-2026-0042").Text, StringComparison.Ordinal);
        Assert.Contains("does not verify signatures", browser.FindElement(By.Id("ongetekend")).Text, StringComparison.Ordinal);
        var logs = browser.Manage().Logs.GetLog(LogType.Browser).Where(l => l.Level >= OpenQA.Selenium.LogLevel.Severe).ToList();
        Assert.True(logs.Count == 0, string.Join("\n", logs.Select(l => l.Message)));
    }

    [Fact]
    public async Task An_open_terugmelding_is_marked_on_its_field_until_the_bronhouder_answers()
    {
        using var ingest = new KnooppuntIngest(Path.Combine(_folder, "berichten.db"));
        var receiver = ingest.Attach(new MessageReceiver(new ReceiverOptions { Verification = VerificationMode.Off, Sharing = SharingMode.Off, Deduplication = DeduplicationMode.Off }));
        var doubted = Incident(Gms, 1, 0, "GRIP1");
        ingest.Ingest(doubted);
        ingest.Ingest(TerugmeldingFlowTests.Report(doubted, "/grip/niveau", "GRIP1", source: Lcms));
        await using var server = await Kestrel.StartAsync(app =>
        {
            app.UseKnooppuntProtection();
            app.MapKnooppunt(ingest, receiver, new KnooppuntEndpointOptions { Name = "VR15", SignaturesVerified = false });
        });

        using var browser = Chromium();
        var wait = new WebDriverWait(browser, TimeSpan.FromSeconds(20));
        // The list is drawn again on every change: an element found a moment ago may be gone.
        wait.IgnoreExceptionTypes(typeof(StaleElementReferenceException));
        browser.Navigate().GoToUrl(server.Address.ToString());
        wait.Until(d => d.FindElement(By.TagName("body")).GetAttribute("data-geladen") is not null);
        Assert.Contains("1 terugmelding open", Row(browser, "INC-15-2026-0042").Text, StringComparison.Ordinal);

        // The details mark the doubted field, with who doubts it, who is asked and why; the other fields are unmarked.
        Row(browser, "INC-15-2026-0042").FindElement(By.TagName("button")).Click();
        var grip = wait.Until(d => d.FindElements(By.CssSelector("#details dd[data-veld='grip']")).FirstOrDefault()?.Text);
        Assert.Contains("Terugmelding open", grip, StringComparison.Ordinal);
        Assert.Contains("00000004000000043000", grip, StringComparison.Ordinal);
        Assert.Contains("schaalde om 21:20 af", grip, StringComparison.Ordinal);
        Assert.Single(browser.FindElements(By.CssSelector("#details .mark.terugmelding")));

        // The bronhouder's answer (the value stands) arrives: the mark goes, without reloading.
        ingest.Ingest(TerugmeldingFlowTests.Report(doubted, "/grip/niveau", "GRIP1", source: Gms, status: "ONGEWIJZIGD", minute: 40, melder: "00000004000000043000"));
        wait.Until(d => !Row((ChromeDriver)d, "INC-15-2026-0042").Text.Contains("terugmelding", StringComparison.Ordinal));
        Assert.Empty(browser.FindElements(By.CssSelector("#lijst .mark.terugmelding")));
    }

    private const string ContrastScript = """
        const el = document.querySelector(arguments[0]);
        const rgb = s => s.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
        const lum = c => 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
        let bg = el, back = 'rgba(0, 0, 0, 0)';
        while (bg && (back = getComputedStyle(bg).backgroundColor) === 'rgba(0, 0, 0, 0)') bg = bg.parentElement;
        const a = lum(rgb(getComputedStyle(el).color)), b = lum(rgb(bg ? back : 'rgb(255,255,255)'));
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        """;

    private static int Rows(ISearchContext browser) => browser.FindElements(By.CssSelector("#lijst tbody tr")).Count;

    private static IWebElement Row(ChromeDriver browser, string id) => browser.FindElement(By.CssSelector($"#lijst tbody tr[data-id='{id}']"));

    private static JsonObject Incident(string source, int number, int minute, string grip, string id = "INC-15-2026-0042")
    {
        var message = TestIncidents.Message(source, number, new DateTimeOffset(2026, 11, 20, 21, 10 + minute, 0, TimeSpan.FromHours(1)), data =>
        {
            data["id"] = id;
            data["grip"]!["niveau"] = grip;
            data["grip"]!["historie"]![0]!["niveau"] = grip;
        });
        message["subject"] = id;
        message["correlationid"] = id;
        return message;
    }

    internal static ChromeDriver Chromium()
    {
        var binary = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("The portal test needs Debian's chromium (apt-get install chromium chromium-driver); .ci/run installs it.");
        var driver = new[] { "/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("The portal test needs chromedriver (apt-get install chromium-driver); .ci/run installs it.");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(driver)!, Path.GetFileName(driver));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        var options = new ChromeOptions { BinaryLocation = binary };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1000", "--lang=nl-NL", "--no-proxy-server");
        options.SetLoggingPreference(LogType.Browser, OpenQA.Selenium.LogLevel.All);
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

    private void Screenshot(ChromeDriver browser)
    {
        var folder = Environment.GetEnvironmentVariable("VR_REPORT_DIR") is { Length: > 0 } report ? report : Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "portal.png");
        browser.GetScreenshot().SaveAsFile(file);
        output.WriteLine($"screenshot: {file}");
    }
}
