namespace Vr.Standaarden.Transport;

/// <summary>What became of a message handed to a binding.</summary>
public enum DeliveryStatus
{
    /// <summary>The receiving side acknowledged it: it is stored there (a broker's stream, the receiver's inbox).</summary>
    Accepted,

    /// <summary>The receiving side already had it (same <c>source</c> and <c>id</c>); nothing changed there.</summary>
    Duplicate,

    /// <summary>The receiving side refused it for good (invalid, badly signed, not to be shared); sending again will not help.</summary>
    Refused,

    /// <summary>It did not arrive for a reason that may pass (outage, time-out, 503); it may be sent again.</summary>
    Failed,
}

/// <summary>The outcome of sending one message.</summary>
/// <param name="Message">The message.</param>
/// <param name="Status">What became of it.</param>
/// <param name="Code">For <see cref="DeliveryStatus.Refused"/>, the receiver's code (such as <c>VR-SIG-011</c>); for <see cref="DeliveryStatus.Failed"/>, the binding's.</param>
/// <param name="Detail">A sentence that says why, for <see cref="DeliveryStatus.Refused"/> and <see cref="DeliveryStatus.Failed"/>.</param>
public sealed record DeliveryOutcome(TransportMessage Message, DeliveryStatus Status, string? Code = null, string? Detail = null)
{
    /// <summary>Whether the receiving side has the message (<see cref="DeliveryStatus.Accepted"/> or <see cref="DeliveryStatus.Duplicate"/>).</summary>
    public bool IsAcknowledged => Status is DeliveryStatus.Accepted or DeliveryStatus.Duplicate;
}

/// <summary>
/// Sends messages over one binding. A sender reports every message's outcome and does not throw for a message that
/// failed to arrive; it throws only for misuse (<see cref="ArgumentException"/>) and cancellation.
/// </summary>
public interface IMessageSender
{
    /// <summary>Sends <paramref name="messages"/> in order and returns one outcome per message, in the same order.</summary>
    Task<IReadOnlyList<DeliveryOutcome>> SendAsync(IReadOnlyList<TransportMessage> messages, CancellationToken cancellationToken = default);
}

/// <summary>Convenience methods on <see cref="IMessageSender"/>.</summary>
public static class MessageSenderExtensions
{
    /// <summary>Sends one message.</summary>
    public static async Task<DeliveryOutcome> SendAsync(this IMessageSender sender, TransportMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(message);
        var outcomes = await sender.SendAsync([message], cancellationToken).ConfigureAwait(false);
        return outcomes[0];
    }
}
