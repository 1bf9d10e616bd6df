namespace Vr.Standaarden.Transport;

/// <summary>
/// A message as a binding delivers it to a receiver, with the binding's way to settle it. A binding redelivers what is
/// neither acknowledged nor rejected.
/// </summary>
public abstract class IncomingMessage
{
    private readonly int _deliveryCount;

    /// <summary>An incoming message of <paramref name="utf8"/>, delivered for the <paramref name="deliveryCount"/>th time.</summary>
    protected IncomingMessage(ReadOnlyMemory<byte> utf8, int deliveryCount)
    {
        Utf8 = utf8;
        _deliveryCount = deliveryCount;
    }

    /// <summary>The message's bytes as the binding delivered them.</summary>
    public ReadOnlyMemory<byte> Utf8 { get; }

    /// <summary>
    /// How often the binding has delivered this message, this time included (1 the first time). A binding that learns it
    /// at a cost (from a broker's metadata) overrides this to read it only when asked.
    /// </summary>
    public virtual int DeliveryCount => _deliveryCount;

    /// <summary>Whether the binding will not deliver the message again after a <see cref="RetryAsync"/>.</summary>
    public virtual bool IsLastDelivery => false;

    /// <summary>The message is handled (or was already): the binding forgets it.</summary>
    public abstract ValueTask AcknowledgeAsync(CancellationToken cancellationToken = default);

    /// <summary>Handling failed for a reason that may pass: deliver it again after <paramref name="delay"/>.</summary>
    public abstract ValueTask RetryAsync(TimeSpan delay, CancellationToken cancellationToken = default);

    /// <summary>
    /// The message can never be accepted: the binding keeps it where people can look at it (a dead-letter subject) with
    /// <paramref name="outcome"/>'s reasons, and does not deliver it again.
    /// </summary>
    public abstract ValueTask RejectAsync(ReceiveOutcome outcome, CancellationToken cancellationToken = default);
}

/// <summary>Where a receiver reads messages from: a binding's subscription, consumer or queue.</summary>
public interface IMessageSource
{
    /// <summary>The messages as they arrive, until <paramref name="cancellationToken"/> is cancelled.</summary>
    IAsyncEnumerable<IncomingMessage> ReadAllAsync(CancellationToken cancellationToken = default);
}
