using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Vr.Standaarden.Koppelvlakken;
using Vr.Standaarden.Testing;
using Vr.Standaarden.Transport;
using Vr.Standaarden.Transport.Http;
using Vr.Standaarden.Transport.Tests.Http;
using Vr.Standaarden.Uitwisseling;
using Vr.Standaarden.Uitwisseling.Tests;
using Xunit.Abstractions;

namespace Vr.Standaarden.Knooppunt.Tests;

/// <summary>The conformance kit against the sample node and against receivers with a defect planted in each.</summary>
public sealed class ConformanceTests(ITestOutputHelper output) : IDisposable
{
    private const string Node = "00000099150000000001";
    private const string Gms = "00000099150000000010";
    private static readonly (X509Certificate2 Root, X509Certificate2 Intermediate) Pki = TestPki.Authority("Conformance");
    private readonly string _folder = Directory.CreateTempSubdirectory("vr-conformance-").FullName;

    public void Dispose() => Directory.Delete(_folder, true);

    private string File(string name) => Path.Combine(_folder, name);

    /// <summary>The leaf certificate of the GMS with its key, and the files the tool reads (chain and key in PEM).</summary>
    private X509Certificate2 Certificate()
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var leaf = TestPki.Leaf(Pki.Intermediate, Gms, key);
        System.IO.File.WriteAllText(File("gms.pem"), leaf.ExportCertificatePem() + "\n" + Pki.Intermediate.ExportCertificatePem());
        System.IO.File.WriteAllText(File("gms.key"), key.ExportPkcs8PrivateKeyPem());
        System.IO.File.WriteAllText(File("anchors.pem"), Pki.Root.ExportCertificatePem());
        return leaf;
    }

    [Fact]
    public async Task The_sample_node_with_trust_passes_every_check_and_the_tool_reports_it_as_the_contract_says()
    {
        Certificate();
        var address = new Uri($"http://127.0.0.1:{NatsServer.FreePort()}");
        using var client = new HttpClient();
        using var node = await SampleNode.StartAsync(address, client, "--no-samples", "--data", File("data"), "--trust", File("anchors.pem"));
        try
        {
            var (code, text) = await Vr("conformance", address.ToString(), "--role", "knooppunt", "--client-cert", File("gms.pem"), "--client-key", File("gms.key"), "--report", "json");
            output.WriteLine(text);
            Assert.Equal(0, code);
            var report = JsonNode.Parse(text)!.AsObject();
            Assert.Equal(["role", "release", "checks", "passed", "failed", "skipped"], report.Select(p => p.Key));
            Assert.Equal("knooppunt", (string?)report["role"]);
            Assert.Equal(global::Vr.Standaarden.Spec.Standard.Newest.Name, (string?)report["release"]);
            var checks = report["checks"]!.AsArray();
            Assert.All(checks, c => Assert.Equal(["id", "requirement", "result", "detail"], c!.AsObject().Select(p => p.Key)));
            Assert.Equal(0, (int)report["failed"]!);
            Assert.Equal(checks.Count, (int)report["passed"]! + (int)report["skipped"]!);
            Assert.Equal(checks.Count(c => (string?)c!["result"] == "pass"), (int)report["passed"]!);
            Assert.True((int)report["passed"]! >= 17, text);
            Assert.Equal(0, (int)report["skipped"]!);

            // Every requirement is stated in spec/conformance.md under its own anchor.
            var requirements = System.IO.File.ReadAllText(Path.Combine(ConformanceSuites.RepositoryRoot, "spec", "conformance.md"));
            Assert.All(checks, c => Assert.Contains($"<a id=\"{((string)c!["requirement"]!).Split('#')[1]}\"></a>", requirements, StringComparison.Ordinal));

            // The same node without signatures checked is not conformant, and the tool says where.
            var (junitCode, junit) = await Vr("conformance", address.ToString(), "--role", "knooppunt", "--report", "junit", "-o", File("rapport.xml"));
            Assert.Equal(0, junitCode);
            Assert.Contains("0 failed", junit, StringComparison.Ordinal);
            Assert.Contains("<testsuite name=\"vr conformance knooppunt", System.IO.File.ReadAllText(File("rapport.xml")), StringComparison.Ordinal);
        }
        finally
        {
            node.Kill(true);
            await node.WaitForExitAsync();
        }

        using var open = await SampleNode.StartAsync(address, client, "--no-samples", "--data", File("data-open"));
        try
        {
            var (code, text) = await Vr("conformance", address.ToString(), "--role", "knooppunt", "--report", "text");
            output.WriteLine(text);
            Assert.Equal(1, code);
            Assert.Contains("FAIL ON-05", text, StringComparison.Ordinal);
            Assert.Contains("FAIL ON-06", text, StringComparison.Ordinal);
        }
        finally
        {
            open.Kill(true);
            await open.WaitForExitAsync();
        }

        var (unreachable, why) = await Vr("conformance", address.ToString(), "--role", "knooppunt");
        Assert.Equal(2, unreachable);
        Assert.Contains("cannot be reached", why, StringComparison.Ordinal);
        Assert.Equal(2, (await Vr("conformance", address.ToString(), "--role", "beheerder")).ExitCode);
        Assert.Equal(2, (await Vr("conformance", "ftp://127.0.0.1/", "--role", "knooppunt")).ExitCode);
    }

    public enum Defect
    {
        None,
        AcceptsInvalidMessages,
        AnswersGarbageWith200,
        IgnoresDuplicates,
        LeaksTlpRed,
        ReturnsTextErrors,
        DropsTheVersionHeader,
        ChecksNoSignatures,
        AnswersOffContract,
        RefusesTerugmeldingen,
        NoSizeLimit,
    }

    public static TheoryData<Defect, string> Defects() => new()
    {
        { Defect.AcceptsInvalidMessages, "ON-02" },
        { Defect.AnswersGarbageWith200, "ON-11" },
        { Defect.IgnoresDuplicates, "ON-07" },
        { Defect.LeaksTlpRed, "DB-01" },
        { Defect.ReturnsTextErrors, "KV-03" },
        { Defect.DropsTheVersionHeader, "KV-02" },
        { Defect.ChecksNoSignatures, "ON-05" },
        { Defect.AnswersOffContract, "KV-04" },
        { Defect.RefusesTerugmeldingen, "TM-01" },
        { Defect.NoSizeLimit, "ON-08" },
    };

    [Fact]
    public async Task A_receiver_without_defects_passes_every_check_in_process()
    {
        var report = await RunAgainst(Defect.None);
        output.WriteLine(report.ToText());
        Assert.True(report.Failed == 0, report.ToText());
        Assert.True(report.Skipped == 0, report.ToText());
        Assert.True(report.Passed >= 17, report.ToText());
    }

    /// <summary>
    /// Each receiver is the defect-free one of <see cref="A_receiver_without_defects_passes_every_check_in_process"/>
    /// with one thing wrong, so a failing check is that defect's doing; other checks may see it too from their side (a
    /// missing header is also off the contract).
    /// </summary>
    [Theory]
    [MemberData(nameof(Defects))]
    public async Task Every_planted_defect_is_caught_by_the_check_meant_for_it(Defect defect, string check)
    {
        var report = await RunAgainst(defect);
        output.WriteLine(report.ToText());
        var meant = report.Checks.Single(c => c.Id == check);
        Assert.True(meant.Result == ConformanceResult.Fail, $"{check} did not catch {defect}: {meant.Detail}");

    }

    [Fact]
    public async Task A_webhook_receiver_is_checked_as_an_afnemer_without_the_knooppunts_reads()
    {
        var certificate = Certificate();
        var register = RecipientRegister.Parse(System.IO.File.ReadAllBytes(Path.Combine(ConformanceSuites.RepositoryRoot, "samples", "Knooppunt", "afnemers.json")));
        var verifier = new VerifierOptions();
        verifier.TrustAnchors.Add(Pki.Root);
        using var inbox = new Vr.Standaarden.Transport.Sqlite.SqliteInbox(File("afnemer.db"));
        var received = 0;
        var receiver = new MessageReceiver(new ReceiverOptions
        {
            Verifier = new MessageVerifier(verifier),
            Policy = new SharingPolicy(register),
            Recipient = Node,
            Inbox = inbox,
        }).HandleOther((_, _) =>
        {
            Interlocked.Increment(ref received);
            return ValueTask.CompletedTask;
        });
        await using var server = await Kestrel.StartAsync(app => app.MapMessageReceiver(KnooppuntRoutes.Berichten, receiver));
        using var client = new HttpClient();
        var options = new ConformanceOptions { Certificate = certificate };
        options.Chain.Add(Pki.Intermediate);
        var report = await new ConformanceKit(client, options).RunAsync(server.Address, ConformanceRole.Afnemer);
        output.WriteLine(report.ToText());
        Assert.True(report.Failed == 0, report.ToText());
        Assert.DoesNotContain(report.Checks, c => c.Id == "KV-01");
        Assert.Contains(report.Checks, c => c.Id == "DB-01" && c.Result == ConformanceResult.Pass);
        Assert.True(received >= 30, $"{received} messages handled");
    }

    private async Task<ConformanceReport> RunAgainst(Defect defect)
    {
        var certificate = Certificate();
        var register = RecipientRegister.Parse(System.IO.File.ReadAllBytes(Path.Combine(ConformanceSuites.RepositoryRoot, "samples", "Knooppunt", "afnemers.json")));
        using var ingest = new KnooppuntIngest(File($"{defect}.db"));
        var verifier = new VerifierOptions();
        verifier.TrustAnchors.Add(Pki.Root);
        var receiver = ingest.Attach(new MessageReceiver(new ReceiverOptions
        {
            Validation = defect == Defect.AcceptsInvalidMessages ? ValidationMode.Off : ValidationMode.Full,
            Verification = defect == Defect.ChecksNoSignatures ? VerificationMode.Off : VerificationMode.Required,
            Verifier = new MessageVerifier(verifier),
            Sharing = defect == Defect.LeaksTlpRed ? SharingMode.Off : SharingMode.Enforce,
            Policy = new SharingPolicy(register),
            Recipient = Node,
            Inbox = defect == Defect.IgnoresDuplicates ? null : ingest.Inbox,
            Deduplication = defect == Defect.IgnoresDuplicates ? DeduplicationMode.Off : DeduplicationMode.Inbox,
        }));
        await using var server = await Kestrel.StartAsync(app =>
        {
            app.Use(async (context, next) => await Plant(defect, context, next));
            app.MapKnooppunt(ingest, receiver, new KnooppuntEndpointOptions { Portal = false });
        });
        using var client = new HttpClient();
        var options = new ConformanceOptions { Certificate = certificate };
        options.Chain.Add(Pki.Intermediate);
        return await new ConformanceKit(client, options).RunAsync(server.Address, ConformanceRole.Knooppunt);
    }

    /// <summary>What each broken receiver does wrong, around the real one.</summary>
    private static async Task Plant(Defect defect, HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        switch (defect)
        {
            case Defect.AnswersGarbageWith200 when request.Method == "POST":
                request.EnableBuffering();
                var body = await new StreamReader(request.Body).ReadToEndAsync();
                request.Body.Position = 0;
                try
                {
                    JsonNode.Parse(body);
                }
                catch (System.Text.Json.JsonException)
                {
                    context.Response.StatusCode = 200;
                    context.Response.Headers["API-Version"] = "1.0.0";
                    await context.Response.WriteAsJsonAsync(new { status = "geaccepteerd" });
                    return;
                }

                break;
            case Defect.RefusesTerugmeldingen when request.Method == "POST":
                request.EnableBuffering();
                var message = await new StreamReader(request.Body).ReadToEndAsync();
                request.Body.Position = 0;
                if (message.Contains("nl.veiligheidsregio.terugmelding.v1", StringComparison.Ordinal))
                {
                    context.Response.StatusCode = 400;
                    context.Response.Headers["API-Version"] = "1.0.0";
                    context.Response.ContentType = "application/problem+json";
                    await context.Response.WriteAsync("""{"title":"Onbekend","status":400,"detail":"Terugmeldingen nemen wij niet aan.","code":"VR-EIGEN-001"}""");
                    return;
                }

                break;
            case Defect.NoSizeLimit when request.Method == "POST" && request.ContentLength > 16 * 1024 * 1024:
                await request.Body.CopyToAsync(Stream.Null);
                context.Response.StatusCode = 201;
                context.Response.Headers["API-Version"] = "1.0.0";
                await context.Response.WriteAsJsonAsync(new { status = "geaccepteerd" });
                return;
            case Defect.ReturnsTextErrors or Defect.DropsTheVersionHeader or Defect.AnswersOffContract:
                context.Response.OnStarting(() =>
                {
                    if (defect == Defect.DropsTheVersionHeader)
                    {
                        context.Response.Headers.Remove("API-Version");
                    }
                    else if (defect == Defect.ReturnsTextErrors && context.Response.StatusCode >= 400)
                    {
                        context.Response.ContentType = "text/plain";
                    }

                    return Task.CompletedTask;
                });
                if (defect == Defect.AnswersOffContract && request.Path == KnooppuntRoutes.Gezondheid)
                {
                    context.Response.Headers["API-Version"] = "1.0.0";
                    await context.Response.WriteAsJsonAsync(new { toestand = "goed" });
                    return;
                }

                break;
        }

        await next(context);
    }

    private static Task<(int ExitCode, string Output)> Vr(params string[] arguments) =>
        SampleNode.RunDllAsync(SampleNode.VrDll(), arguments, TimeSpan.FromSeconds(120));
}
