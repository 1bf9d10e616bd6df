using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Vr.Standaarden.Testing;
using Vr.Standaarden.Transport;
using Vr.Standaarden.Transport.Tests.Http;
using Xunit.Abstractions;

namespace Vr.Standaarden.Knooppunt.Tests;

/// <summary>What a hostile sender tries against a node: a poisoned record, memory exhaustion, a full disk.</summary>
public sealed class WeerbaarheidTests(ITestOutputHelper output) : IDisposable
{
    private const string Gms = "urn:nld:oin:00000004000000042000:systeem:GMS";
    private readonly string _folder = Directory.CreateTempSubdirectory("vr-weerbaar-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, true);
    }

    /// <summary>The incident example with the GRIP level given twice inside <c>data</c>, as text (a JSON object cannot hold it).</summary>
    private static byte[] WithDuplicateGrip(string id)
    {
        var message = TestIncidents.Message(Gms, 1, new DateTimeOffset(2026, 11, 20, 21, 30, 0, TimeSpan.FromHours(1)));
        message["id"] = id;
        var text = message.ToJsonString();
        var at = text.IndexOf("\"niveau\":\"GRIP1\"", StringComparison.Ordinal);
        Assert.True(at > 0);
        return Encoding.UTF8.GetBytes(text.Insert(at, "\"niveau\":\"GRIP4\","));
    }

    [Fact]
    public async Task Every_refusal_leaves_the_record_as_the_answer_says_and_the_node_keeps_answering_and_restarting()
    {
        var path = Path.Combine(_folder, "berichten.db");
        var ingest = new KnooppuntIngest(path);
        // As the sample node without --trust: validation on, no signatures; and a receiver that skips validation, to
        // show that what the picture cannot merge is refused by the node itself.
        var validating = ingest.Attach(new MessageReceiver(new ReceiverOptions { Verification = VerificationMode.Off, Sharing = SharingMode.Off, Inbox = ingest.Inbox, Validation = ValidationMode.Full }));
        var unvalidated = ingest.Attach(new MessageReceiver(new ReceiverOptions { Verification = VerificationMode.Off, Sharing = SharingMode.Off, Inbox = ingest.Inbox, Validation = ValidationMode.Off }));
        await using var server = await Kestrel.StartAsync(app =>
        {
            app.MapKnooppunt(ingest, validating);
            app.MapGroup("/ongecontroleerd").MapKnooppunt(ingest, unvalidated, new KnooppuntEndpointOptions { Portal = false });
        });
        using var client = new HttpClient { BaseAddress = server.Address };

        async Task<(HttpStatusCode Status, JsonNode Body)> Post(string path, byte[] body)
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/cloudevents+json");
            using var response = await client.PostAsync(path, content);
            return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
        }

        var good = TestIncidents.Message(Gms, 1, new DateTimeOffset(2026, 11, 20, 21, 20, 0, TimeSpan.FromHours(1)));
        Assert.Equal(HttpStatusCode.Created, (await Post("/v1/berichten", Encoding.UTF8.GetBytes(good.ToJsonString()))).Status);
        Assert.Equal(1, ingest.Log.Count);

        // The member name given twice: refused with its code, at the second member, and not recorded.
        var (status, problem) = await Post("/v1/berichten", WithDuplicateGrip("GMS-dubbel"));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("VR-JSON-004", (string?)problem["code"]);
        Assert.Equal("/data/grip/niveau", (string?)problem["invalidParams"]![0]!["name"]);
        Assert.Equal(1, ingest.Log.Count);
        Assert.False(ingest.Log.Contains(Gms, "GMS-dubbel"));

        // Without validation the transport still refuses it before anything else reads it.
        (status, problem) = await Post("/ongecontroleerd/v1/berichten", WithDuplicateGrip("GMS-dubbel-2"));
        Assert.Equal((HttpStatusCode.BadRequest, "VR-JSON-004"), (status, (string?)problem["code"]));
        Assert.Equal(1, ingest.Log.Count);

        // Valid JSON the picture cannot merge (the GRIP object as a bare string): refused, not recorded, not a 503.
        var unmergeable = TestIncidents.Message(Gms, 2, new DateTimeOffset(2026, 11, 20, 21, 25, 0, TimeSpan.FromHours(1)), d => d["grip"] = "GRIP4");
        (status, problem) = await Post("/ongecontroleerd/v1/berichten", Encoding.UTF8.GetBytes(unmergeable.ToJsonString()));
        Assert.Equal((HttpStatusCode.BadRequest, KnooppuntCodes.CannotMerge), (status, (string?)problem["code"]));
        Assert.Equal(1, ingest.Log.Count);
        Assert.False(ingest.Log.Contains(Gms, "GMS-2"));

        // Larger than a message may be: 413 as promised, nothing recorded.
        var huge = Encoding.UTF8.GetBytes(good.ToJsonString().Replace("\"GMS-1\"", "\"GMS-groot\"", StringComparison.Ordinal).Insert(1, "\"opvulling\":\"" + new string('x', 20 * 1024 * 1024) + "\","));
        (status, problem) = await Post("/v1/berichten", huge);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal(1, ingest.Log.Count);

        // The record still answers at every moment, and the node starts again from it.
        using (var response = await client.GetAsync("/v1/situatiebeeld?tijdstip=2026-11-20T21:40:00%2B01:00"))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var health = JsonNode.Parse(await client.GetStringAsync("/v1/gezondheid"))!;
        Assert.Equal(("ok", 0), ((string?)health["status"], health["quarantaine"]!.AsArray().Count));
        ingest.Dispose();
        using var restarted = new KnooppuntIngest(path);
        Assert.Equal(1, restarted.Situatiebeeld.IncidentCount);
        Assert.Empty(restarted.Log.Quarantine);
    }

    [Fact]
    public async Task A_record_poisoned_before_the_fix_is_quarantined_and_the_sample_node_starts_answers_and_says_it_is_degraded()
    {
        // What an older node stored: a message with a duplicated member, and a row that is not JSON at all.
        var data = Path.Combine(_folder, "data");
        Directory.CreateDirectory(data);
        var path = Path.Combine(data, "berichten.db");
        using (var ingest = new KnooppuntIngest(path))
        {
            Assert.True(ingest.Ingest(TestIncidents.Message(Gms, 1, new DateTimeOffset(2026, 11, 20, 21, 20, 0, TimeSpan.FromHours(1)))));
        }

        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO berichten (source, id, tijd, inhoud) VALUES ($s, 'GMS-dubbel', '2026-11-20T20:30:00.0000000Z', $c), ($s, 'GMS-kapot', '2026-11-20T20:31:00.0000000Z', '{\"niet af')";
            insert.Parameters.AddWithValue("$s", Gms);
            insert.Parameters.AddWithValue("$c", Encoding.UTF8.GetString(WithDuplicateGrip("GMS-dubbel")));
            insert.ExecuteNonQuery();
        }

        var address = new Uri($"http://127.0.0.1:{NatsServer.FreePort()}");
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var node = await SampleNode.StartAsync(address, client, "--no-samples", "--data", data);
        try
        {
            var health = JsonNode.Parse(await client.GetStringAsync(new Uri(address, "/v1/gezondheid")))!;
            output.WriteLine(health.ToJsonString());
            Assert.Equal("degraded", (string?)health["status"]);
            Assert.Equal(["GMS-dubbel", "GMS-kapot"], health["quarantaine"]!.AsArray().Select(q => (string?)q!["id"]).Order(StringComparer.Ordinal));
            Assert.Contains("niveau", (string?)health["quarantaine"]![0]!["reden"], StringComparison.Ordinal);
            Assert.Equal(3, (long)health["berichten"]!);

            using var now = await client.GetAsync(new Uri(address, "/v1/situatiebeeld"));
            using var then = await client.GetAsync(new Uri(address, "/v1/situatiebeeld?tijdstip=2026-11-20T21:40:00%2B01:00"));
            Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (now.StatusCode, then.StatusCode));
            var picture = JsonNode.Parse(await then.Content.ReadAsStringAsync())!;
            Assert.Equal("GRIP1", (string?)picture["incidenten"]![0]!["grip"]);
        }
        finally
        {
            node.Kill(true);
            await node.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task A_full_disk_makes_the_node_say_degraded_with_the_reason_and_answer_503_until_it_can_write_again()
    {
        using var ingest = new KnooppuntIngest(Path.Combine(_folder, "vol.db"));
        var receiver = ingest.Attach(new MessageReceiver(new ReceiverOptions { Verification = VerificationMode.Off, Sharing = SharingMode.Off, Inbox = ingest.Inbox }));
        await using var server = await Kestrel.StartAsync(app => app.MapKnooppunt(ingest, receiver));
        using var client = new HttpClient { BaseAddress = server.Address };
        Assert.Equal("ok", (string?)JsonNode.Parse(await client.GetStringAsync("/v1/gezondheid"))!["status"]);

        // SQLite answers SQLITE_FULL ("database or disk is full") once the file may not grow, as on a full disk.
        ingest.Log.LimitPages(1);
        // Messages until the file would have to grow: the first that needs a new page is refused with 503, unrecorded.
        HttpStatusCode status = HttpStatusCode.Created;
        var sent = 0;
        while (status == HttpStatusCode.Created && sent < 500)
        {
            var message = TestIncidents.Message(Gms, 100 + sent, new DateTimeOffset(2026, 11, 20, 21, 20, 0, TimeSpan.FromHours(1)));
            using var content = new StringContent(message.ToJsonString(), Encoding.UTF8, "application/cloudevents+json");
            using var response = await client.PostAsync("/v1/berichten", content);
            status = response.StatusCode;
            sent++;
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal(sent - 1, ingest.Log.Count);
        Assert.False(ingest.Log.Contains(Gms, $"GMS-{100 + sent - 1}"));
        var health = JsonNode.Parse(await client.GetStringAsync("/v1/gezondheid"))!;
        output.WriteLine(health.ToJsonString());
        Assert.Equal("degraded", (string?)health["status"]);
        Assert.Contains("full", (string?)health["redenen"]![0], StringComparison.OrdinalIgnoreCase);

        ingest.Log.LimitPages(1_000_000);
        var last = TestIncidents.Message(Gms, 100 + sent - 1, new DateTimeOffset(2026, 11, 20, 21, 20, 0, TimeSpan.FromHours(1)));
        using (var content = new StringContent(last.ToJsonString(), Encoding.UTF8, "application/cloudevents+json"))
        using (var response = await client.PostAsync("/v1/berichten", content))
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        Assert.Equal("ok", (string?)JsonNode.Parse(await client.GetStringAsync("/v1/gezondheid"))!["status"]);
    }

    [Fact]
    public async Task A_hundred_oversized_batches_at_once_are_answered_413_and_keep_the_node_under_500_MB_resident()
    {
        // 28 MB of numbers: what cost the node about 450 MB each before the batch limits were checked while reading.
        var numbers = new StringBuilder(28 * 1024 * 1024 + 16).Append('[');
        while (numbers.Length < 28 * 1024 * 1024)
        {
            numbers.Append("1,");
        }

        var body = Encoding.ASCII.GetBytes(numbers.Append("1]").ToString());
        var address = new Uri($"http://127.0.0.1:{NatsServer.FreePort()}");
        using var client = new HttpClient { Timeout = TimeSpan.FromMinutes(3) };
        using var node = await SampleNode.StartAsync(address, client, "--no-samples", "--data", Path.Combine(_folder, "data"));
        try
        {
            var before = Resident(node.Id);
            // Half declare their length, half arrive in chunks of unknown length, as a client that streams would send them.
            var answers = await Task.WhenAll(Enumerable.Range(0, 100).Select(async i =>
            {
                using HttpContent content = i % 2 == 0 ? new ByteArrayContent(body) : new ChunkedContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/cloudevents-batch+json");
                try
                {
                    using var response = await client.PostAsync(new Uri(address, "/v1/berichten"), content);
                    return response.StatusCode;
                }
                catch (HttpRequestException e) when (e.InnerException is IOException { InnerException: System.Net.Sockets.SocketException })
                {
                    // The node answered 413 and closed the connection while the client was still writing the rest of the
                    // body (Kestrel does not drain 28 MB it will not read): the client sees a reset or a broken pipe
                    // instead of the answer.
                    return (HttpStatusCode)0;
                }
            }));
            var after = Resident(node.Id);
            output.WriteLine($"resident before {before.Current / 1048576} MB; after 100 batches of {body.Length / 1048576} MB: {after.Current / 1048576} MB, peak {after.Peak / 1048576} MB");
            output.WriteLine($"413: {answers.Count(a => a == HttpStatusCode.RequestEntityTooLarge)}, closed while still sending: {answers.Count(a => a == 0)}");
            Assert.All(answers, a => Assert.True(a is HttpStatusCode.RequestEntityTooLarge or 0, $"answered {a}"));
            Assert.Contains(HttpStatusCode.RequestEntityTooLarge, answers);
            Assert.True(after.Peak < 500L * 1024 * 1024, $"peak resident {after.Peak / 1048576} MB");
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(address, "/v1/gezondheid"))).StatusCode);
        }
        finally
        {
            node.Kill(true);
            await node.WaitForExitAsync();
        }
    }

    /// <summary>The resident memory of process <paramref name="pid"/> now and at its peak (VmRSS, VmHWM), in bytes.</summary>
    private static (long Current, long Peak) Resident(int pid)
    {
        long Field(string name) => long.Parse(File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(name + ":", StringComparison.Ordinal))[(name.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        return (Field("VmRSS"), Field("VmHWM"));
    }
}
