using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Vr.Standaarden.Spec;
using Vr.Standaarden.Testing;
using Vr.Standaarden.Uitwisseling;
using Vr.Standaarden.Uitwisseling.Tests;
using Xunit.Abstractions;

namespace Vr.Standaarden.Knooppunt.Tests;

/// <summary>
/// The sample node behind mutual TLS, with a PKI made by the test: who is not known is refused at the handshake, who is
/// not in the register gets 403, a message is taken only from its source, and every read is what the register lets the
/// caller have.
/// </summary>
public sealed class ToegangTests(ITestOutputHelper output) : IDisposable
{
    private const string Gms15 = "00000099150000000010";
    private const string Lcms15 = "00000099150000000020";
    private const string Gms01 = "00000099010000000010";
    private const string Stranger = "00000001234567890000";
    private readonly string _folder = Directory.CreateTempSubdirectory("vr-toegang-").FullName;
    private readonly (X509Certificate2 Root, X509Certificate2 Intermediate) _pki = TestPki.Authority("Toegang");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, true);
    }

    private string File(string name) => Path.Combine(_folder, name);

    /// <summary>A TLS client certificate of <paramref name="oin"/> from <paramref name="issuer"/>, valid from <paramref name="from"/> to <paramref name="until"/>.</summary>
    private static X509Certificate2 Client(X509Certificate2 issuer, string oin, DateTimeOffset? from = null, DateTimeOffset? until = null)
    {
        var leaf = TestPki.Leaf(issuer, oin, ECDsa.Create(ECCurve.NamedCurves.nistP256), from, until);
        // Export and import: the TLS stack on Linux wants a certificate whose key it can use, not an ephemeral pair.
        return X509CertificateLoader.LoadPkcs12(leaf.Export(X509ContentType.Pkcs12, "t"), "t");
    }

    private HttpClient Caller(X509Certificate2? certificate) => new(new SocketsHttpHandler
    {
        SslOptions = new SslClientAuthenticationOptions
        {
            ClientCertificates = certificate is null ? null : new X509CertificateCollection { certificate },
            LocalCertificateSelectionCallback = certificate is null ? null : (_, _, _, _, _) => certificate,
            RemoteCertificateValidationCallback = (_, server, _, _) => server is not null && KnooppuntAccess.ValidateClientCertificate(new X509Certificate2(server), null, [_pki.Root]),
        },
    })
    { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>The server's certificate for 127.0.0.1 and the anchors, as files for the node's options.</summary>
    private void WritePki()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1, O=Test, C=NL", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var server = request.Create(_pki.Root, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30), RandomNumberGenerator.GetBytes(8));
        System.IO.File.WriteAllText(File("server.pem"), server.ExportCertificatePem());
        System.IO.File.WriteAllText(File("server.key"), key.ExportPkcs8PrivateKeyPem());
        System.IO.File.WriteAllText(File("anchors.pem"), _pki.Root.ExportCertificatePem());
    }

    /// <summary>The incident example from <paramref name="oin"/>'s GMS, made now, signed by a certificate of that OIN.</summary>
    private byte[] Signed(string oin, string id)
    {
        var message = JsonNode.Parse(Standard.Newest.Find("voorbeelden/geldig/bericht-incident-envelop.json")!.Utf8.Span)!.AsObject();
        message["source"] = $"urn:nld:oin:{oin}:systeem:GMS";
        message["id"] = id;
        message["time"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        message["expirytime"] = DateTimeOffset.UtcNow.AddDays(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        message["data"]!["id"] = "INC-" + id;
        message["subject"] = "INC-" + id;
        var signer = new MessageSigner(TestPki.Leaf(_pki.Root, oin, ECDsa.Create(ECCurve.NamedCurves.nistP256)), []);
        return signer.Sign(Encoding.UTF8.GetBytes(message.ToJsonString()));
    }

    private static async Task<(HttpStatusCode Status, JsonNode? Body)> Post(HttpClient client, Uri address, byte[] message)
    {
        using var content = new ByteArrayContent(message);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/cloudevents+json");
        using var response = await client.PostAsync(new Uri(address, "/v1/berichten"), content);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 ? JsonNode.Parse(text) : null);
    }

    [Fact]
    public async Task Behind_mutual_tls_only_known_callers_get_in_and_each_reads_what_the_register_lets_it_have()
    {
        WritePki();
        var address = new Uri($"https://127.0.0.1:{NatsServer.FreePort()}");
        using var gms15 = Caller(Client(_pki.Root, Gms15));
        using var node = await SampleNode.StartAsync(address, gms15, "--no-samples", "--data", File("data"),
            "--https-cert", File("server.pem"), "--https-key", File("server.key"), "--trust", File("anchors.pem"), "--mtls");
        var refused = new List<string>();
        try
        {
            // A message from the GMS of VR15, delivered by that GMS: accepted. The same GMS delivering VR01's message: 403.
            var accepted = await Post(gms15, address, Signed(Gms15, "GMS-1"));
            Assert.True(accepted.Status == HttpStatusCode.Created, accepted.Body?.ToJsonString());
            var (status, problem) = await Post(gms15, address, Signed(Gms01, "GMS-2"));
            Assert.Equal((HttpStatusCode.Forbidden, AccessCodes.NotTheSource), (status, (string?)problem!["code"]));
            Assert.Contains($"the caller is OIN {Gms15}", (string?)problem["detail"], StringComparison.Ordinal);
            refused.Add("a valid certificate delivering a message of another OIN: 403 " + AccessCodes.NotTheSource);

            // The LCMS of VR15 (same organisation) sees the incident; the GMS of VR01 (TLP:AMBER of another region) sees
            // nothing, and its count says so.
            using var lcms15 = Caller(Client(_pki.Root, Lcms15));
            var own = JsonNode.Parse(await lcms15.GetStringAsync(new Uri(address, "/v1/situatiebeeld")))!;
            Assert.Equal(["INC-GMS-1"], own["incidenten"]!.AsArray().Select(i => (string?)i!["id"]));
            using var gms01 = Caller(Client(_pki.Root, Gms01));
            var other = JsonNode.Parse(await gms01.GetStringAsync(new Uri(address, "/v1/situatiebeeld")))!;
            Assert.Empty(other["incidenten"]!.AsArray());
            Assert.Equal(0, (int)JsonNode.Parse(await gms01.GetStringAsync(new Uri(address, "/v1/gezondheid")))!["incidenten"]!);
            using (var hidden = await gms01.GetAsync(new Uri(address, "/v1/incidenten/INC-GMS-1")))
            {
                Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
            }

            Assert.Empty(JsonNode.Parse(await gms01.GetStringAsync(new Uri(address, "/v1/situatiebeeld/geojson")))!["features"]!.AsArray());

            // Every answer carries the security headers; HSTS over HTTPS.
            using (var answer = await lcms15.GetAsync(new Uri(address, "/")))
            {
                var policy = string.Join(' ', answer.Headers.GetValues("Content-Security-Policy"));
                Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
                Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
                Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
                Assert.Equal("nosniff", answer.Headers.GetValues("X-Content-Type-Options").Single());
                Assert.StartsWith("max-age=", answer.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
            }

            // One caller sending 1,000 requests at once is held back; another caller is still served.
            var answers = await Task.WhenAll(Enumerable.Range(0, 1000).Select(async _ =>
            {
                using var response = await lcms15.GetAsync(new Uri(address, "/v1/gezondheid"));
                return response.StatusCode;
            }));
            var limited = answers.Count(a => a == HttpStatusCode.TooManyRequests);
            output.WriteLine($"one caller, 1,000 requests at once: {answers.Count(a => a == HttpStatusCode.OK)} answered, {limited} answered 429");
            Assert.InRange(limited, 1, 1000);
            Assert.All(answers, a => Assert.True(a is HttpStatusCode.OK or HttpStatusCode.TooManyRequests, a.ToString()));
            using (var served = await gms01.GetAsync(new Uri(address, "/v1/gezondheid")))
            {
                Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            }

            refused.Add($"one caller flooding with 1,000 requests: {limited} answered 429, another caller served");

            // A trusted certificate of an OIN the register does not know: 403 on every read.
            using var stranger = Caller(Client(_pki.Root, Stranger));
            foreach (var path in new[] { "/v1/situatiebeeld", "/v1/incidenten/INC-GMS-1", "/v1/situatiebeeld/geojson" })
            {
                using var response = await stranger.GetAsync(new Uri(address, path));
                Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            }

            refused.Add("a trusted certificate of an OIN not in the register: 403 on every read");

            // Not known at all: refused at the handshake.
            var elsewhere = TestPki.Authority("Elders");
            foreach (var (name, client) in new[]
            {
                ("no certificate", Caller(null)),
                ("a certificate of another root", Caller(Client(elsewhere.Root, Gms15))),
                ("an expired certificate", Caller(Client(_pki.Root, Gms15, DateTimeOffset.UtcNow.AddYears(-2), DateTimeOffset.UtcNow.AddDays(-1)))),
            })
            {
                using (client)
                {
                    var error = await Assert.ThrowsAnyAsync<Exception>(() => client.GetStringAsync(new Uri(address, "/v1/situatiebeeld")));
                    Assert.True(error is HttpRequestException or IOException or TaskCanceledException, error.ToString());
                    refused.Add($"{name}: refused at the TLS handshake");
                }
            }

            // vr send with the GMS's certificate and key: acknowledged; without them: not.
            var gmsKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var gmsCertificate = TestPki.Leaf(_pki.Root, Gms15, gmsKey);
            System.IO.File.WriteAllText(File("gms.pem"), gmsCertificate.ExportCertificatePem());
            System.IO.File.WriteAllText(File("gms.key"), gmsKey.ExportPkcs8PrivateKeyPem());
            System.IO.File.WriteAllBytes(File("bericht.json"), Signed(Gms15, "GMS-3"));
            var (sent, sendOutput) = await Vr(new Uri(address, "/v1/berichten").ToString(), File("bericht.json"), "--client-cert", File("gms.pem"), "--client-key", File("gms.key"), "--timeout", "5");
            Assert.True(sent == 0, sendOutput);
            Assert.Contains("acknowledged", sendOutput, StringComparison.Ordinal);
            var (unsent, unsentOutput) = await Vr(new Uri(address, "/v1/berichten").ToString(), File("bericht.json"), "--timeout", "2");
            Assert.Equal(1, unsent);
            Assert.True(unsentOutput.Contains("failed", StringComparison.Ordinal), unsentOutput);
            refused.Add("vr send without --client-cert: failed (no handshake)");

            foreach (var line in refused)
            {
                output.WriteLine(line);
            }
        }
        finally
        {
            node.Kill(true);
            await node.WaitForExitAsync();
        }
    }

    /// <summary>Runs <c>vr send</c> with the test's root as the one the server's certificate must chain to (SSL_CERT_FILE).</summary>
    private Task<(int ExitCode, string Output)> Vr(params string[] arguments) =>
        SampleNode.RunDllAsync(SampleNode.VrDll(), ["send", .. arguments], TimeSpan.FromSeconds(60), new Dictionary<string, string> { ["SSL_CERT_FILE"] = File("anchors.pem") });

    [Fact]
    public async Task Without_access_control_the_node_will_not_listen_beyond_loopback_and_says_it_is_open()
    {
        var (code, text) = await SampleNode.RunAsync("--data", File("data"), "--urls", "http://0.0.0.0:5099", "--no-samples");
        Assert.Equal(2, code);
        Assert.Contains("not a loopback address", text, StringComparison.Ordinal);
        Assert.Contains("--mtls", text, StringComparison.Ordinal);

        var address = new Uri($"http://127.0.0.1:{NatsServer.FreePort()}");
        using var client = new HttpClient();
        using var node = await SampleNode.StartAsync(address, client, "--no-samples", "--data", File("open"));
        try
        {
            var health = JsonNode.Parse(await client.GetStringAsync(new Uri(address, "/v1/gezondheid")))!;
            Assert.Equal("open — alleen lokaal", (string?)health["toegang"]);
        }
        finally
        {
            node.Kill(true);
            await node.WaitForExitAsync();
        }
    }

    [Fact]
    public void Reading_and_forwarding_give_the_same_decision_for_every_caller_and_message()
    {
        const string Holder = "00000004000000042000";
        const string HolderOrg = "00000001823288444000";
        var callers = new[] { "00000004000000011111", "00000004000000022222", "00000004000000033333", "00000004000000044444", "00000004000000055555" };
        var register = RecipientRegister.Parse(Encoding.UTF8.GetBytes($$"""
            {"afnemers": [
              {"oin": "{{Holder}}", "naam": "Meldkamer", "organisatie": "{{HolderOrg}}", "gemeenschappen": ["VR15"], "doelen": ["incidentbestrijding"]},
              {"oin": "{{callers[0]}}", "naam": "Eigen organisatie", "organisatie": "{{HolderOrg}}", "gemeenschappen": ["VR15"], "doelen": ["incidentbestrijding", "crisisbeheersing"], "persoonsgegevens": ["gewoon"]},
              {"oin": "{{callers[1]}}", "naam": "Klant", "klantVan": ["{{HolderOrg}}"], "doelen": ["incidentbestrijding"]},
              {"oin": "{{callers[2]}}", "naam": "Gemeenschap", "gemeenschappen": ["VR15"], "doelen": ["crisisbeheersing"]},
              {"oin": "{{callers[3]}}", "naam": "Buitenstaander", "gemeenschappen": ["VR01"], "doelen": ["incidentbestrijding"]},
              {"oin": "{{callers[4]}}", "naam": "Ander doel", "klantVan": ["{{HolderOrg}}"], "doelen": ["evaluatie"]}
            ]}
            """));
        var policy = new SharingPolicy(register);
        using var ingest = new KnooppuntIngest(File("tabel.db"));
        var messages = new List<JsonObject>();
        var n = 0;
        foreach (var tlp in new[] { "TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED" })
        {
            foreach (var purpose in new[] { "incidentbestrijding", "crisisbeheersing", "evaluatie" })
            {
                n++;
                var message = TestIncidents.Message($"urn:nld:oin:{Holder}:systeem:GMS", n, DateTimeOffset.UtcNow.AddMinutes(-n), d => d["id"] = $"INC-15-2026-{n:0000}");
                message["subject"] = $"INC-15-2026-{n:0000}";
                message["tlp"] = tlp;
                message["doelbinding"] = purpose;
                message.Remove("expirytime");
                if (tlp == "TLP:RED")
                {
                    message["ontvangers"] = $"urn:nld:oin:{callers[1]}";
                }

                messages.Add(message);
            }
        }

        ingest.IngestMany(messages);
        var table = new StringBuilder();
        foreach (var caller in callers)
        {
            var seen = ingest.ReadAs(register.Find(caller)!, policy, null, "test", p => p.IncidentIds.ToHashSet(StringComparer.Ordinal));
            foreach (var message in messages)
            {
                var forwarded = policy.Decide(Encoding.UTF8.GetBytes(message.ToJsonString()), caller).Verdict != SharingVerdict.Refuse;
                var id = (string)message["data"]!["id"]!;
                Assert.True(forwarded == seen.Contains(id), $"{caller} {message["tlp"]} {message["doelbinding"]}: forwarded {forwarded}, read {seen.Contains(id)}");
                table.Append(forwarded ? 'x' : '.');
            }

            table.Append(' ');
            Assert.Equal(seen.Count, ingest.ReadAs(register.Find(caller)!, policy, null, "test", p => p.IncidentCount));
        }

        output.WriteLine(table.ToString());
        // The table is not trivial: some callers see some messages and not others.
        Assert.Contains('x', table.ToString());
        Assert.Contains('.', table.ToString());
    }
}
