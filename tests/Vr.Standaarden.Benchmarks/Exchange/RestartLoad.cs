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
    public static int Run(string[] args)
    {
        var messages = (int)LoadIncidents.Option(args, "--messages", 1_000_000);
        var incidents = (int)LoadIncidents.Option(args, "--incidents", 100_000);
        var folder = Directory.CreateTempSubdirectory("vr-restart-").FullName;
        var path = Path.Combine(folder, "berichten.db");
        try
        {
            var template = LoadIncidents.Template();
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

    /// <summary>Message <paramref name="n"/>: incident <c>n % incidents</c>, from one of three systems in turn, 50 ms later than the one before.</summary>
    private static JsonObject Message(JsonObject template, int n, int incidents, DateTimeOffset start)
    {
        var incident = n % incidents;
        var region = incident % 25 + 1;
        return LoadIncidents.Incident(template, region, $"INC-{region:00}-2026-{incident:D6}", n / incidents % LoadIncidents.Systems.Length, $"m-{n:D8}",
            start.AddMilliseconds(n * 50).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture), grip2: n / incidents % 4 == 3);
    }
}
