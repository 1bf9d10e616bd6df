using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Vr.Standaarden.Transport;
using Vr.Standaarden.Transport.Http;
using Xunit.Abstractions;
using Vr.Standaarden.Testing;

namespace Vr.Standaarden.Knooppunt.Tests;

/// <summary>The sample node as a process of its own, killed with SIGKILL while it ingests: nothing acknowledged is lost, nothing is recorded twice.</summary>
public sealed class KillTests(ITestOutputHelper output) : IDisposable
{
    private const int Count = 2000;
    private const string Gms = "urn:nld:oin:00000099150000000010:systeem:GMS";
    private readonly string _folder = Directory.CreateTempSubdirectory("vr-kill-").FullName;

    public void Dispose() => Directory.Delete(_folder, true);

    [Fact]
    public async Task A_node_killed_during_ingest_loses_nothing_it_acknowledged_and_records_nothing_twice()
    {
        var messages = Enumerable.Range(1, Count).Select(Message).ToList();
        var acknowledged = new HashSet<string>(StringComparer.Ordinal);
        var port = NatsServer.FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var sender = new HttpMessageSender(client, new Uri(address, "/v1/berichten"), new HttpSenderOptions { Mode = HttpContentMode.Batch, MaxRetryAttempts = 0 });

        using (var first = await SampleNode.StartAsync(address, client, "--no-samples", "--data", _folder))
        {
            var sending = Task.Run(async () =>
            {
                foreach (var batch in messages.Chunk(25))
                {
                    IReadOnlyList<DeliveryOutcome> outcomes;
                    try
                    {
                        outcomes = await sender.SendAsync(batch);
                    }
                    catch (HttpRequestException)
                    {
                        return;
                    }

                    lock (acknowledged)
                    {
                        foreach (var outcome in outcomes.Where(o => o.IsAcknowledged))
                        {
                            acknowledged.Add(outcome.Message.Id);
                        }
                    }

                    if (outcomes.Any(o => !o.IsAcknowledged))
                    {
                        return;
                    }
                }
            });
            var deadline = DateTime.UtcNow.AddSeconds(120);
            while (Acknowledged() < Count / 4 && DateTime.UtcNow < deadline && !sending.IsCompleted)
            {
                await Task.Delay(5);
            }

            Assert.False(sending.IsCompleted, "The node took every message before it could be killed.");
            first.Kill(entireProcessTree: true); // SIGKILL on Linux
            await first.WaitForExitAsync();
            await sending;
        }

        var atKill = Acknowledged();
        var recordedAtKill = Recorded();

        // Restarted on the same folder, the sender sends everything again: it cannot know what was in flight.
        using (var second = await SampleNode.StartAsync(address, client, "--no-samples", "--data", _folder))
        {
            foreach (var batch in messages.Chunk(100))
            {
                var outcomes = await sender.SendAsync(batch);
                Assert.All(outcomes, o => Assert.True(o.IsAcknowledged, $"{o.Message.Id}: {o.Status} {o.Code} {o.Detail}"));
            }

            var health = JsonNode.Parse(await client.GetStringAsync(new Uri(address, "/v1/gezondheid")))!;
            Assert.Equal(Count, (long)health["berichten"]!);
            second.Kill(entireProcessTree: true);
            await second.WaitForExitAsync();
        }

        var (rows, distinct) = Rows();
        var lostAcknowledged = messages.Count(m => acknowledged.Contains(m.Id)) - recordedAtKill.Intersect(acknowledged).Count();
        Directory.CreateDirectory(Environment.GetEnvironmentVariable("VR_REPORT_DIR") ?? Path.GetTempPath());
        var line = string.Create(CultureInfo.InvariantCulture, $"knooppunt ingest SIGKILL: sent {Count}, recorded once {distinct}, duplicates {rows - distinct}, lost {Count - distinct} (killed with {atKill} acknowledged, {recordedAtKill.Count} in the record, {lostAcknowledged} acknowledged but missing)");
        output.WriteLine(line);
        if (Environment.GetEnvironmentVariable("VR_REPORT_DIR") is { Length: > 0 } report)
        {
            File.AppendAllText(Path.Combine(report, "transport-faults.txt"), line + Environment.NewLine);
        }

        Assert.True(atKill >= Count / 4);
        Assert.Equal(0, lostAcknowledged);
        Assert.Equal((long)Count, rows);
        Assert.Equal(rows, distinct);
        int Acknowledged()
        {
            lock (acknowledged)
            {
                return acknowledged.Count;
            }
        }
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "berichten.db")};Pooling=False");
        connection.Open();
        return connection;
    }

    private HashSet<string> Recorded()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM berichten";
        using var reader = command.ExecuteReader();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private (long Rows, long Distinct) Rows()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*), COUNT(DISTINCT source || ' ' || id) FROM berichten";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static TransportMessage Message(int n)
    {
        var message = TestIncidents.Message(Gms, n, new DateTimeOffset(2026, 11, 20, 20, 0, 0, TimeSpan.FromHours(1)).AddSeconds(n), data =>
        {
            data["id"] = $"INC-15-2026-{n % 400:0000}";
            data["veiligheidsregio"] = "VR15";
        });
        message["subject"] = (string?)message["data"]!["id"];
        message["correlationid"] = (string?)message["data"]!["id"];
        message["tlp"] = "TLP:GREEN";
        message["doelbinding"] = "incidentbestrijding";
        message.Remove("expirytime");
        return TransportMessage.Parse(Encoding.UTF8.GetBytes(message.ToJsonString()));
    }
}
