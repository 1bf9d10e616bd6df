using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;
using Vr.Standaarden.Spec;
using Vr.Standaarden.Testing;
using Vr.Standaarden.Transport.Tests.Http;
using Xunit.Abstractions;

namespace Vr.Standaarden.Knooppunt.Tests;

/// <summary>
/// People sign in at the portal through a real OpenID provider (npm oidc-provider, started on 127.0.0.1 by the test)
/// with the authorization code flow and PKCE, in headless Chromium through the provider's own login page: a GHOR officer
/// sees the personal data of a melding, a viewer without rights to personal data does not, neither in the page nor from
/// the API, and a session cookie copied before signing out is refused afterwards.
/// </summary>
public sealed class OidcTests(ITestOutputHelper output) : IDisposable
{
    private const string Marker = "Bewoner met zuurstofapparatuur";
    private readonly string _folder = Directory.CreateTempSubdirectory("vr-oidc-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, true);
    }

    private string File(string name) => Path.Combine(_folder, name);

    /// <summary>Starts the provider; it lives until the returned process is killed.</summary>
    private static async Task<Process> StartProviderAsync(int port, string redirect, string accounts, string? clients = null)
    {
        var folder = Path.Combine(ConformanceSuites.RepositoryRoot, "eng", "oidc-provider");
        Assert.True(Directory.Exists(Path.Combine(folder, "node_modules", "oidc-provider")), $"Run 'npm ci' in {folder} first (.ci/run does).");
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = folder };
        foreach (var argument in new[] { "provider.mjs", port.ToString(CultureInfo.InvariantCulture), redirect, accounts, clients }.OfType<string>())
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var client = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await client.GetAsync($"http://127.0.0.1:{port}/.well-known/openid-configuration");
                if (response.IsSuccessStatusCode)
                {
                    return process;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        process.Kill(true);
        throw new TimeoutException("The OpenID provider did not start.");
    }

    /// <summary>Signs in at the portal as <paramref name="login"/> through the provider's login and consent pages.</summary>
    private static void SignIn(ChromeDriver browser, Uri node, string login)
    {
        var wait = new WebDriverWait(browser, TimeSpan.FromSeconds(30));
        browser.Navigate().GoToUrl(node);
        wait.Until(d => d.FindElements(By.Name("login")).Count > 0);
        browser.FindElement(By.Name("login")).SendKeys(login);
        browser.FindElement(By.Name("password")).SendKeys("test");
        var field = browser.FindElement(By.Name("login"));
        browser.FindElement(By.CssSelector("button[type=submit]")).Click();
        wait.Until(_ =>
        {
            try
            {
                return !field.Displayed;
            }
            catch (WebDriverException)
            {
                // The page went away under the element: stale, or Chromium's "node does not belong to the document"
                // when the check races the navigation. Either way the form was submitted.
                return true;
            }
        });

        // The provider asks to share the claims with the node (consent), then returns to the portal.
        wait.Until(d =>
        {
            if (d.Url.StartsWith(node.ToString(), StringComparison.Ordinal))
            {
                return d.FindElements(By.CssSelector("body[data-geladen]")).Count > 0;
            }

            try
            {
                if (d.FindElements(By.Name("login")).Count == 0 && d.FindElements(By.CssSelector("button[type=submit]")) is [var consent, ..])
                {
                    consent.Click();
                }
            }
            catch (WebDriverException)
            {
                // The page changed under the click; look again.
            }

            return false;
        });
    }

    /// <summary>The sample node with the register and accounts in the test's folder, and its OpenID provider.</summary>
    private async Task<(Uri Address, Process Provider, Process Node)> StartNodeAsync(HttpClient client, string data)
    {
        var nodePort = NatsServer.FreePort();
        var providerPort = NatsServer.FreePort();
        var node = new Uri($"http://127.0.0.1:{nodePort}/");
        var provider = await StartProviderAsync(providerPort, $"http://127.0.0.1:{nodePort}/signin-oidc", File("accounts.json"));
        try
        {
            return (node, provider, await SampleNode.StartAsync(node, client, "--no-samples", "--data", data, "--register", File("afnemers.json"),
                "--oidc", $"http://127.0.0.1:{providerPort}", "--oidc-client-id", "portaal", "--oidc-client-secret", "portaal-geheim-voor-tests"));
        }
        catch
        {
            provider.Kill(true);
            provider.Dispose();
            throw;
        }
    }

    /// <summary>Kills the node and the provider the test started, and waits until they are gone.</summary>
    private static async Task StopAsync(params Process[] processes)
    {
        foreach (var process in processes)
        {
            process.Kill(true);
            await process.WaitForExitAsync();
        }
    }

    private static string Api(ChromeDriver browser, string path) =>
        ((IJavaScriptExecutor)browser).ExecuteAsyncScript("const done = arguments[arguments.length - 1]; fetch(arguments[0]).then(r => r.text()).then(done, e => done('fout: ' + e));", path) as string ?? "";

    /// <summary>A record with a melding of the GMS of VR15 whose description (<see cref="Marker"/>) is special personal data.</summary>
    private string Record()
    {
        var data = Directory.CreateDirectory(File("data")).FullName;
        using (var ingest = new KnooppuntIngest(Path.Combine(data, "berichten.db")))
        {
            var melding = JsonNode.Parse(Standard.Newest.Find("voorbeelden/geldig/melding-woningbrand.json")!.Utf8.Span)!.AsObject();
            melding["omschrijving"] = Marker;
            ingest.Ingest(new JsonObject
            {
                ["specversion"] = "1.0", ["id"] = "GMS-1", ["source"] = "urn:nld:oin:00000099150000000010:systeem:GMS", ["type"] = "nl.veiligheidsregio.melding.v1", ["datacontenttype"] = "application/json", ["bewaartermijn"] = "P30D",
                ["time"] = DateTimeOffset.UtcNow.AddMinutes(-5).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                ["dataschema"] = $"{Standard.BaseUri}{Standard.Newest.Name}/schemas/melding.schema.json", ["subject"] = (string?)melding["id"],
                ["tlp"] = "TLP:AMBER", ["doelbinding"] = "incidentbestrijding", ["data"] = melding,
            });
        }

        return data;
    }

    [Fact]
    public async Task People_sign_in_through_the_provider_and_see_what_their_organisation_may_have()
    {
        var data = Record();

        System.IO.File.WriteAllText(File("afnemers.json"), """
            {"afnemers": [
              {"oin": "00000099150000000010", "naam": "VR15 meldkamer (GMS)", "organisatie": "00000099150000000000", "doelen": ["incidentbestrijding"]},
              {"oin": "00000099150000000001", "naam": "VR15 knooppunt", "organisatie": "00000099150000000000", "doelen": ["incidentbestrijding"], "persoonsgegevens": ["gewoon", "bijzonder"]},
              {"oin": "00000099150000000030", "naam": "VR15 GHOR", "organisatie": "00000099150000000000", "doelen": ["incidentbestrijding"], "persoonsgegevens": ["gewoon", "bijzonder"]},
              {"oin": "00000099150000000040", "naam": "VR15 kijker", "organisatie": "00000099150000000000", "doelen": ["incidentbestrijding"]}
            ]}
            """);
        System.IO.File.WriteAllText(File("accounts.json"), """
            {
              "ghor": {"oin": "00000099150000000030", "rol": "officier", "persoonsgegevens": "gewoon bijzonder"},
              "ghor-stagiair": {"oin": "00000099150000000030", "rol": "stagiair"},
              "kijker": {"oin": "00000099150000000040", "rol": "medewerker", "persoonsgegevens": "gewoon bijzonder"}
            }
            """);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var (node, provider, process) = await StartNodeAsync(client, data);
        using var _ = provider;
        using var __ = process;
        try
        {
            using (var anonymous = await client.GetAsync(new Uri(node, "/v1/situatiebeeld")))
            {
                Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            }

            string cookie;
            using (var ghor = PortalTests.Chromium())
            {
                SignIn(ghor, node, "ghor");
                var picture = Api(ghor, "/v1/situatiebeeld");
                output.WriteLine("ghor: " + picture);
                Assert.Contains(Marker, picture, StringComparison.Ordinal);
                cookie = ghor.Manage().Cookies.GetCookieNamed("knooppunt")!.Value;
                Assert.True(ghor.Manage().Cookies.GetCookieNamed("knooppunt")!.IsHttpOnly);

                // Signing out ends the session: the cookie copied before it is refused afterwards.
                using (var request = new HttpRequestMessage(HttpMethod.Get, new Uri(node, "/v1/situatiebeeld")))
                {
                    request.Headers.Add("Cookie", "knooppunt=" + cookie);
                    using var before = await client.SendAsync(request);
                    Assert.Equal(HttpStatusCode.OK, before.StatusCode);
                }

                // Signing out ends the session at the provider too: it asks to confirm, returns to the node, and the next
                // visit to the portal asks for the login again instead of signing the person in silently.
                ghor.Navigate().GoToUrl(new Uri(node, "/afmelden"));
                var wait = new WebDriverWait(ghor, TimeSpan.FromSeconds(20));
                wait.Until(d => d.FindElements(By.CssSelector("button[name=logout]")).Count > 0);
                ghor.FindElement(By.CssSelector("button[name=logout]")).Click();
                wait.Until(d => d.Url.StartsWith(new Uri(node, "/afgemeld").ToString(), StringComparison.Ordinal));
                ghor.Navigate().GoToUrl(node);
                wait.Until(d => d.FindElements(By.Name("login")).Count > 0);
            }

            using (var replay = new HttpRequestMessage(HttpMethod.Get, new Uri(node, "/v1/situatiebeeld")))
            {
                replay.Headers.Add("Cookie", "knooppunt=" + cookie);
                using var after = await client.SendAsync(replay);
                Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
            }

            // A person never has more than their organisation (the viewer's has no rights to personal data, whatever the
            // person's claims say), and may have less (a trainee of the GHOR without the claim).
            foreach (var login in new[] { "kijker", "ghor-stagiair" })
            {
                using var viewer = PortalTests.Chromium();
                SignIn(viewer, node, login);
                var minimised = Api(viewer, "/v1/situatiebeeld");
                output.WriteLine($"{login}: {minimised}");
                Assert.Contains("MK15-2026-112233", minimised, StringComparison.Ordinal);
                Assert.DoesNotContain(Marker, minimised, StringComparison.Ordinal);
                Assert.DoesNotContain(Marker, viewer.PageSource, StringComparison.Ordinal);
            }

            // The GHOR officer's reads are in the processing log, with the person.
            using var log = new MessageLog(Path.Combine(data, "berichten.db"));
            var read = JsonNode.Parse(log.Processing()[0])!["attributes"]!;
            Assert.Equal(("00000099150000000030", "ghor"), ((string?)read["vr.afnemer"], (string?)read["vr.persoon"]));
        }
        finally
        {
            await StopAsync(process, provider);
        }
    }

    [Fact]
    public async Task The_chair_grants_a_doorbraak_on_the_portal_and_another_sites_page_cannot()
    {
        var data = Record();
        const string Viewer = "00000099150000000040";
        System.IO.File.WriteAllText(File("afnemers.json"), $$"""
            {"afnemers": [
              {"oin": "00000099150000000000", "naam": "Veiligheidsregio 15", "doelen": ["incidentbestrijding"], "persoonsgegevens": ["gewoon", "bijzonder"]},
              {"oin": "00000099150000000010", "naam": "VR15 meldkamer (GMS)", "organisatie": "00000099150000000000", "doelen": ["incidentbestrijding"]},
              {"oin": "00000099150000000001", "naam": "VR15 knooppunt", "organisatie": "00000099150000000000", "doelen": ["incidentbestrijding"], "persoonsgegevens": ["gewoon", "bijzonder"]},
              {"oin": "{{Viewer}}", "naam": "VR15 kijker", "organisatie": "00000099150000000000", "doelen": ["incidentbestrijding"]}
            ]}
            """);
        System.IO.File.WriteAllText(File("accounts.json"), $$"""
            {
              "voorzitter": {"oin": "00000099150000000000", "rol": "voorzitter", "persoonsgegevens": "gewoon bijzonder"},
              "kijker": {"oin": "{{Viewer}}", "rol": "medewerker", "persoonsgegevens": "gewoon bijzonder"}
            }
            """);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var (node, provider, process) = await StartNodeAsync(client, data);
        using var _ = provider;
        using var __ = process;

        // Another site's page (same site, another origin: the session cookie goes along) with a form that posts a grant
        // as text/plain, so that its body reads as JSON.
        await using var attacker = await Kestrel.StartAsync(app => app.MapGet("/", context =>
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            return context.Response.WriteAsync($$"""
                <!DOCTYPE html><html><body>
                <form method="post" action="{{node}}doorbraken" enctype="text/plain">
                <input type="hidden" name='{"afnemers":["{{Viewer}}"],"doel":"incidentbestrijding","persoonsgegevens":["gewoon","bijzonder"],"uren":72,"reden":"x","y":"' value='"}'>
                <button type="submit" id="verstuur">Verstuur</button></form></body></html>
                """);
        }));
        try
        {
            using var chair = PortalTests.Chromium();
            SignIn(chair, node, "voorzitter");
            var wait = new WebDriverWait(chair, TimeSpan.FromSeconds(20));
            Assert.True(chair.FindElement(By.Id("verlenen")).Displayed);
            Assert.False(chair.FindElement(By.Id("doorbraken")).Displayed);

            // The forged post is refused, and nothing is granted.
            chair.Navigate().GoToUrl(attacker.Address);
            chair.FindElement(By.Id("verstuur")).Click();
            wait.Until(d => d.Url.StartsWith(node.ToString(), StringComparison.Ordinal) && d.PageSource.Contains("status", StringComparison.Ordinal));
            output.WriteLine("forged: " + chair.FindElement(By.TagName("body")).Text);
            Assert.Contains("403", chair.FindElement(By.TagName("body")).Text, StringComparison.Ordinal);
            chair.Navigate().GoToUrl(node);
            wait.Until(d => d.FindElements(By.CssSelector("body[data-geladen]")).Count > 0);
            Assert.Empty(JsonNode.Parse(Api(chair, "/v1/doorbraken"))!["doorbraken"]!.AsArray());

            // On the portal the chair opens the melding's personal data to the viewer for two hours.
            chair.FindElement(By.CssSelector("#verlenen summary")).Click();
            chair.FindElement(By.Id("db-afnemers")).SendKeys(Viewer);
            foreach (var kind in chair.FindElements(By.CssSelector("input[name=persoonsgegevens]")).Take(2))
            {
                kind.Click();
            }

            var hours = chair.FindElement(By.Id("db-uren"));
            hours.Clear();
            hours.SendKeys("2");
            chair.FindElement(By.Id("db-reden")).SendKeys("Evacuatie van een verpleeghuis: de kijker coördineert het vervoer.");
            chair.FindElement(By.Id("db-verlenen")).Click();
            wait.Until(d => d.FindElement(By.Id("db-uitkomst")).Text.Length > 0);
            output.WriteLine("granted: " + chair.FindElement(By.Id("db-uitkomst")).Text);
            Assert.StartsWith("Doorbraak ", chair.FindElement(By.Id("db-uitkomst")).Text, StringComparison.Ordinal);
            Assert.True(chair.FindElement(By.Id("doorbraken")).Displayed);
            var grant = Assert.Single(JsonNode.Parse(Api(chair, "/v1/doorbraken"))!["doorbraken"]!.AsArray())!;
            Assert.Equal(("voorzitter", Viewer, true), ((string?)grant["verleendDoor"], (string?)grant["afnemers"]![0], (bool)grant["actief"]!));

            // The viewer's organisation has no right to personal data; under the grant the viewer sees the description,
            // and the portal says a doorbraak is active.
            using (var viewer = PortalTests.Chromium())
            {
                SignIn(viewer, node, "kijker");
                Assert.Contains(Marker, Api(viewer, "/v1/situatiebeeld/geojson"), StringComparison.Ordinal);
                var banner = viewer.FindElement(By.Id("doorbraken"));
                Assert.True(banner.Displayed);
                Assert.Contains("Evacuatie van een verpleeghuis", banner.Text, StringComparison.Ordinal);
                Assert.False(viewer.FindElement(By.Id("verlenen")).Displayed);
            }

            // The grant's report names the viewer's reads.
            var report = JsonNode.Parse(Api(chair, "/v1/doorbraken/" + (string)grant["id"]!))!["verslag"]!.AsArray();
            Assert.Equal("vr.verwerking.doorbraak", (string?)report[0]!["name"]);
            Assert.Contains(report.Skip(1), r => (string?)r!["attributes"]!["vr.persoon"] == "kijker" && (string?)r["attributes"]!["vr.grondslag"] == "doorbraak");
        }
        finally
        {
            await StopAsync(process, provider);
        }
    }

    [Fact]
    public async Task A_system_gets_a_token_with_private_key_jwt_and_reads_with_it_a_replayed_or_foreign_assertion_gets_none()
    {
        var data = Record();
        const string Gms = "00000099150000000010";
        const string Audience = "urn:vr:knooppunt:vr15";
        System.IO.File.WriteAllText(File("afnemers.json"), $$"""
            {"afnemers": [
              {"oin": "{{Gms}}", "naam": "VR15 meldkamer (GMS)", "organisatie": "00000099150000000000", "doelen": ["incidentbestrijding"]},
              {"oin": "00000099150000000001", "naam": "VR15 knooppunt", "organisatie": "00000099150000000000", "doelen": ["incidentbestrijding"], "persoonsgegevens": ["gewoon", "bijzonder"]}
            ]}
            """);
        System.IO.File.WriteAllText(File("accounts.json"), "{}");

        // The GMS registers its public key with the provider and keeps the private key; no secret is shared.
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var point = key.ExportParameters(false).Q;
        System.IO.File.WriteAllText(File("clients.json"), new JsonArray(new JsonObject
        {
            ["client_id"] = Gms,
            ["token_endpoint_auth_method"] = "private_key_jwt",
            ["token_endpoint_auth_signing_alg"] = "ES256",
            ["grant_types"] = new JsonArray("client_credentials"),
            ["response_types"] = new JsonArray(),
            ["redirect_uris"] = new JsonArray(),
            ["jwks"] = new JsonObject { ["keys"] = new JsonArray(new JsonObject { ["kty"] = "EC", ["crv"] = "P-256", ["kid"] = "gms-1", ["use"] = "sig", ["x"] = Base64Url(point.X!), ["y"] = Base64Url(point.Y!) }) },
        }).ToJsonString());
        var nodePort = NatsServer.FreePort();
        var providerPort = NatsServer.FreePort();
        var node = new Uri($"http://127.0.0.1:{nodePort}/");
        var issuer = $"http://127.0.0.1:{providerPort}";
        using var provider = await StartProviderAsync(providerPort, $"http://127.0.0.1:{nodePort}/signin-oidc", File("accounts.json"), File("clients.json"));
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var process = await SampleNode.StartAsync(node, client, "--no-samples", "--data", data, "--register", File("afnemers.json"), "--oauth", issuer, "--audience", Audience);
        try
        {
            var tokenEndpoint = (string)JsonNode.Parse(await client.GetStringAsync(issuer + "/.well-known/openid-configuration"))!["token_endpoint"]!;

            // RFC 7523: an assertion signed with the client's key, for the token endpoint, used once.
            string Assertion(System.Security.Cryptography.ECDsa signer)
            {
                var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
                var header = Base64Url(System.Text.Encoding.UTF8.GetBytes("""{"alg":"ES256","typ":"JWT","kid":"gms-1"}"""));
                var payload = Base64Url(System.Text.Encoding.UTF8.GetBytes(new JsonObject
                {
                    ["iss"] = Gms, ["sub"] = Gms, ["aud"] = tokenEndpoint, ["jti"] = Guid.NewGuid().ToString("N"), ["iat"] = now, ["exp"] = now + 60,
                }.ToJsonString()));
                return $"{header}.{payload}.{Base64Url(signer.SignData(System.Text.Encoding.ASCII.GetBytes(header + "." + payload), System.Security.Cryptography.HashAlgorithmName.SHA256))}";
            }

            async Task<(HttpStatusCode Status, JsonNode? Body)> TokenAsync(string assertion)
            {
                using var form = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["grant_type"] = "client_credentials",
                    ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                    ["client_assertion"] = assertion,
                    ["resource"] = Audience,
                    ["scope"] = "vr",
                });
                using var response = await client.PostAsync(tokenEndpoint, form);
                return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync()));
            }

            var assertion = Assertion(key);
            var (status, token) = await TokenAsync(assertion);
            output.WriteLine($"token: {status} {token}");
            Assert.Equal(HttpStatusCode.OK, status);
            var accessToken = (string)token!["access_token"]!;
            Assert.Equal(3, accessToken.Split('.').Length);

            // The node takes the JWT access token: the client_id is the caller's OIN, an afnemer of its register.
            using (var request = new HttpRequestMessage(HttpMethod.Get, new Uri(node, "/v1/situatiebeeld")))
            {
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
                using var read = await client.SendAsync(request);
                var body = await read.Content.ReadAsStringAsync();
                Assert.Equal(HttpStatusCode.OK, read.StatusCode);
                Assert.Contains("MK15-2026-112233", body, StringComparison.Ordinal);
                Assert.DoesNotContain(Marker, body, StringComparison.Ordinal);
            }

            // The same assertion again, and one signed with a key the provider does not know: no token.
            using var stranger = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
            foreach (var (what, refused) in new[] { ("replayed", assertion), ("foreign key", Assertion(stranger)) })
            {
                var (refusedStatus, error) = await TokenAsync(refused);
                output.WriteLine($"{what}: {refusedStatus} {error}");
                Assert.Equal(HttpStatusCode.Unauthorized, refusedStatus);
                Assert.Equal("invalid_client", (string?)error!["error"]);
            }
        }
        finally
        {
            await StopAsync(process, provider);
        }
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
