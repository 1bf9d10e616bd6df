using System.Globalization;
using System.Runtime.CompilerServices;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Vr.Standaarden.Transport.Nats;

/// <summary>How a <see cref="NatsMessageSource"/> consumes.</summary>
public sealed class NatsSourceOptions
{
    /// <summary>The node whose stream is read (<c>VR06</c>, <c>landelijk</c>).</summary>
    public required string Node { get; set; }

    /// <summary>The durable consumer's name (letters, digits, <c>-</c> and <c>_</c>); it remembers where the receiver is across restarts.</summary>
    public required string Consumer { get; set; }

    /// <summary>Only these subjects (such as <c>vr.06.incident</c>); all of the stream when not set.</summary>
    public string? FilterSubject { get; set; }

    /// <summary>How often a message is delivered before a failure sends it to the dead letters; 5 by default.</summary>
    public int MaxDeliver { get; set; } = 5;

    /// <summary>How long the server waits for an acknowledgement before it delivers again; 30 s by default.</summary>
    public TimeSpan AckWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many messages the consumer pulls at once; 256 by default.</summary>
    public int BatchSize { get; set; } = 256;
}

/// <summary>
/// Reads a node's stream through a durable pull consumer with explicit acknowledgement: an accepted (or duplicate)
/// message is acked, a failed one nak'ed with a delay and delivered again up to <see cref="NatsSourceOptions.MaxDeliver"/>
/// times, and one that can never be accepted is published to the dead-letter subject
/// <c>vr-dlq.N.&lt;consumer&gt;</c> with the reason in headers (<c>Vr-Code</c>, <c>Vr-Reden</c>, <c>Vr-Stream</c>,
/// <c>Vr-Volgnummer</c>) and then terminated, so it is neither lost nor delivered again.
/// </summary>
public sealed class NatsMessageSource : IMessageSource
{
    private readonly INatsJSContext _js;
    private readonly NatsSourceOptions _options;

    /// <summary>A source on <paramref name="js"/>.</summary>
    public NatsMessageSource(INatsJSContext js, NatsSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(js);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Consumer);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxDeliver, 1);
        _js = js;
        _options = options;
    }

    /// <summary>Creates (or updates) the durable consumer; <see cref="ReadAllAsync"/> does so too.</summary>
    public async Task<INatsJSConsumer> EnsureConsumerAsync(CancellationToken cancellationToken = default)
    {
        var config = new ConsumerConfig(_options.Consumer)
        {
            AckPolicy = ConsumerConfigAckPolicy.Explicit,
            AckWait = _options.AckWait,
            MaxDeliver = _options.MaxDeliver,
            DeliverPolicy = ConsumerConfigDeliverPolicy.All,
            MaxAckPending = Math.Max(1000, _options.BatchSize * 4),
        };
        if (_options.FilterSubject is { } filter)
        {
            config.FilterSubject = filter;
        }

        return await _js.CreateOrUpdateConsumerAsync(NatsSubjects.Stream(_options.Node), config, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<IncomingMessage> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var consumer = await EnsureConsumerAsync(cancellationToken).ConfigureAwait(false);
        var opts = new NatsJSConsumeOpts { MaxMsgs = _options.BatchSize };
        await foreach (var message in consumer.ConsumeAsync(NatsRawSerializer<byte[]>.Default, opts, cancellationToken).ConfigureAwait(false))
        {
            yield return new Incoming(this, message);
        }
    }

    private sealed class Incoming(NatsMessageSource source, INatsJSMsg<byte[]> message)
        : IncomingMessage(message.Data ?? [], 1)
    {
        private int _deliveryCount;

        /// <summary>From the acknowledgement subject's metadata, parsed the first time it is asked for.</summary>
        public override int DeliveryCount => _deliveryCount > 0 ? _deliveryCount : _deliveryCount = (int)(message.Metadata?.NumDelivered ?? 1);

        public override bool IsLastDelivery => DeliveryCount >= source._options.MaxDeliver;

        public override ValueTask AcknowledgeAsync(CancellationToken cancellationToken = default) =>
            message.AckAsync(cancellationToken: cancellationToken);

        public override ValueTask RetryAsync(TimeSpan delay, CancellationToken cancellationToken = default) =>
            message.NakAsync(new AckOpts { NakDelay = delay }, cancellationToken);

        public override async ValueTask RejectAsync(ReceiveOutcome outcome, CancellationToken cancellationToken = default)
        {
            var headers = new NatsHeaders
            {
                ["Content-Type"] = NatsMessageSender.ContentType,
                ["Vr-Code"] = string.Join(' ', outcome.Problems.Select(p => p.Code).Distinct()),
                ["Vr-Reden"] = Flatten(string.Join(" | ", outcome.Problems.Select(p => p.ToString()))),
                ["Vr-Onderwerp"] = message.Subject,
            };
            if (message.Metadata is { } metadata)
            {
                headers["Vr-Stream"] = metadata.Stream;
                headers["Vr-Volgnummer"] = metadata.Sequence.Stream.ToString(CultureInfo.InvariantCulture);
            }

            var subject = NatsSubjects.DeadLetter(source._options.Node, source._options.Consumer);
            var id = message.Metadata is { } m ? $"{m.Stream}:{m.Sequence.Stream}" : Guid.NewGuid().ToString("N");
            var ack = await source._js.PublishAsync(subject, message.Data ?? [], NatsRawSerializer<byte[]>.Default, new NatsJSPubOpts { MsgId = id }, headers, cancellationToken).ConfigureAwait(false);
            ack.EnsureSuccess();
            await message.AckTerminateAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        private static string Flatten(string text)
        {
            var flat = text.Replace('\r', ' ').Replace('\n', ' ');
            return flat.Length > 2000 ? flat[..2000] : flat;
        }
    }
}
