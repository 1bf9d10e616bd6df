using OpenTelemetry;
using OpenTelemetry.Trace;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vr.Standaarden.Uitwisseling.Tests;

[CollectionDefinition("audit", DisableParallelization = true)]
public sealed class AuditSequence;

/// <summary>Decisions land in a hash-chained audit file with the fields of Logboek dataverwerkingen; tampering is found.</summary>
[Collection("audit")]
public sealed class AuditLogTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("vr-audit-");

    public void Dispose() => _root.Delete(recursive: true);

    private static readonly byte[] Unsigned = Encoding.UTF8.GetBytes("""{"id":"m-1","source":"urn:nld:oin:00000004000000042000","time":"2026-11-20T21:42:00Z"}""");

    private static void Decide(int times)
    {
        var verifier = new MessageVerifier(new VerifierOptions());
        var policy = new SharingPolicy(RecipientRegister.Parse("""{"afnemers":[]}"""u8));
        for (var i = 0; i < times; i++)
        {
            verifier.Verify(Unsigned);
            policy.Decide(Unsigned, "00000004000000015000");
        }
    }

    [Fact]
    public void Each_decision_is_a_record_with_the_logboek_fields_and_the_chain_holds_across_reopening()
    {
        var path = Path.Combine(_root.FullName, "audit.jsonl");
        Accountability.ProcessingActivity = new Uri("https://vr15.example/verwerkingsregister/incidentbestrijding");
        try
        {
            using (var log = new AuditLog(path))
            {
                Decide(2);
            }

            var lines = File.ReadAllLines(path);
            Assert.Equal(4, lines.Length);
            var first = JsonNode.Parse(lines[0])!.AsObject();
            Assert.Equal(["seq", "prev", "trace_id", "span_id", "name", "status_code", "start_time", "end_time", "attributes"], first.Select(p => p.Key));
            Assert.Equal("vr.bericht.geweigerd", first["name"]!.GetValue<string>());
            Assert.Equal(2, first["status_code"]!.GetValue<int>());
            Assert.Equal(32, first["trace_id"]!.GetValue<string>().Length);
            Assert.Equal(16, first["span_id"]!.GetValue<string>().Length);
            Assert.Equal("https://vr15.example/verwerkingsregister/incidentbestrijding", first["attributes"]!["dpl.core.processing_activity_id"]!.GetValue<string>());
            Assert.Equal(SignatureCodes.Missing, first["attributes"]!["vr.code"]!.GetValue<string>());
            Assert.Equal("VR-DEEL-001", JsonNode.Parse(lines[1])!["attributes"]!["vr.codes"]!.GetValue<string>());

            using (new AuditLog(path))
            {
                Decide(1);
            }

            var verification = AuditLog.Verify(path);
            Assert.True(verification.IsIntact, verification.Problem);
            Assert.Equal(6, verification.Records);
        }
        finally
        {
            Accountability.ProcessingActivity = null;
        }
    }

    [Fact]
    public void A_record_altered_removed_or_inserted_breaks_the_chain_where_it_happened()
    {
        var path = Path.Combine(_root.FullName, "audit.jsonl");
        using (new AuditLog(path))
        {
            Decide(3);
        }

        var lines = File.ReadAllLines(path);
        void Check(string[] tampered, string expected)
        {
            File.WriteAllLines(path, tampered);
            var verification = AuditLog.Verify(path);
            Assert.False(verification.IsIntact);
            Assert.Contains(expected, verification.Problem, StringComparison.Ordinal);
            Assert.Throws<InvalidDataException>(() => new AuditLog(path));
        }

        Check([.. lines.Select((l, i) => i == 2 ? l.Replace("geweigerd", "verzonden", StringComparison.Ordinal) : l)], "line 4: prev does not match");
        Check([.. lines.Where((_, i) => i != 1)], "line 2: sequence 3 where 2 was expected");
        Check([lines[0], lines[1], lines[1], .. lines.Skip(2)], "line 3: sequence 2 where 3 was expected");
        Check([.. lines.Take(2), "{\"garbage\": true}"], "line 3: not an audit record");
    }

    [Fact]
    public void Concurrent_decisions_all_land_in_one_unbroken_chain()
    {
        var path = Path.Combine(_root.FullName, "audit.jsonl");
        using (new AuditLog(path))
        {
            Parallel.For(0, 50, _ => Decide(2));
        }

        var verification = AuditLog.Verify(path);
        Assert.True(verification.IsIntact, verification.Problem);
        Assert.Equal(200, verification.Records);
        Assert.Equal(200, File.ReadLines(path).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("span_id").GetString()).Distinct().Count());
    }
}

/// <summary>An OpenTelemetry tracer that adds the source collects every decision, with the Logboek attributes.</summary>
[Collection("audit")]
public sealed class OpenTelemetryTests
{
    [Fact]
    public void A_tracer_with_the_source_collects_the_decisions()
    {
        var exported = new List<System.Diagnostics.Activity>();
        Accountability.ProcessingActivity = new Uri("https://vr15.example/verwerkingsregister/incidentbestrijding");
        try
        {
            using (OpenTelemetry.Sdk.CreateTracerProviderBuilder().AddSource(Accountability.SourceName).AddInMemoryExporter(exported).Build())
            {
                new MessageVerifier(new VerifierOptions()).Verify("""{"id":"m-9","source":"urn:nld:oin:00000004000000042000"}"""u8);
                new SharingPolicy(RecipientRegister.Parse("""{"afnemers":[]}"""u8)).Decide("""{"id":"m-9","tlp":"TLP:CLEAR"}"""u8, "00000004000000015000");
            }

            Assert.Equal(["vr.bericht.geweigerd", "vr.bericht.geweigerd"], exported.Select(a => a.OperationName));
            Assert.All(exported, a => Assert.Equal("https://vr15.example/verwerkingsregister/incidentbestrijding", a.GetTagItem(Accountability.ProcessingActivityId)));
            Assert.Equal("m-9", exported[0].GetTagItem("vr.bericht.id"));
            Assert.Equal(SignatureCodes.Missing, exported[0].GetTagItem("vr.code"));
            Assert.Equal("VR-DEEL-001", exported[1].GetTagItem("vr.codes"));
            Assert.All(exported, a => Assert.Equal(System.Diagnostics.ActivityStatusCode.Error, a.Status));
        }
        finally
        {
            Accountability.ProcessingActivity = null;
        }
    }
}
