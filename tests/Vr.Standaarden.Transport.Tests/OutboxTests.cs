namespace Vr.Standaarden.Transport.Tests;

public sealed class OutboxTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vr-uit-").FullName;

    public void Dispose() => Directory.Delete(_folder, true);

    [Fact]
    public async Task A_message_is_stored_before_it_is_sent_and_survives_a_restart_while_the_target_is_down()
    {
        var path = Path.Combine(_folder, "uit.db");
        using (var outbox = new SqliteOutbox(path, new OutboxOptions { RetryDelay = TimeSpan.FromMilliseconds(10) }))
        {
            Assert.Equal(3, await outbox.AddAsync(TestMessages.Incidents(3)));
            Assert.Equal(0, await outbox.AddAsync(TestMessages.Incidents(2)));
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            var down = new Scripted(_ => DeliveryStatus.Failed);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => outbox.DeliverAsync(down, cts.Token));
            Assert.True(down.Calls >= 2);
            Assert.Equal(new OutboxCounts(3, 0, 0, 0), outbox.Counts());
        }

        using (var reopened = new SqliteOutbox(path))
        {
            Assert.Equal(new OutboxCounts(3, 0, 0, 0), reopened.Counts());
            var up = new Scripted(m => m.Id == "bericht-000001" ? DeliveryStatus.Refused : m.Id == "bericht-000002" ? DeliveryStatus.Duplicate : DeliveryStatus.Accepted);
            var counts = await reopened.DeliverAsync(up);
            Assert.Equal(new OutboxCounts(0, 2, 1, 1), counts);
            Assert.Equal(["bericht-000000", "bericht-000001", "bericht-000002"], up.Seen);
            var refusal = Assert.Single(reopened.Refusals());
            Assert.Equal(("bericht-000001", "VR-TEST-001"), (refusal.Id, refusal.Code));

            // Refused and delivered messages are not sent again.
            Assert.Equal(0, await reopened.AddAsync(TestMessages.Incidents(3)));
            await reopened.DeliverAsync(up);
            Assert.Equal(3, up.Seen.Count);
        }
    }

    [Fact]
    public async Task The_in_process_channel_acknowledges_and_hands_over_in_order()
    {
        var channel = new InProcessChannel();
        var outcomes = await channel.SendAsync(TestMessages.Incidents(3));
        Assert.All(outcomes, o => Assert.True(o.IsAcknowledged));
        channel.Complete();
        var ids = new List<string>();
        await foreach (var incoming in channel.ReadAllAsync())
        {
            ids.Add(TransportMessage.Parse(incoming.Utf8).Id);
        }

        Assert.Equal(["bericht-000000", "bericht-000001", "bericht-000002"], ids);
        var late = await channel.SendAsync([TestMessages.Incident(9)]);
        Assert.Equal(DeliveryStatus.Failed, late[0].Status);
    }

    [Theory]
    [InlineData("[]", "", "A message is a JSON object")]
    [InlineData("{\"id\":\"a\",\"type\":\"t\"}", "/source", "source")]
    [InlineData("{\"source\":\"s\",\"type\":\"t\"}", "/id", "'id'")]
    [InlineData("{\"source\":\"s\",\"id\":\"a\"}", "/type", "'type'")]
    [InlineData("{\"source\":\"s\",\"id\":\"a\",", "", "ends before its value is complete")]
    public void Bytes_that_are_not_a_message_are_refused_with_where(string json, string location, string text)
    {
        var error = Assert.Throws<TransportMessageException>(() => TransportMessage.Parse(System.Text.Encoding.UTF8.GetBytes(json)));
        Assert.Equal(location, error.Location);
        Assert.Contains(text, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_deduplication_key_depends_on_source_and_id_without_ambiguity()
    {
        var a = TransportMessage.Parse("""{"source":"ab","id":"c","type":"nl.veiligheidsregio.incident.v1"}"""u8.ToArray());
        var b = TransportMessage.Parse("""{"source":"a","id":"bc","type":"nl.veiligheidsregio.incident.v1"}"""u8.ToArray());
        Assert.NotEqual(a.DeduplicationKey, b.DeduplicationKey);
        Assert.Matches("^[0-9a-f]{64}$", a.DeduplicationKey);
        Assert.Equal("incident", a.Entity);
    }

    private sealed class Scripted(Func<TransportMessage, DeliveryStatus> status) : IMessageSender
    {
        public int Calls { get; private set; }

        public List<string> Seen { get; } = [];

        public Task<IReadOnlyList<DeliveryOutcome>> SendAsync(IReadOnlyList<TransportMessage> messages, CancellationToken cancellationToken = default)
        {
            Calls++;
            var outcomes = messages.Select(m =>
            {
                var s = status(m);
                if (s != DeliveryStatus.Failed)
                {
                    Seen.Add(m.Id);
                }

                return new DeliveryOutcome(m, s, s == DeliveryStatus.Refused ? "VR-TEST-001" : null);
            }).ToList();
            return Task.FromResult<IReadOnlyList<DeliveryOutcome>>(outcomes);
        }
    }
}
