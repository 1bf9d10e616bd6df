using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Vr.Standaarden.Transport.Nats;

/// <summary>How a node's streams are made.</summary>
public sealed class NatsStreamOptions
{
    /// <summary>
    /// How long the stream remembers a <c>Nats-Msg-Id</c> to refuse the same message again; 10 minutes by default, long
    /// enough for a sender's retries across a broker restart. The receivers' inboxes remember for good.
    /// </summary>
    public TimeSpan DuplicateWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long messages stay in the stream; 30 days by default (a message's own <c>bewaartermijn</c> is the receivers' business).</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Store in files (the default) or in memory.</summary>
    public bool InMemory { get; set; }
}

/// <summary>
/// A node whose stream another node sources: its node token and, across a leaf node, its JetStream domain. Only the
/// node's own subjects (<c>vr.N.&gt;</c>) are sourced, so two nodes that source each other never send a message back.
/// </summary>
/// <param name="Node">The node (<c>VR06</c>).</param>
/// <param name="Domain">Its JetStream domain, or <c>null</c> when it runs in the same domain.</param>
public sealed record NatsSourceNode(string Node, string? Domain = null);

/// <summary>Creates the streams of the subject scheme (<see cref="NatsSubjects"/>); every call may be repeated.</summary>
public static class NatsStreams
{
    /// <summary>
    /// Creates (or updates) node <paramref name="node"/>'s stream on <c>vr.N.&gt;</c>, de-duplicating on
    /// <c>Nats-Msg-Id</c>, and its dead-letter stream on <c>vr-dlq.N.&gt;</c>. When <paramref name="sources"/> are
    /// given, the stream also sources their streams (a national stream sourcing the regional ones, across domains).
    /// </summary>
    /// <returns>The stream's name.</returns>
    public static async Task<string> EnsureNodeAsync(INatsJSContext js, string node, NatsStreamOptions? options = null, IEnumerable<NatsSourceNode>? sources = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(js);
        options ??= new NatsStreamOptions();
        var storage = options.InMemory ? StreamConfigStorage.Memory : StreamConfigStorage.File;
        var name = NatsSubjects.Stream(node);
        var config = new StreamConfig(name, [NatsSubjects.Wildcard(node)])
        {
            Description = $"Messages of the standard of node {NatsSubjects.Node(node)}.",
            Storage = storage,
            DuplicateWindow = options.DuplicateWindow,
            MaxAge = options.MaxAge,
            Retention = StreamConfigRetention.Limits,
            Discard = StreamConfigDiscard.Old,
        };
        var sourceList = sources?.ToList();
        if (sourceList is { Count: > 0 })
        {
            config.Sources = [.. sourceList.Select(s => new StreamSource { Name = NatsSubjects.Stream(s.Node), Domain = s.Domain, FilterSubject = NatsSubjects.Wildcard(s.Node) })];
        }

        await js.CreateOrUpdateStreamAsync(config, cancellationToken).ConfigureAwait(false);
        var deadLetters = NatsSubjects.DeadLetterStream(node);
        await js.CreateOrUpdateStreamAsync(new StreamConfig(deadLetters, [$"{NatsSubjects.DeadLetterPrefix}.{NatsSubjects.Node(node)}.>"])
        {
            Description = $"Messages node {NatsSubjects.Node(node)}'s consumers could never accept, with the reason in the headers.",
            Storage = storage,
            DuplicateWindow = options.DuplicateWindow,
            MaxAge = options.MaxAge,
        }, cancellationToken).ConfigureAwait(false);
        return name;
    }
}
