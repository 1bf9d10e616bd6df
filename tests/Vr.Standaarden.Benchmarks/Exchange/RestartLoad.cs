using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Vr.Standaarden.Knooppunt;
using Vr.Standaarden.Spec;

namespace Vr.Standaarden.Benchmarks.Exchange;

/// <summary>
/// A node at national scale (a load tool, not a BenchmarkDotNet class): a record of <c>--messages</c> incident messages
/// (1,000,000 by default) about <c>--incidents</c> incidents (100,000), each incident reported by three systems and
/// updated over time, written straight into the record; then the node is opened on it as after a restart. Reports how
/// long the node takes until it serves (the picture rebuilt) and what the process holds resident with the whole picture
/// in memory.
/// <c>dotnet run -c Release --project tests/Vr.Standaarden.Benchmarks -- restart [--messages 1000000] [--incidents 100000]</c>
/// </summary>
internal static class RestartLoad
{
    private static readonly string[] Systems = ["GMS", "LCMS", "BRWIS"];

    public static int Run(string[] args)
    {
        var messages = (int)Option(args, "--messages", 1_000_000);
        var incidents = (int)Option(args, "--incidents", 100_000);
        var folder = Directory.CreateTempSubdirectory("vr-restart-").FullName;
        var path = Path.Combine(folder, "berichten.db");
        try
        {
            var template = JsonNode.Parse(Standard.Release(Vr.Standaarden.Model.Messages.Release).Find("voorbeelden/geldig/bericht-incident-envelop.json")!.Utf8.Span)!.AsObject();
            template.Remove("expirytime");
            template["data"]!.AsObject().Remove("eenheden");
            var start = DateTimeOffset.UtcNow.AddDays(-1);
            var written = Stopwatch.StartNew();
            using (var log = new MessageLog(path))
            {
                for (var first = 0; first < messages; first += 2000)
                {
                    var batch = new List<JsonObject>(2000);
                    for (var i = first; i < Math.Min(messages, first + 2000); i++)
                    {
                        batch.Add(Message(template, i, incidents, start));
                    }

                    log.AddMany(batch);
                }
            }

            written.Stop();
            var size = new FileInfo(path).Length + (File.Exists(path + "-wal") ? new FileInfo(path + "-wal").Length : 0);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"record: {messages} messages about {incidents} incidents, {size / 1048576.0:0} MB, written in {written.Elapsed.TotalSeconds:0.0} s"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"before opening: {Resident():0} MB resident"));

            var opened = Stopwatch.StartNew();
            using var ingest = new KnooppuntIngest(path);
            var count = ingest.Read(p => p.IncidentCount);
            opened.Stop();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            using var process = Process.GetCurrentProcess();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"restart: ready to serve in {opened.Elapsed.TotalSeconds:0.0} s ({messages / opened.Elapsed.TotalSeconds:0} messages a second replayed); picture {count} incidents"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"memory with the picture: {Resident():0} MB resident after a full collection (managed heap {GC.GetTotalMemory(false) / 1048576.0:0} MB), peak {process.PeakWorkingSet64 / 1048576.0:0} MB while opening"));
            return count == incidents ? 0 : 1;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, true);
        }
    }

    private static double Resident()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.WorkingSet64 / 1048576.0;
    }

    /// <summary>Message <paramref name="n"/>: incident <c>n % incidents</c>, from one of three systems in turn, a second later than the one before.</summary>
    private static JsonObject Message(JsonObject template, int n, int incidents, DateTimeOffset start)
    {
        var message = template.DeepClone().AsObject();
        var incident = n % incidents;
        var region = incident % 25 + 1;
        var system = n / incidents % Systems.Length;
        var nn = region.ToString("00", CultureInfo.InvariantCulture);
        var id = $"INC-{nn}-2026-{incident:D6}";
        message["source"] = $"urn:nld:oin:00000099{nn}00000000{(system + 1) * 10}:systeem:{Systems[system]}";
        message["id"] = $"m-{n:D8}";
        message["time"] = start.AddMilliseconds(n * 50).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);
        message["subject"] = id;
        message["correlationid"] = id;
        var data = message["data"]!.AsObject();
        data["id"] = id;
        data["veiligheidsregio"] = $"VR{nn}";
        data["locatie"]!["veiligheidsregio"] = $"VR{nn}";
        if (n / incidents % 4 == 3)
        {
            data["grip"]!["niveau"] = "GRIP2";
            data["grip"]!["historie"]![0]!["niveau"] = "GRIP2";
        }

        return message;
    }

    private static double Option(string[] args, string name, double fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? double.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
