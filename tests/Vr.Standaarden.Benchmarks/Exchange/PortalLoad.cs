using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;
using Vr.Standaarden.Knooppunt;
using Vr.Standaarden.Transport;

namespace Vr.Standaarden.Benchmarks.Exchange;

/// <summary>
/// The portal at scale, in Debian's headless Chromium: a national node with N incidents spread over the 25 regions
/// (3,000 by default); the time from opening the page to the first drawn picture (list and map, as the portal marks it
/// with <c>performance.mark('vr-beeld')</c>), and the time a filter change takes to draw list and map again (layout
/// included). <c>portal [--incidents N] [--runs R]</c>.
/// </summary>
internal static class PortalLoad
{
    private static readonly string[] Grips = ["GRIP0", "GRIP1", "GRIP1", "GRIP2", "GRIP3"];

    public static async Task<int> RunAsync(string[] args)
    {
        var incidents = (int)LoadIncidents.Option(args, "--incidents", 3000);
        var runs = (int)LoadIncidents.Option(args, "--runs", 7);
        var folder = Directory.CreateTempSubdirectory("vr-portalload-").FullName;
        try
        {
            using var ingest = new KnooppuntIngest(Path.Combine(folder, "berichten.db"));
            var random = new Random(29);
            var messages = new List<JsonObject>();
            for (var i = 0; i < incidents; i++)
            {
                messages.Add(Incident(i, random));
                if (messages.Count == 500)
                {
                    ingest.IngestMany(messages);
                    messages.Clear();
                }
            }

            ingest.IngestMany(messages);
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            await using var app = builder.Build();
            var receiver = ingest.Attach(new MessageReceiver(new ReceiverOptions { Verification = VerificationMode.Off, Sharing = SharingMode.Off, Deduplication = DeduplicationMode.Off }));
            app.UseKnooppuntProtection();
            app.MapKnooppunt(ingest, receiver, new KnooppuntEndpointOptions { Name = "landelijk", SignaturesVerified = false });
            await app.StartAsync();
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

            // What the page asks first, timed on its own: the overview and the GeoJSON, each computed from the record.
            using (var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(5) })
            {
                foreach (var path in new[] { "/v1/situatiebeeld", "/v1/situatiebeeld/geojson", "/v1/situatiebeeld", "/v1/situatiebeeld/geojson" })
                {
                    var watch = System.Diagnostics.Stopwatch.StartNew();
                    var length = (await client.GetStringAsync(new Uri(path, UriKind.Relative))).Length;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"GET {path}: {watch.Elapsed.TotalMilliseconds:0} ms, {length / 1024} KiB"));
                }
            }

            using var browser = Chromium();
            var opened = new List<double>();
            var filtered = new List<double>();
            double? warmUp = null;
            for (var run = -1; run < runs; run++)
            {
                // Run -1 starts the browser's own machinery (fonts, caches) and is reported apart; every counted run
                // opens the page with an empty HTTP cache.
                browser.ExecuteCdpCommand("Network.clearBrowserCache", []);
                browser.Navigate().GoToUrl(address);
                new WebDriverWait(browser, TimeSpan.FromSeconds(60)).Until(d => d.FindElement(By.TagName("body")).GetAttribute("data-geladen") is not null);
                var js = browser;
                var first = Convert.ToDouble(js.ExecuteScript("return performance.getEntriesByName('vr-beeld')[0].startTime;"), CultureInfo.InvariantCulture);
                if (run < 0)
                {
                    warmUp = first;
                    continue;
                }

                opened.Add(first);
                filtered.Add(Convert.ToDouble(js.ExecuteScript($$"""
                    const select = document.getElementById('f-regio');
                    const start = performance.now();
                    select.value = 'VR{{((run + 25) % 25) + 1:00}}';
                    select.dispatchEvent(new Event('change', { bubbles: true }));
                    document.body.getBoundingClientRect();
                    return performance.now() - start;
                    """), CultureInfo.InvariantCulture));
            }

            var rows = ingest.Read(p => p.IncidentCount);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"portal with {rows} incidents, {runs} runs in Chromium (empty HTTP cache each): first picture p50 {Median(opened):0} ms, max {opened.Max():0} ms; filter change p50 {Median(filtered):0} ms, max {filtered.Max():0} ms (goal: each under 1000 ms); the browser's first page after starting: {warmUp:0} ms"));
            await app.StopAsync();
            return opened.Max() < 1000 && filtered.Max() < 1000 ? 0 : 1;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, true);
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    // An incident somewhere in the Netherlands (RD New), in one of the 25 regions, with a GRIP level and a classification.
    private static JsonObject Incident(int i, Random random)
    {
        var region = $"VR{(i % 25) + 1:00}";
        return new JsonObject
        {
            ["specversion"] = "1.0",
            ["id"] = $"GMS-{i}",
            ["source"] = $"urn:nld:oin:000000040000000{(i % 25) + 10:00}000:systeem:GMS",
            ["type"] = Situatiebeeld.IncidentType,
            ["time"] = DateTimeOffset.UtcNow.AddMinutes(-random.Next(600)).ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture),
            ["tlp"] = "TLP:AMBER",
            ["doelbinding"] = "incidentbestrijding",
            ["data"] = new JsonObject
            {
                ["id"] = $"INC-{region}-{i}",
                ["veiligheidsregio"] = region,
                ["classificatie"] = i % 3 == 0 ? "brgb01" : i % 3 == 1 ? "ogwg" : "gzpa",
                ["disciplines"] = new JsonArray("BRW"),
                ["grip"] = new JsonObject { ["niveau"] = Grips[i % Grips.Length] },
                ["locatie"] = new JsonObject
                {
                    ["omschrijving"] = $"Plaats {i}",
                    ["geometrie"] = new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(random.Next(20000, 260000), random.Next(320000, 600000)) },
                    ["crs"] = "EPSG:28992",
                },
            },
        };
    }

    private static ChromeDriver Chromium()
    {
        var binary = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("The portal load tool needs Debian's chromium and chromium-driver.");
        var driver = new[] { "/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver" }.First(File.Exists);
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(driver)!, Path.GetFileName(driver));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        var options = new ChromeOptions { BinaryLocation = binary };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,800", "--no-proxy-server");
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(120));
    }
}
