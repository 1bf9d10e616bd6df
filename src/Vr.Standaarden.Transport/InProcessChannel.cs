using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Vr.Standaarden.Transport;

/// <summary>
/// The in-process binding: a queue in memory between a sender and a receiver in the same process, for tests and for a
/// node on the embedded default. It acknowledges a message when the queue holds it, redelivers what a receiver retries
/// (up to <see cref="MaxDeliveries"/>), and keeps rejected messages in <see cref="DeadLetters"/> with their outcome.
/// Nothing survives the process; put a <c>SqliteOutbox</c> (Vr.Standaarden.Transport.Sqlite) in front where that matters.
/// </summary>
public sealed class InProcessChannel : IMessageSender, IMessageSource
{
    private readonly Channel<Delivery> _queue = Channel.CreateUnbounded<Delivery>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });
    private readonly ConcurrentQueue<(TransportMessage Message, ReceiveOutcome Outcome)> _dead = new();

    /// <summary>A channel that delivers each message at most <paramref name="maxDeliveries"/> times (5 by default).</summary>
    public InProcessChannel(int maxDeliveries = 5)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDeliveries, 1);
        MaxDeliveries = maxDeliveries;
    }

    /// <summary>How often a message is delivered before a failure rejects it.</summary>
    public int MaxDeliveries { get; }

    /// <summary>The messages rejected, with the outcome that rejected them.</summary>
    public IReadOnlyCollection<(TransportMessage Message, ReceiveOutcome Outcome)> DeadLetters => _dead;

    /// <summary>Ends the channel: readers finish once the queue is empty.</summary>
    public void Complete() => _queue.Writer.TryComplete();

    /// <inheritdoc/>
    public Task<IReadOnlyList<DeliveryOutcome>> SendAsync(IReadOnlyList<TransportMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var outcomes = new DeliveryOutcome[messages.Count];
        for (var i = 0; i < messages.Count; i++)
        {
            outcomes[i] = _queue.Writer.TryWrite(new Delivery(this, messages[i], 1))
                ? new DeliveryOutcome(messages[i], DeliveryStatus.Accepted)
                : new DeliveryOutcome(messages[i], DeliveryStatus.Failed, TransportCodes.Unavailable, "The channel is complete.");
        }

        return Task.FromResult<IReadOnlyList<DeliveryOutcome>>(outcomes);
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<IncomingMessage> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var delivery in _queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return delivery;
        }
    }

    private sealed class Delivery(InProcessChannel channel, TransportMessage message, int count) : IncomingMessage(message.Utf8, count)
    {
        public override bool IsLastDelivery => DeliveryCount >= channel.MaxDeliveries;

        public override ValueTask AcknowledgeAsync(CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public override ValueTask RetryAsync(TimeSpan delay, CancellationToken cancellationToken = default)
        {
            var next = new Delivery(channel, message, DeliveryCount + 1);
            if (delay <= TimeSpan.Zero)
            {
                channel._queue.Writer.TryWrite(next);
            }
            else
            {
                _ = Task.Delay(delay, CancellationToken.None).ContinueWith(_ => channel._queue.Writer.TryWrite(next), TaskScheduler.Default);
            }

            return ValueTask.CompletedTask;
        }

        public override ValueTask RejectAsync(ReceiveOutcome outcome, CancellationToken cancellationToken = default)
        {
            channel._dead.Enqueue((message, outcome));
            return ValueTask.CompletedTask;
        }
    }
}
