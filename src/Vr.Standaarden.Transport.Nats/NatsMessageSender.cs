using NATS.Client.Core;
using NATS.Client.JetStream;

namespace Vr.Standaarden.Transport.Nats;

/// <summary>How a <see cref="NatsMessageSender"/> publishes.</summary>
public sealed class NatsSenderOptions
{
    /// <summary>
    /// The subject of a message; by default the scheme's <c>vr.N.E</c> for <see cref="Node"/>
    /// (<see cref="NatsSubjects.For"/>).
    /// </summary>
    public Func<TransportMessage, string>? Subject { get; set; }

    /// <summary>The sending node (<c>VR06</c>, <c>landelijk</c>); needed when <see cref="Subject"/> is not set.</summary>
    public string? Node { get; set; }

    /// <summary>How many publishes of one batch wait for their acknowledgement at the same time; 64 by default.</summary>
    public int MaxInFlight { get; set; } = 64;
}

/// <summary>
/// Sends messages to JetStream in the NATS protocol binding's structured mode: the message's bytes unchanged as the
/// payload, <c>Content-Type: application/cloudevents+json</c>, and <c>Nats-Msg-Id</c> set to the message's
/// de-duplication key over <c>source</c> and <c>id</c>, so the stream stores a message once however often it is sent
/// within its duplicate window. A message counts as delivered when the stream acknowledged it.
/// </summary>
public sealed class NatsMessageSender : IMessageSender
{
    /// <summary>The content type of a message in structured mode.</summary>
    public const string ContentType = "application/cloudevents+json; charset=utf-8";

    private readonly INatsJSContext _js;
    private readonly Func<TransportMessage, string> _subject;
    private readonly int _maxInFlight;

    /// <summary>A sender on <paramref name="js"/>.</summary>
    /// <exception cref="ArgumentException">Neither a subject function nor a node is set.</exception>
    public NatsMessageSender(INatsJSContext js, NatsSenderOptions options)
    {
        ArgumentNullException.ThrowIfNull(js);
        ArgumentNullException.ThrowIfNull(options);
        _js = js;
        if (options.Subject is null && options.Node is null)
        {
            throw new ArgumentException("Set NatsSenderOptions.Node (the sending node, such as VR06) or NatsSenderOptions.Subject.", nameof(options));
        }

        if (options.Subject is { } subject)
        {
            _subject = subject;
        }
        else
        {
            // The node's token once; the subject per entity once.
            var prefix = $"{NatsSubjects.Prefix}.{NatsSubjects.Node(options.Node!)}.";
            var subjects = new System.Collections.Concurrent.ConcurrentDictionary<string, string>(StringComparer.Ordinal);
            _subject = m => subjects.GetOrAdd(m.Type, _ => prefix + NatsSubjects.EntityToken(m));
        }

        _maxInFlight = Math.Max(1, options.MaxInFlight);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<DeliveryOutcome>> SendAsync(IReadOnlyList<TransportMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var outcomes = new DeliveryOutcome[messages.Count];
        for (var start = 0; start < messages.Count; start += _maxInFlight)
        {
            var end = Math.Min(messages.Count, start + _maxInFlight);
            var pending = new Task<DeliveryOutcome>[end - start];
            for (var i = start; i < end; i++)
            {
                pending[i - start] = PublishAsync(messages[i], cancellationToken);
            }

            for (var i = start; i < end; i++)
            {
                outcomes[i] = await pending[i - start].ConfigureAwait(false);
            }
        }

        return outcomes;
    }

    private async Task<DeliveryOutcome> PublishAsync(TransportMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        string subject;
        try
        {
            subject = _subject(message);
        }
        catch (ArgumentException e)
        {
            return new DeliveryOutcome(message, DeliveryStatus.Refused, "VR-NATS-001", e.Message);
        }

        try
        {
            var headers = new NatsHeaders { ["Content-Type"] = ContentType };
            var ack = await _js.PublishAsync(subject, message.Utf8, NatsRawSerializer<ReadOnlyMemory<byte>>.Default, new NatsJSPubOpts { MsgId = message.DeduplicationKey }, headers, cancellationToken).ConfigureAwait(false);
            if (ack.Error is { } error)
            {
                return new DeliveryOutcome(message, DeliveryStatus.Failed, "VR-NATS-002", $"The stream refused the publish on {subject}: {error.Code} {error.Description}");
            }

            return new DeliveryOutcome(message, ack.Duplicate ? DeliveryStatus.Duplicate : DeliveryStatus.Accepted);
        }
        catch (Exception e) when (e is NatsException or TimeoutException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new DeliveryOutcome(message, DeliveryStatus.Failed, "VR-NATS-003", $"No acknowledgement for {subject}: {e.Message}");
        }
    }
}
