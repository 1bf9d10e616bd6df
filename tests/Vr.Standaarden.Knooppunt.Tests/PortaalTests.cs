using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;
using Vr.Standaarden.Testing;
using Vr.Standaarden.Transport;
using Vr.Standaarden.Transport.Tests.Http;
using Xunit.Abstractions;

namespace Vr.Standaarden.Knooppunt.Tests;

/// <summary>
/// The portal as a crisis team uses it, in Debian's headless Chromium: the regions' outlines without any setting, the
/// map opened on the node's region or coloured per region, filters in the address, no violation axe-core finds for WCAG
/// 2.0/2.1 A and AA, nothing wider than the screen on a desk or a phone, and the printable situatierapport.
/// </summary>
public sealed class PortaalTests(ITestOutputHelper output) : IDisposable
{
    private const string Gms15 = "urn:nld:oin:00000004000000042000:systeem:GMS";
    private const string Gms17 = "urn:nld:oin:00000004000000047000:systeem:GMS";
    private const string Lcms = "urn:nld:oin:00000004000000043000:systeem:LCMS";
    private static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
    private readonly string _folder = Directory.CreateTempSubdirectory("vr-portaal-").FullName;

    public void Dispose() => Directory.Delete(_folder, true);

    // Three incidents in two regions (RD New): a contradicted fire in The Hague, a GRIP 1 one nearby, one in Rotterdam.
    private KnooppuntIngest Picture()
    {
        var ingest = new KnooppuntIngest(Path.Combine(_folder, "berichten.db"));
        ingest.Ingest(Incident(Gms15, 1, 0, "INC-15-1", "VR15", "GRIP2", 81390, 455480, "brgb01", "Binnenhof, Den Haag"));
        ingest.Ingest(Incident(Lcms, 1, 5, "INC-15-1", "VR15", "GRIP3", 81390, 455480, "brgb01", "Binnenhof, Den Haag"));
        ingest.Ingest(Incident(Gms15, 2, 10, "INC-15-2", "VR15", "GRIP1", 78200, 448900, "ogwgpa", "A4, Rijswijk"));
        ingest.Ingest(Incident(Gms17, 1, 15, "INC-17-1", "VR17", "GRIP2", 92600, 437400, "brgb04", "Erasmus MC, Rotterdam"));
        return ingest;
    }

    private static Task<Kestrel> Node(KnooppuntIngest ingest, string? region)
    {
        var receiver = ingest.Attach(new MessageReceiver(new ReceiverOptions { Verification = VerificationMode.Off, Sharing = SharingMode.Off, Deduplication = DeduplicationMode.Off }));
        return Kestrel.StartAsync(app =>
        {
            app.UseKnooppuntProtection();
            app.MapKnooppunt(ingest, receiver, new KnooppuntEndpointOptions { Name = region ?? "landelijk", Region = region, SignaturesVerified = false });
        });
    }

    [Fact]
    public async Task A_regional_node_draws_the_25_regions_without_any_setting_and_opens_on_its_own()
    {
        using var ingest = Picture();
        await using var server = await Node(ingest, "VR15");
        using var browser = Open(server, "/");
        var outlines = browser.FindElements(By.CssSelector("#kaart path.regio[data-regio]"));
        Assert.Equal(25, outlines.Count);
        Assert.Equal(Enumerable.Range(1, 25).Select(n => $"VR{n:00}"), outlines.Select(o => o.GetAttribute("data-regio")).Order(StringComparer.Ordinal));
        Assert.All(outlines, o => Assert.False(string.IsNullOrWhiteSpace(o.GetAttribute("aria-label"))));
        Assert.Equal("Haaglanden", browser.FindElement(By.CssSelector("#kaart path[data-regio='VR15']")).GetAttribute("aria-label"));
        Assert.Contains("CBS, Kadaster (PDOK), CC BY 4.0", browser.FindElement(By.ClassName("bron")).Text, StringComparison.Ordinal);

        // Zoomed to Haaglanden: the view is a small part of the country and holds the region's outline.
        var view = ViewBox(browser);
        Assert.True(view[2] < 250, $"viewBox {string.Join(' ', view)}");
        var region = Box(browser, "#kaart path[data-regio='VR15']");
        Assert.True(region[0] >= view[0] && region[1] >= view[1] && region[0] + region[2] <= view[0] + view[2] && region[1] + region[3] <= view[1] + view[3],
            $"region {string.Join(' ', region)} outside view {string.Join(' ', view)}");

        // Zoom with the buttons and the keyboard, and back to the region.
        browser.FindElement(By.Id("inzoomen")).Click();
        Assert.True(ViewBox(browser)[2] < view[2]);
        browser.FindElement(By.Id("kaart")).SendKeys(Keys.ArrowRight);
        Assert.True(ViewBox(browser)[0] > view[0]);
        browser.FindElement(By.Id("passend")).Click();
        Assert.Equal(view, ViewBox(browser));
    }

    [Fact]
    public async Task The_national_node_colours_each_region_by_its_open_incidents_with_a_legend_and_a_table_of_the_same_numbers()
    {
        using var ingest = Picture();
        await using var server = await Node(ingest, region: null);
        using var browser = Open(server, "/");
        Assert.Equal(1000, ViewBox(browser)[2]);
        Assert.Contains("n2", browser.FindElement(By.CssSelector("#kaart path[data-regio='VR15']")).GetAttribute("class"), StringComparison.Ordinal);
        Assert.Contains("n1", browser.FindElement(By.CssSelector("#kaart path[data-regio='VR17']")).GetAttribute("class"), StringComparison.Ordinal);
        Assert.Contains("n0", browser.FindElement(By.CssSelector("#kaart path[data-regio='VR01']")).GetAttribute("class"), StringComparison.Ordinal);
        Assert.Equal("Haaglanden: 2 open incidenten", browser.FindElement(By.CssSelector("#kaart path[data-regio='VR15']")).GetAttribute("aria-label"));
        Assert.True(browser.FindElement(By.Id("legenda")).Displayed);
        var rows = browser.FindElements(By.CssSelector("#perregio tbody tr"));
        Assert.Equal(25, rows.Count);
        Assert.Equal("2", browser.FindElement(By.CssSelector("#perregio tr[data-regio='VR15'] td:last-child")).GetAttribute("textContent"));

        // At country scale the two incidents in The Hague are one group with a count; choosing it zooms in.
        var group = browser.FindElement(By.CssSelector("#kaart .groep"));
        Assert.Equal("2", group.GetAttribute("data-aantal"));
        group.Click();
        Assert.True(ViewBox(browser)[2] < 1000);
        Assert.Equal(3, browser.FindElements(By.CssSelector("#kaart .incident")).Count);

        // Selecting on the map selects in the list.
        browser.FindElement(By.CssSelector("#kaart .incident[data-id='INC-15-2']")).Click();
        Wait(browser, 10).Until(d => d.FindElement(By.CssSelector("#lijst tr[data-id='INC-15-2']")).GetAttribute("class")?.Contains("gekozen", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task A_filter_in_the_address_shows_only_what_matches_in_list_and_map_and_the_filters_change_the_address()
    {
        using var ingest = Picture();
        await using var server = await Node(ingest, region: null);
        using var browser = Open(server, "/?regio=VR15&grip=GRIP3");
        Assert.Equal(["INC-15-1"], Ids(browser));
        Assert.Equal(["INC-15-1"], browser.FindElements(By.CssSelector("#kaart .incident")).Select(m => m.GetAttribute("data-id")));
        Assert.Equal("VR15", browser.FindElement(By.Id("f-regio")).GetDomProperty("value"));

        // A perspective presets the discipline; the address follows every change.
        Choose(browser, "f-grip", "");
        Choose(browser, "f-regio", "");
        Choose(browser, "f-perspectief", "GHOR");
        Wait(browser, 10).Until(d => d.Url.EndsWith("?perspectief=GHOR", StringComparison.Ordinal));
        Assert.Equal(["INC-17-1"], Ids(browser));
        browser.FindElement(By.Id("f-wissen")).Click();
        browser.FindElement(By.Id("f-tegenstrijdig")).Click();
        Wait(browser, 10).Until(d => d.Url.EndsWith("?tegenstrijdig=ja", StringComparison.Ordinal));
        Assert.Equal(["INC-15-1"], Ids(browser));
        browser.FindElement(By.Id("f-tegenstrijdig")).Click();
        browser.FindElement(By.Id("f-tekst")).SendKeys("rijswijk");
        Wait(browser, 10).Until(d => Ids((ChromeDriver)d).SequenceEqual(["INC-15-2"]));
        Assert.EndsWith("?tekst=rijswijk", browser.Url, StringComparison.Ordinal);
        Assert.EndsWith("/situatierapport?tekst=rijswijk", browser.FindElement(By.Id("rapport")).GetAttribute("href"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1280, 800, "bureau")]
    [InlineData(390, 844, "telefoon")]
    public async Task Axe_finds_no_WCAG_A_or_AA_violation_and_nothing_scrolls_sideways(int width, int height, string name)
    {
        using var ingest = Picture();
        await using var server = await Node(ingest, "VR15");
        using var browser = Open(server, "/", width, height);
        Screenshot(browser, $"portal-{name}.png");
        browser.FindElement(By.CssSelector("#lijst button")).Click();
        Wait(browser, 10).Until(d => d.FindElement(By.Id("details")).Displayed);
        AssertNoViolations(browser, "portal " + name);
        AssertNoSidewaysScroll(browser, "portal " + name);
        if (width < 700)
        {
            // On a phone the incidents are cards: each row a block, each cell labelled.
            Assert.Equal("block", browser.FindElement(By.CssSelector("#lijst tbody tr")).GetCssValue("display"));
        }

        browser.Navigate().GoToUrl(new Uri(server.Address, "/situatierapport"));
        AssertNoViolations(browser, "situatierapport " + name);
        AssertNoSidewaysScroll(browser, "situatierapport " + name);
        Screenshot(browser, $"situatierapport-{name}.png");
    }

    [Fact]
    public async Task The_situatierapport_shows_the_picture_now_with_the_filters_and_before_the_first_message_says_there_are_no_incidents()
    {
        using var ingest = Picture();
        await using var server = await Node(ingest, "VR15");
        using var client = new HttpClient { BaseAddress = server.Address };
        using (var response = await client.GetAsync(new Uri("/situatierapport", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        }

        using var browser = Open(server, "/situatierapport", loaded: false);
        Assert.Equal(["INC-15-1", "INC-15-2", "INC-17-1"], Articles(browser));
        var fire = browser.FindElement(By.CssSelector("article[data-id='INC-15-1']")).Text;
        Assert.Contains("Brand/Gebouw/01 Woning/Woongebouw", fire, StringComparison.Ordinal);
        Assert.Contains("Open tegenstrijdigheden (1)", fire, StringComparison.Ordinal);
        Assert.Contains("Binnenhof, Den Haag", fire, StringComparison.Ordinal);
        Assert.Contains("Haaglanden", fire, StringComparison.Ordinal);
        Assert.Equal("Afdrukken / PDF", browser.FindElement(By.Id("afdrukken")).Text);

        // The same filters as the portal, and the need-to-know of every read (an open node answers on this computer only).
        browser.Navigate().GoToUrl(new Uri(server.Address, "/situatierapport?regio=VR17"));
        Assert.Equal(["INC-17-1"], Articles(browser));
        Assert.Contains("Filter: regio Veiligheidsregio Rotterdam-Rijnmond", browser.FindElement(By.ClassName("filter")).Text, StringComparison.Ordinal);

        // Before the first message: no incidents, said in words.
        var before = new DateTimeOffset(2026, 11, 20, 20, 0, 0, TimeSpan.FromHours(1)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        browser.Navigate().GoToUrl(new Uri(server.Address, "/situatierapport?tijdstip=" + Uri.EscapeDataString(before)));
        Assert.Empty(Articles(browser));
        Assert.Contains("Geen incidenten op dit moment.", browser.FindElement(By.TagName("main")).Text, StringComparison.Ordinal);
        Assert.Contains("Incidenten (0)", browser.FindElement(By.Id("incidentenkop")).Text, StringComparison.Ordinal);

        // Print: A4 with the button left out.
        var printed = ((IJavaScriptExecutor)browser).ExecuteScript("return [...document.styleSheets].flatMap(s => [...s.cssRules]).some(r => r.cssText.toLowerCase().includes('size: a4'))");
        Assert.Equal(true, printed);
        using var bad = await client.GetAsync(new Uri("/situatierapport?tijdstip=gisteren", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task When_the_live_stream_drops_the_portal_says_so_and_it_shows_the_newest_message()
    {
        using var ingest = Picture();
        var server = await Node(ingest, "VR15");
        using var browser = Open(server, "/");
        Assert.Contains("Laatste bericht: 20 nov 2026", browser.FindElement(By.Id("laatste")).Text, StringComparison.Ordinal);
        await server.DisposeAsync();
        Wait(browser, 20).Until(d => d.FindElement(By.Id("live")).Text.Contains("Verbinding verbroken", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_readme_command_shows_the_25_regions_zoomed_to_its_own_and_prints_the_report()
    {
        var address = new Uri($"http://127.0.0.1:{NatsServer.FreePort()}");
        using var client = new HttpClient();
        using var node = await SampleNode.StartAsync(address, client, "--data", Path.Combine(_folder, "data"));
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (JsonNode.Parse(await client.GetStringAsync(new Uri(address, "/v1/situatiebeeld")))!["incidenten"]!.AsArray().Count < 4 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }

            using var browser = Open(address, "/", 1280, 900);
            Assert.Equal(25, browser.FindElements(By.CssSelector("#kaart path.regio[data-regio]")).Count);
            Assert.Contains("eigen", browser.FindElement(By.CssSelector("#kaart path[data-regio='VR15']")).GetAttribute("class"), StringComparison.Ordinal);
            Assert.True(ViewBox(browser)[2] < 250);
            // The GHOR's plume model: its location contradicts the meldkamer's and is marked as a model's.
            Assert.Contains("⚙ Algoritme: locatie", browser.FindElement(By.CssSelector("#lijst tr[data-id='INC-15-2026-0103']")).Text, StringComparison.Ordinal);
            Screenshot(browser, "portaal.png");
            browser.Navigate().GoToUrl(new Uri(address, "/situatierapport"));
            Assert.Equal(4, Articles(browser).Count);
            Screenshot(browser, "situatierapport.png");
        }
        finally
        {
            node.Kill(true);
            await node.WaitForExitAsync();
        }
    }

    private ChromeDriver Open(Kestrel server, string path, int width = 1280, int height = 800, bool loaded = true) =>
        Open(server.Address, path, width, height, loaded);

    private ChromeDriver Open(Uri address, string path, int width = 1280, int height = 800, bool loaded = true)
    {
        var browser = PortalTests.Chromium();
        browser.ExecuteCdpCommand("Emulation.setDeviceMetricsOverride", new Dictionary<string, object?>
        {
            ["width"] = width, ["height"] = height, ["deviceScaleFactor"] = 1, ["mobile"] = width < 700,
        });
        browser.Navigate().GoToUrl(new Uri(address, path));
        if (loaded)
        {
            Wait(browser, 20).Until(d => d.FindElement(By.TagName("body")).GetAttribute("data-geladen") is not null);
        }

        output.WriteLine($"{path} at {width}×{height}");
        return browser;
    }

    // A wait that reads again when the portal re-drew what it was reading (the live stream re-renders the lists).
    private static WebDriverWait Wait(ChromeDriver browser, int seconds)
    {
        var wait = new WebDriverWait(browser, TimeSpan.FromSeconds(seconds));
        wait.IgnoreExceptionTypes(typeof(StaleElementReferenceException));
        return wait;
    }

    private static void Choose(ChromeDriver browser, string select, string value) =>
        browser.FindElement(By.CssSelector($"#{select} option[value='{value}']")).Click();

    private static double[] ViewBox(ChromeDriver browser) =>
        [.. browser.FindElement(By.Id("kaart")).GetDomAttribute("viewBox")!.Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture))];

    private static double[] Box(ChromeDriver browser, string selector) =>
        [.. ((IReadOnlyCollection<object>)((IJavaScriptExecutor)browser).ExecuteScript($"const b = document.querySelector(\"{selector}\").getBBox(); return [b.x, b.y, b.width, b.height];")!).Select(Convert.ToDouble)];

    private static List<string?> Ids(ChromeDriver browser) => [.. browser.FindElements(By.CssSelector("#lijst tbody tr")).Select(r => r.GetAttribute("data-id"))];

    private static List<string?> Articles(ChromeDriver browser) => [.. browser.FindElements(By.CssSelector("article.incident")).Select(a => a.GetAttribute("data-id"))];

    private void AssertNoViolations(ChromeDriver browser, string page)
    {
        var axe = Path.Combine(ConformanceSuites.RepositoryRoot, "eng", "portal", "node_modules", "axe-core", "axe.min.js");
        Assert.True(File.Exists(axe), $"Run 'npm ci' in {Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(axe)))} first (.ci/run does).");
        browser.ExecuteScript(File.ReadAllText(axe));
        var result = (string)browser.ExecuteAsyncScript($$"""
            const done = arguments[arguments.length - 1];
            axe.run(document, { runOnly: { type: 'tag', values: {{System.Text.Json.JsonSerializer.Serialize(WcagTags)}} } })
              .then(r => done(JSON.stringify(r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ')) })))))
              .catch(e => done('error: ' + e));
            """)!;
        output.WriteLine($"axe on {page}: {result}");
        Assert.Equal("[]", result);
    }

    private static void AssertNoSidewaysScroll(ChromeDriver browser, string page)
    {
        var widths = (IReadOnlyCollection<object>)((IJavaScriptExecutor)browser).ExecuteScript("return [document.documentElement.scrollWidth, document.documentElement.clientWidth];")!;
        var (scroll, client) = (Convert.ToInt32(widths.First(), CultureInfo.InvariantCulture), Convert.ToInt32(widths.Last(), CultureInfo.InvariantCulture));
        var widest = scroll <= client ? "" : (string)((IJavaScriptExecutor)browser).ExecuteScript("""
            const w = document.documentElement.clientWidth;
            return [...document.querySelectorAll('body *')].filter(e => !e.closest('svg') && (e.getBoundingClientRect().right > w + 1 || (e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1)))
              .slice(0, 8).map(e => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.className && typeof e.className === 'string' ? '.' + e.className.split(' ').join('.') : ''} (${Math.round(e.getBoundingClientRect().right)} px, scroll ${e.scrollWidth} of ${e.clientWidth})`).join(', ');
            """)!;
        Assert.True(scroll <= client, $"{page}: {scroll} px wide in a {client} px window; beyond it: {widest}");
    }

    private static void Screenshot(ChromeDriver browser, string name)
    {
        var folder = Environment.GetEnvironmentVariable("VR_REPORT_DIR") is { Length: > 0 } report ? report : Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(folder);
        browser.GetScreenshot().SaveAsFile(Path.Combine(folder, name));
    }

    private static JsonObject Incident(string source, int number, int minute, string id, string region, string grip, double x, double y, string classification, string place)
    {
        var message = TestIncidents.Message(source, number, new DateTimeOffset(2026, 11, 20, 21, 10 + minute, 0, TimeSpan.FromHours(1)), data =>
        {
            data["id"] = id;
            data["veiligheidsregio"] = region;
            data["classificatie"] = classification;
            data["grip"]!["niveau"] = grip;
            data["grip"]!["historie"]![0]!["niveau"] = grip;
            data["locatie"]!["omschrijving"] = place;
            data["locatie"]!["veiligheidsregio"] = region;
            data["locatie"]!["geometrie"]!["coordinates"] = new JsonArray(x, y);
            data["disciplines"] = new JsonArray(region == "VR17" ? "GNK" : "BRW");
        });
        message["subject"] = id;
        message["correlationid"] = id;
        return message;
    }
}
