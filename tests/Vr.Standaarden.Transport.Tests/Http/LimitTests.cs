using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Vr.Standaarden.Testing;
using Vr.Standaarden.Transport.Http;

namespace Vr.Standaarden.Transport.Tests.Http;

/// <summary>The receiving endpoint's limits, checked while the request arrives.</summary>
public sealed class LimitTests : IDisposable
{
    private readonly HttpClient _client = new() { Timeout = TimeSpan.FromMinutes(2) };

    public void Dispose() => _client.Dispose();

    private static MessageReceiver Receiver(List<string> seen) =>
        new MessageReceiver(new ReceiverOptions { Verification = VerificationMode.Off, Sharing = SharingMode.Off, Deduplication = DeduplicationMode.Off, Validation = ValidationMode.Off })
            .HandleOther((m, _) =>
            {
                lock (seen)
                {
                    seen.Add(m.Raw.Id);
                }

                return ValueTask.CompletedTask;
            });

    private async Task<(HttpStatusCode Status, JsonNode? Body)> PostAsync(Uri address, HttpContent content, string mediaType)
    {
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        using var response = await _client.PostAsync(new Uri(address, "/berichten"), content);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 ? JsonNode.Parse(text) : null);
    }

    [Fact]
    public async Task A_message_above_the_limit_is_413_as_documented_whether_its_length_is_declared_or_not()
    {
        var seen = new List<string>();
        await using var server = await Kestrel.StartAsync(app => app.MapMessageReceiver("/berichten", Receiver(seen)));
        var message = TestMessages.IncidentJson(1);
        message["opvulling"] = new string('x', 20 * 1024 * 1024);
        var bytes = Encoding.UTF8.GetBytes(message.ToJsonString());

        var (status, problem) = await PostAsync(server.Address, new ByteArrayContent(bytes), HttpBinding.Structured);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("VR-JSON-003", (string?)problem!["code"]);
        (status, _) = await PostAsync(server.Address, new ChunkedContent(bytes), HttpBinding.Structured);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Empty(seen);
    }

    [Fact]
    public async Task A_batch_is_refused_at_its_first_message_beyond_the_count_or_its_first_byte_beyond_the_size()
    {
        var seen = new List<string>();
        var options = new HttpReceiverOptions { MaxBatch = 10, MaxBatchBytes = 64 * 1024 };
        await using var server = await Kestrel.StartAsync(app => app.MapMessageReceiver("/berichten", Receiver(seen), options));

        // Eleven messages: over the count, streamed or not; none of them is handed on.
        var eleven = Encoding.UTF8.GetBytes(new JsonArray([.. Enumerable.Range(0, 11).Select(i => (JsonNode)TestMessages.IncidentJson(i))]).ToJsonString());
        var (status, problem) = await PostAsync(server.Address, new ChunkedContent(eleven), HttpBinding.Batch);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("more than 10 messages", (string?)problem!["detail"], StringComparison.Ordinal);
        Assert.Empty(seen);

        // A million tiny values, of unknown length: refused after the eleventh, long before the end arrives.
        var numbers = Encoding.ASCII.GetBytes("[" + string.Join(',', Enumerable.Repeat("1", 1_000_000)) + "]");
        (status, _) = await PostAsync(server.Address, new ChunkedContent(numbers), HttpBinding.Batch);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);

        // Declared larger than a batch may be: refused from the header.
        (status, problem) = await PostAsync(server.Address, new ByteArrayContent(numbers), HttpBinding.Batch);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("65536 bytes", (string?)problem!["detail"], StringComparison.Ordinal);

        // Within both limits, the batch is taken.
        var ten = Encoding.UTF8.GetBytes(new JsonArray([.. Enumerable.Range(0, 10).Select(i => (JsonNode)TestMessages.IncidentJson(i))]).ToJsonString());
        (status, _) = await PostAsync(server.Address, new ChunkedContent(ten), HttpBinding.Batch);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(10, seen.Count);
    }

    [Fact]
    public async Task Requests_beyond_the_bytes_all_requests_may_hold_together_are_asked_to_come_back()
    {
        var seen = new List<string>();
        var options = new HttpReceiverOptions { MaxBufferedBytes = 16 * 1024 };
        await using var server = await Kestrel.StartAsync(app => app.MapMessageReceiver("/berichten", Receiver(seen), options));
        var message = TestMessages.IncidentJson(1);
        message["opvulling"] = new string('x', 32 * 1024);
        using var response = await _client.PostAsync(new Uri(server.Address, "/berichten"), new StringContent(message.ToJsonString(), Encoding.UTF8, HttpBinding.Structured));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);

        // A small one fits, and the budget was given back by the refused request.
        using var small = await _client.PostAsync(new Uri(server.Address, "/berichten"), new StringContent(TestMessages.IncidentJson(2).ToJsonString(), Encoding.UTF8, HttpBinding.Structured));
        Assert.Equal(HttpStatusCode.Created, small.StatusCode);
    }

    [Fact]
    public async Task An_authorisation_hook_refuses_a_single_message_with_403_and_a_batch_item_on_its_own()
    {
        var seen = new List<string>();
        var options = new HttpReceiverOptions
        {
            Authorize = (context, message) => message.Id.EndsWith('1')
                ? new ReceiveProblem("VR-TEST-001", "/source", $"{context.Request.Method} of {message.Id} is not allowed.")
                : null,
        };
        await using var server = await Kestrel.StartAsync(app => app.MapMessageReceiver("/berichten", Receiver(seen), options));
        var (status, problem) = await PostAsync(server.Address, new StringContent(TestMessages.IncidentJson(1).ToJsonString()), HttpBinding.Structured);
        Assert.Equal((HttpStatusCode.Forbidden, "VR-TEST-001"), (status, (string?)problem!["code"]));
        Assert.Equal("/source", (string?)problem["invalidParams"]![0]!["name"]);

        var batch = new JsonArray([.. new[] { 2, 11, 3 }.Select(i => (JsonNode)TestMessages.IncidentJson(i))]).ToJsonString();
        (status, var result) = await PostAsync(server.Address, new StringContent(batch), HttpBinding.Batch);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["geaccepteerd", "geweigerd", "geaccepteerd"], result!["resultaten"]!.AsArray().Select(r => (string?)r!["status"]));
        Assert.Equal(["bericht-000002", "bericht-000003"], seen);
    }
}
