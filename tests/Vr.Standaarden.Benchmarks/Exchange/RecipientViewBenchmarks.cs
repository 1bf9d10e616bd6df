using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Vr.Standaarden.Knooppunt;
using Vr.Standaarden.Spec;
using Vr.Standaarden.Uitwisseling;

namespace Vr.Standaarden.Benchmarks.Exchange;

/// <summary>
/// A caller's read of the live picture on a secured node, right after a new message, with 10,000 messages about 2,000
/// incidents in the record: the caller's kept view takes in the one new message (<see cref="KeptViewAfterOneMessage"/>),
/// read as a ratio against making the caller's picture from the whole record, as a read at a moment does
/// (<see cref="WholeRecord"/>, the baseline: what every such read cost before views were kept).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 15)]
public class RecipientViewBenchmarks
{
    private const int Messages = 10_000;
    private const string Caller = "00000099150000000020";
    private KnooppuntIngest _ingest = null!;
    private SharingPolicy _policy = null!;
    private Recipient _caller = null!;
    private JsonObject _template = null!;
    private string _folder = "";
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _template = JsonNode.Parse(Standard.Newest.Find("voorbeelden/geldig/bericht-incident-envelop.json")!.Utf8.Span)!.AsObject();
        _template["source"] = "urn:nld:oin:00000099150000000010:systeem:GMS";
        _template.Remove("expirytime");
        var register = RecipientRegister.Parse(Encoding.UTF8.GetBytes($$"""
            {"afnemers": [
              {"oin": "00000099150000000010", "naam": "GMS", "doelen": ["incidentbestrijding"]},
              {"oin": "{{Caller}}", "naam": "Politie", "klantVan": ["00000099150000000010"], "doelen": ["incidentbestrijding", "crisisbeheersing"], "persoonsgegevens": ["gewoon"]}
            ]}
            """));
        _policy = new SharingPolicy(register);
        _caller = register.Find(Caller)!;
        _folder = Directory.CreateTempSubdirectory("vr-bench-views-").FullName;
        _ingest = new KnooppuntIngest(Path.Combine(_folder, "berichten.db"));
        foreach (var batch in Enumerable.Range(0, Messages).Select(Message).Chunk(500))
        {
            _ingest.IngestMany(batch);
        }

        _next = Messages;
        Console.WriteLine($"// {_ingest.Log.Count} messages, {_ingest.Read(p => p.IncidentCount)} incidents");
    }

    private JsonObject Message(int i)
    {
        var message = _template.DeepClone().AsObject();
        var id = $"INC-15-2026-{i % 2000:D4}";
        message["id"] = $"view-{i:D6}";
        message["time"] = new DateTimeOffset(2026, 11, 20, 20, 0, 0, TimeSpan.FromHours(1)).AddSeconds(i).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
        message["subject"] = id;
        message["correlationid"] = id;
        message["data"]!["id"] = id;
        return message;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _ingest.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, true);
    }

    /// <summary>The caller's picture made from the whole record.</summary>
    [Benchmark(Baseline = true)]
    public int WholeRecord() => _ingest.ReadAs(_caller, _policy, DateTimeOffset.MaxValue.AddYears(-1), "benchmark", p => p.IncidentCount);

    /// <summary>One new message recorded, then the caller's live picture read: its kept view takes in that message.</summary>
    [Benchmark]
    public int KeptViewAfterOneMessage()
    {
        _ingest.Ingest(Message(_next++));
        return _ingest.ReadAs(_caller, _policy, null, "benchmark", p => p.IncidentCount);
    }
}
