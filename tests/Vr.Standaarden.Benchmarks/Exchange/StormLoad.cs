using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using NATS.Client.JetStream;
using Vr.Standaarden.Knooppunt;
using Vr.Standaarden.Spec;
using Vr.Standaarden.Testing;
using Vr.Standaarden.Transport;
using Vr.Standaarden.Transport.Nats;
using Vr.Standaarden.Uitwisseling;
using Vr.Standaarden.Validatie;

namespace Vr.Standaarden.Benchmarks.Exchange;

/// <summary>
/// A simulated storm (a load tool, not a BenchmarkDotNet class): 25 regions, each with 200 new incidents an hour, every
/// incident reported by 3 sources (GMS, LCMS, the fire service's own system), published on JetStream into the region's
/// stream; 25 regional nodes (receiver with validation and sharing policy, SQLite record, picture) forward under the
/// sharing policy to one national node. Time runs faster than real time (<c>--speed</c>, default 60: a simulated hour a
/// minute; 0: as fast as the nodes take it, which reports the ceiling). Every node's record is its receiver's inbox,
/// so messages that wait are recorded a batch per transaction. Reports throughput, the lag from publication to the
/// commit in the national record (p50, p99) and the latency of the picture queries with everything stored.
/// <c>--max-batch 1</c> makes every receiver commit each message alone, for comparison.
/// <c>dotnet run -c Release --project tests/Vr.Standaarden.Benchmarks -- storm [--hours 2] [--speed 60] [--max-batch 256]</c>
/// </summary>
internal static class StormLoad
{
    private const int Regions = 25;
    private const int IncidentsPerHour = 200;

    public static async Task<int> RunAsync(string[] args)
    {
        var hours = LoadIncidents.Option(args, "--hours", 2.0);
        var speed = LoadIncidents.Option(args, "--speed", 60.0);
        var incidentsPerRegion = (int)(IncidentsPerHour * hours);
        var total = Regions * incidentsPerRegion * LoadIncidents.Systems.Length;
        var maxBatch = (int)LoadIncidents.Option(args, "--max-batch", new ReceiverOptions().MaxBatch);
        var unpaced = speed <= 0;
        var rate = unpaced ? double.PositiveInfinity : Regions * IncidentsPerHour * LoadIncidents.Systems.Length * speed / 3600.0;
        var pace = unpaced ? "published as fast as they go (the ceiling)" : string.Create(CultureInfo.InvariantCulture, $"published at {rate:0} msg/s (x{speed:0} real time)");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"storm: {Regions} regions x {incidentsPerRegion} incidents x {LoadIncidents.Systems.Length} sources = {total} messages, {pace}; receivers commit up to {maxBatch} at once"));

        using var server = NatsServer.StartJetStream();
        var folder = Directory.CreateTempSubdirectory("vr-storm-").FullName;
        await using var connection = new NatsConnection(new NatsOpts { Url = server.Url, SubPendingChannelCapacity = 65536 });
        var js = new NatsJSContext(connection);
        var register = Register();
        var validator = new MessageValidator();
        var template = LoadIncidents.Template();

        await NatsStreams.EnsureNodeAsync(js, "landelijk");
        using var national = new KnooppuntIngest(Path.Combine(folder, "landelijk.db"));
        var lags = new ConcurrentBag<double>();
        var nationalIncidents = 0L;
        var stopwatch = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        var workers = new List<Task>();
        // Both kinds of node as a deployment runs them: the record is the receiver's inbox, so waiting messages are
        // recorded in one transaction per batch (group commit). The lag is taken when the national record committed.
        var published = new ConcurrentDictionary<string, double>(StringComparer.Ordinal);
        var nationalReceiver = national.Attach(new MessageReceiver(new ReceiverOptions
        {
            Verification = VerificationMode.Off,
            Validator = validator,
            Policy = new SharingPolicy(register),
            Recipient = "00000099990000000000",
            Inbox = national.Inbox,
            MaxBatch = maxBatch,
        }));
        nationalReceiver.Completed += (_, outcome) =>
        {
            if (outcome.Status == ReceiveStatus.Accepted && outcome.Id is { } id && published.TryRemove(id, out var at))
            {
                lags.Add(stopwatch.Elapsed.TotalMilliseconds - at);
                Interlocked.Increment(ref nationalIncidents);
            }
        };
        workers.Add(nationalReceiver.RunAsync(new NatsMessageSource(js, new NatsSourceOptions { Node = "landelijk", Consumer = "knooppunt", FilterSubject = "vr.landelijk.incident" }), stop.Token));

        // The national node serves its HTTP API all through the storm, as a deployment does (what keeping its overview
        // current costs is part of the run); it is queried once everything is stored.
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        await using var app = builder.Build();
        app.MapKnooppunt(national, nationalReceiver, new KnooppuntEndpointOptions { Name = "landelijk" });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First();
        using var client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(2) };

        // One request before the storm, as a running node has had: the HTTP stack's own first-request costs (connection,
        // compilation of the request path) are not the overview's.
        await client.GetStringAsync("/v1/bronnen");

        var regional = new List<(KnooppuntIngest Ingest, KnooppuntForwarder Forwarder)>();
        for (var n = 1; n <= Regions; n++)
        {
            var name = $"VR{n:00}";
            await NatsStreams.EnsureNodeAsync(js, name);
            var ingest = new KnooppuntIngest(Path.Combine(folder, $"{name}.db"));
            var receiver = ingest.Attach(new MessageReceiver(new ReceiverOptions
            {
                Verification = VerificationMode.Off,
                Validator = validator,
                Policy = new SharingPolicy(register),
                Recipient = $"00000099{n:00}0000000001",
                Inbox = ingest.Inbox,
                MaxBatch = maxBatch,
            }));
            var forwarder = new KnooppuntForwarder(ingest, new NatsMessageSender(js, new NatsSenderOptions { Node = "landelijk" }), new ForwarderOptions
            {
                Name = "landelijk",
                Policy = new SharingPolicy(register),
                Recipient = "00000099990000000000",
                RetryDelay = TimeSpan.FromMilliseconds(200),
            });
            regional.Add((ingest, forwarder));
            workers.Add(receiver.RunAsync(new NatsMessageSource(js, new NatsSourceOptions { Node = name, Consumer = "knooppunt" }), stop.Token));
            workers.Add(forwarder.RunAsync(stop.Token));
        }

        // Publish: the incidents of all regions interleaved, each reported by its three systems in turn, paced to the rate.
        var sender = new NatsMessageSender(js, new NatsSenderOptions { Subject = m => NatsSubjects.For(string.Concat("VR", m.Source.AsSpan("urn:nld:oin:00000099".Length, 2)), m) });
        var sent = 0;
        var started = stopwatch.Elapsed;
        for (var i = 0; i < incidentsPerRegion; i++)
        {
            for (var s = 0; s < LoadIncidents.Systems.Length; s++)
            {
                var batch = new List<TransportMessage>(Regions);
                for (var n = 1; n <= Regions; n++)
                {
                    var message = Message(template, n, i, s);
                    published[message.Id] = stopwatch.Elapsed.TotalMilliseconds;
                    batch.Add(message);
                }

                foreach (var outcome in await sender.SendAsync(batch))
                {
                    if (outcome.Status != DeliveryStatus.Accepted)
                    {
                        throw new InvalidOperationException($"publish: {outcome.Status} {outcome.Detail}");
                    }
                }

                sent += batch.Count;
                var due = started + TimeSpan.FromSeconds(sent / rate);
                if (unpaced)
                {
                    continue;
                }

                if (due > stopwatch.Elapsed)
                {
                    await Task.Delay(due - stopwatch.Elapsed);
                }
            }
        }

        var publishedIn = stopwatch.Elapsed - started;
        var deadline = stopwatch.Elapsed + TimeSpan.FromMinutes(10);
        while (Interlocked.Read(ref nationalIncidents) < total && stopwatch.Elapsed < deadline)
        {
            await Task.Delay(200);
        }

        var doneIn = stopwatch.Elapsed - started;
        var sorted = lags.Order().ToArray();
        double Percentile(double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        var stored = national.Read(p => p.IncidentCount);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"published {sent} in {publishedIn.TotalSeconds:0.0} s ({sent / publishedIn.TotalSeconds:0} msg/s); national picture took {nationalIncidents} of them in {doneIn.TotalSeconds:0.0} s ({nationalIncidents / doneIn.TotalSeconds:0} msg/s end to end{(unpaced ? ": the ceiling" : "")})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"lag publication -> national picture: p50 {Percentile(0.50):0} ms, p99 {Percentile(0.99):0} ms, max {Percentile(1):0} ms"));
        Console.WriteLine($"stored: national {stored} incidents, {national.Log.Count} messages; regional records {regional.Sum(r => r.Ingest.Log.Count)} messages");

        // Query latency with everything stored, through the node's HTTP API as the portal asks: the first overview after
        // the storm, then warm overviews, single incidents and the picture at a moment.
        var cold = await TimeAsync(1, () => client.GetStringAsync("/v1/situatiebeeld"));
        var overview = await TimeAsync(30, () => client.GetStringAsync("/v1/situatiebeeld"));
        var random = new Random(7);
        var ids = national.Read(p => p.IncidentIds);
        var single = await TimeAsync(500, () => client.GetStringAsync($"/v1/incidenten/{ids[random.Next(ids.Count)]}"));
        var atMoment = await TimeAsync(5, () => client.GetStringAsync($"/v1/situatiebeeld?tijdstip={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddSeconds(-30).ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture))}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"HTTP with {stored} incidents: GET /situatiebeeld first {cold.P50:0} ms, then p50 {overview.P50:0.0} ms p99 {overview.P99:0.0} ms; GET /incidenten/{{id}} p50 {single.P50:0.00} ms p99 {single.P99:0.00} ms; GET /situatiebeeld?tijdstip= (rebuilt from the record) p50 {atMoment.P50:0} ms"));
        await app.StopAsync();

        await stop.CancelAsync();
        await Task.WhenAll(workers);
        foreach (var (ingest, forwarder) in regional)
        {
            forwarder.Dispose();
            ingest.Dispose();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, true);
        return nationalIncidents == total ? 0 : 1;
    }

    private static async Task<(double P50, double P99)> TimeAsync(int runs, Func<Task<string>> query)
    {
        var times = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await query();
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(times);
        return (times[(runs - 1) / 2], times[Math.Min(runs - 1, (int)Math.Ceiling(0.99 * runs) - 1)]);
    }

    private static TransportMessage Message(JsonObject template, int region, int incident, int system)
    {
        var nn = region.ToString("00", CultureInfo.InvariantCulture);
        var message = LoadIncidents.Incident(template, region, $"INC-{nn}-2026-{incident:D5}", system, $"{LoadIncidents.Systems[system]}-{nn}-{incident}",
            DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture), grip2: system == 1 && incident % 10 == 0);
        message["tlp"] = "TLP:AMBER";
        return TransportMessage.Parse(Encoding.UTF8.GetBytes(message.ToJsonString()));
    }

    private static RecipientRegister Register()
    {
        var entries = new JsonArray();
        var regions = new JsonArray();
        for (var n = 1; n <= Regions; n++)
        {
            var org = $"00000099{n:00}0000000000";
            regions.Add(org);
            entries.Add(new JsonObject { ["oin"] = org, ["naam"] = $"VR{n:00}", ["doelen"] = new JsonArray("incidentbestrijding", "crisisbeheersing"), ["persoonsgegevens"] = new JsonArray("gewoon") });
            foreach (var suffix in new[] { "01", "10", "20", "30" })
            {
                entries.Add(new JsonObject { ["oin"] = $"00000099{n:00}00000000{suffix}", ["naam"] = $"VR{n:00}-{suffix}", ["organisatie"] = org, ["doelen"] = new JsonArray("incidentbestrijding", "crisisbeheersing"), ["persoonsgegevens"] = new JsonArray("gewoon") });
            }
        }

        entries.Add(new JsonObject { ["oin"] = "00000099990000000000", ["naam"] = "landelijk", ["klantVan"] = regions, ["doelen"] = new JsonArray("incidentbestrijding", "crisisbeheersing"), ["persoonsgegevens"] = new JsonArray("gewoon") });
        return RecipientRegister.Parse(Encoding.UTF8.GetBytes(new JsonObject { ["afnemers"] = entries }.ToJsonString()));
    }
}
