using NATS.Client.Core;
using NATS.Client.JetStream;
using Vr.Standaarden.Model;
using Vr.Standaarden.Testing;
using Vr.Standaarden.Transport.Nats;

namespace Vr.Standaarden.Transport.Tests.Nats;

public sealed class NatsBindingTests : IDisposable
{
    private readonly NatsServer _server = NatsServer.StartJetStream();
    private readonly string _folder = Directory.CreateTempSubdirectory("vr-transport-").FullName;

    public void Dispose()
    {
        _server.Dispose();
        Directory.Delete(_folder, true);
    }

    [Fact]
    public async Task Messages_sent_to_a_node_arrive_typed_once_each_through_the_pipeline()
    {
        await using var nats = new NatsConnection(new NatsOpts { Url = _server.Url });
        var js = new NatsJSContext(nats);
        await NatsStreams.EnsureNodeAsync(js, "VR15");
        var sender = new NatsMessageSender(js, new NatsSenderOptions { Node = "VR15" });

        var messages = TestMessages.Incidents(200);
        var outcomes = await sender.SendAsync(messages);
        Assert.All(outcomes, o => Assert.Equal(DeliveryStatus.Accepted, o.Status));
        var again = await sender.SendAsync(messages.Take(50).ToList());
        Assert.All(again, o => Assert.Equal(DeliveryStatus.Duplicate, o.Status));

        var stream = await js.GetStreamAsync("VR15");
        Assert.Equal(200, stream.Info.State.Messages);
        Assert.Equal(200, (await js.GetStreamAsync("VR15")).Info.State.Messages);

        using var effects = new Effects(Path.Combine(_folder, "ontvanger.db"));
        var seen = new List<string>();
        var receiver = new MessageReceiver(TestMessages.Unsigned(effects.Inbox)).Handle<Incident>((m, _) =>
        {
            seen.Add(m.Message.Data.Id);
            return Effects.Apply(m);
        });
        using var cts = new CancellationTokenSource();
        var run = receiver.RunAsync(new NatsMessageSource(js, new NatsSourceOptions { Node = "VR15", Consumer = "test" }), cts.Token);
        await effects.WaitForAsync(200, TimeSpan.FromSeconds(30));
        await cts.CancelAsync();
        await run;

        Assert.Equal(200, effects.Count);
        Assert.Equal(200, effects.Distinct);
        Assert.All(seen, id => Assert.Equal("INC-15-2026-0042", id));
    }

    [Fact]
    public async Task A_message_whose_acknowledgement_is_lost_is_delivered_again_and_has_one_effect()
    {
        await using var nats = new NatsConnection(new NatsOpts { Url = _server.Url });
        var js = new NatsJSContext(nats);
        await NatsStreams.EnsureNodeAsync(js, "VR15");
        await new NatsMessageSender(js, new NatsSenderOptions { Node = "VR15" }).SendAsync(TestMessages.Incidents(20));

        using var effects = new Effects(Path.Combine(_folder, "ontvanger.db"));
        var receiver = new MessageReceiver(TestMessages.Unsigned(effects.Inbox)).HandleOther((m, _) => Effects.Apply(m));
        var outcomes = new List<ReceiveOutcome>();
        receiver.Completed += (_, o) => { lock (outcomes) { outcomes.Add(o); } };
        using var cts = new CancellationTokenSource();
        var source = new LosingFirstAcks(new NatsMessageSource(js, new NatsSourceOptions { Node = "VR15", Consumer = "test", AckWait = TimeSpan.FromSeconds(1) }));
        var run = receiver.RunAsync(source, cts.Token);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && outcomes.Count(o => o.Status == ReceiveStatus.Duplicate) < 20)
        {
            await Task.Delay(50);
        }

        await cts.CancelAsync();
        await run;
        Assert.Equal(20, outcomes.Count(o => o.Status == ReceiveStatus.Accepted));
        Assert.Equal(20, outcomes.Count(o => o.Status == ReceiveStatus.Duplicate));
        Assert.Equal(20, effects.Count);
        Assert.Equal(20, effects.Distinct);
    }

    [Fact]
    public async Task A_refused_message_goes_to_the_dead_letters_with_its_code_and_the_rest_is_handled()
    {
        await using var nats = new NatsConnection(new NatsOpts { Url = _server.Url });
        var js = new NatsJSContext(nats);
        await NatsStreams.EnsureNodeAsync(js, "VR15");
        var bad = TestMessages.IncidentJson(1000);
        bad["data"]!["classificatie"] = 12;
        var messages = TestMessages.Incidents(5).Append(TransportMessage.Parse(System.Text.Encoding.UTF8.GetBytes(bad.ToJsonString()))).ToList();
        await new NatsMessageSender(js, new NatsSenderOptions { Node = "VR15" }).SendAsync(messages);

        using var effects = new Effects(Path.Combine(_folder, "ontvanger.db"));
        var receiver = new MessageReceiver(TestMessages.Unsigned(effects.Inbox)).HandleOther((m, _) => Effects.Apply(m));
        using var cts = new CancellationTokenSource();
        var run = receiver.RunAsync(new NatsMessageSource(js, new NatsSourceOptions { Node = "VR15", Consumer = "test" }), cts.Token);
        var dead = await NextDeadLetterAsync(js, "VR15_DLQ");
        await effects.WaitForAsync(5, TimeSpan.FromSeconds(10));
        await cts.CancelAsync();
        await run;

        Assert.Equal(5, effects.Count);
        Assert.Equal("vr-dlq.15.test", dead.Subject);
        Assert.Contains("VR-SCHEMA-001", dead.Headers!["Vr-Code"].ToString(), StringComparison.Ordinal);
        Assert.Contains("/data/classificatie", dead.Headers!["Vr-Reden"].ToString(), StringComparison.Ordinal);
        Assert.Equal("vr.15.incident", dead.Headers!["Vr-Onderwerp"].ToString());
        Assert.Equal(bad.ToJsonString(), System.Text.Encoding.UTF8.GetString(dead.Data!));
    }

    [Fact]
    public async Task A_handler_that_keeps_failing_gets_the_message_max_deliver_times_then_it_is_dead_lettered()
    {
        await using var nats = new NatsConnection(new NatsOpts { Url = _server.Url });
        var js = new NatsJSContext(nats);
        await NatsStreams.EnsureNodeAsync(js, "VR15");
        await new NatsMessageSender(js, new NatsSenderOptions { Node = "VR15" }).SendAsync(TestMessages.Incidents(1));

        using var effects = new Effects(Path.Combine(_folder, "ontvanger.db"));
        var options = TestMessages.Unsigned(effects.Inbox);
        options.RetryDelay = TimeSpan.FromMilliseconds(50);
        var attempts = 0;
        var receiver = new MessageReceiver(options).HandleOther((_, _) =>
        {
            Interlocked.Increment(ref attempts);
            throw new InvalidOperationException("the application's store is down");
        });
        using var cts = new CancellationTokenSource();
        var run = receiver.RunAsync(new NatsMessageSource(js, new NatsSourceOptions { Node = "VR15", Consumer = "test", MaxDeliver = 3 }), cts.Token);
        var dead = await NextDeadLetterAsync(js, "VR15_DLQ");
        await cts.CancelAsync();
        await run;

        Assert.Equal(3, attempts);
        Assert.Equal(0, effects.Count);
        Assert.Equal(0, effects.Inbox.Count);
        Assert.StartsWith("VR-TRANS-003", dead.Headers!["Vr-Code"].ToString(), StringComparison.Ordinal);
        Assert.Contains("the application's store is down", dead.Headers!["Vr-Reden"].ToString(), StringComparison.Ordinal);
    }

    private static async Task<NatsJSMsg<byte[]>> NextDeadLetterAsync(NatsJSContext js, string stream)
    {
        var consumer = await js.CreateOrUpdateConsumerAsync(stream, new NATS.Client.JetStream.Models.ConsumerConfig("lezer"));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await foreach (var message in consumer.ConsumeAsync(NatsRawSerializer<byte[]>.Default, cancellationToken: cts.Token))
        {
            await message.AckAsync();
            return (NatsJSMsg<byte[]>)message;
        }

        throw new TimeoutException("No dead letter arrived.");
    }

    /// <summary>Drops the first acknowledgement of every message, as a connection lost right after handling would.</summary>
    private sealed class LosingFirstAcks(IMessageSource inner) : IMessageSource
    {
        public async IAsyncEnumerable<IncomingMessage> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await foreach (var message in inner.ReadAllAsync(cancellationToken))
            {
                yield return message.DeliveryCount == 1 ? new Unacknowledged(message) : message;
            }
        }

        private sealed class Unacknowledged(IncomingMessage inner) : IncomingMessage(inner.Utf8, inner.DeliveryCount)
        {
            public override ValueTask AcknowledgeAsync(CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

            public override ValueTask RetryAsync(TimeSpan delay, CancellationToken cancellationToken = default) => inner.RetryAsync(delay, cancellationToken);

            public override ValueTask RejectAsync(ReceiveOutcome outcome, CancellationToken cancellationToken = default) => inner.RejectAsync(outcome, cancellationToken);
        }
    }
}
