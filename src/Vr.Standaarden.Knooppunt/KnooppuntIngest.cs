using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Vr.Standaarden.Transport;

namespace Vr.Standaarden.Knooppunt;

/// <summary>
/// The last steps of a node's ingest: after a <see cref="MessageReceiver"/> verified, validated and applied the sharing
/// policy, each accepted message is written to the <see cref="MessageLog"/> (the record, once per <c>source</c> +
/// <c>id</c>) and merged into the live <see cref="SituationPicture"/>. Opening replays the log, so a restart resumes
/// where the node stopped; a message the log already holds changes nothing, so a redelivery has one effect. Counted on
/// the meter <c>Vr.Standaarden.Knooppunt</c> (<c>vr.knooppunt.ingested</c>, tagged <c>vr.result</c> new or duplicate).
/// </summary>
public sealed class KnooppuntIngest : IDisposable
{
    /// <summary>The name of the meter.</summary>
    public const string MeterName = "Vr.Standaarden.Knooppunt";

    private static readonly Meter Meter = new(MeterName);
    private static readonly ActivitySource Tracing = new(MeterName);
    private static readonly Counter<long> Ingested = Meter.CreateCounter<long>("vr.knooppunt.ingested", "{message}", "Messages taken into the record, by result.");
    private readonly Lock _gate = new();
    private readonly PictureOptions? _options;
    private readonly AsyncLocal<List<(JsonObject Message, string Text)>?> _batch = new();

    /// <summary>Opens the record in <paramref name="logPath"/> and rebuilds the picture from it.</summary>
    public KnooppuntIngest(string logPath, PictureOptions? options = null)
    {
        _options = options;
        Log = new MessageLog(logPath);
        Inbox = new RecordInbox(this);
        Picture = new SituationPicture(options);
        foreach (var message in Log.Until())
        {
            Picture.Apply(message);
        }
    }

    /// <summary>The record.</summary>
    public MessageLog Log { get; }

    /// <summary>
    /// The record as a receiver's inbox (<see cref="ReceiverOptions.Inbox"/>): a message the record holds is a duplicate,
    /// and an accepted one is recorded and merged when the receiver commits, so acceptance and effect are one step.
    /// </summary>
    public IInbox Inbox { get; }

    /// <summary>The live picture. Read it under <see cref="Read{T}"/> while messages come in.</summary>
    public SituationPicture Picture { get; }

    /// <summary>Raised after messages changed the picture (outside the lock; handlers must be quick and must not throw).</summary>
    public event EventHandler<PictureChangedEventArgs>? Changed;

    /// <summary>Takes one accepted message; <c>false</c> when the record already held it.</summary>
    public bool Ingest(JsonObject message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return IngestMany([message])[0];
    }

    /// <summary>
    /// Takes accepted messages into the record in one transaction and then into the picture; per message <c>false</c>
    /// when the record already held it. Traced as <c>knooppunt.opslaan</c> and <c>knooppunt.samenvoegen</c>.
    /// </summary>
    public IReadOnlyList<bool> IngestMany(IReadOnlyList<JsonObject> messages) => IngestMany(messages, null);

    /// <summary>As <see cref="IngestMany(IReadOnlyList{JsonObject})"/>, recording <paramref name="texts"/> (the messages as they arrived) where given.</summary>
    internal IReadOnlyList<bool> IngestMany(IReadOnlyList<JsonObject> messages, IReadOnlyList<string?>? texts)
    {
        ArgumentNullException.ThrowIfNull(messages);
        IReadOnlyList<bool> added;
        var changed = new List<JsonObject>();
        lock (_gate)
        {
            using (var store = Tracing.StartActivity("knooppunt.opslaan"))
            {
                added = Log.AddMany(messages, texts);
                store?.SetTag("vr.count", messages.Count);
            }

            using var merge = Tracing.StartActivity("knooppunt.samenvoegen");
            for (var i = 0; i < messages.Count; i++)
            {
                if (added[i])
                {
                    Picture.Apply(messages[i]);
                    changed.Add(messages[i]);
                }
            }

            merge?.SetTag("vr.count", changed.Count);
        }

        var fresh = changed.Count;
        Ingested.Add(fresh, new KeyValuePair<string, object?>("vr.result", "new"));
        Ingested.Add(messages.Count - fresh, new KeyValuePair<string, object?>("vr.result", "duplicate"));
        if (fresh > 0)
        {
            Changed?.Invoke(this, new PictureChangedEventArgs([.. changed.Select(m => ((string?)m["type"] ?? "", (string?)m["data"]?["id"] ?? ""))]));
        }

        return added;
    }

    /// <summary>
    /// Receives a batch through <paramref name="receiver"/> (attached with <see cref="Attach"/>, with <see cref="Inbox"/>
    /// as its inbox or its de-duplication off: the record de-duplicates) and takes the accepted messages into the record in
    /// one transaction. An accepted message the record already held is reported as a duplicate.
    /// </summary>
    /// <exception cref="InvalidOperationException">The receiver keeps an inbox of its own, which would commit before the record.</exception>
    public async Task<IReadOnlyList<ReceiveOutcome>> ReceiveBatchAsync(MessageReceiver receiver, IReadOnlyList<ReadOnlyMemory<byte>> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(messages);
        var batch = new List<(JsonObject Message, string Text)>();
        var index = new List<int>();
        var outcomes = new ReceiveOutcome[messages.Count];
        _batch.Value = batch;
        try
        {
            for (var i = 0; i < messages.Count; i++)
            {
                var before = batch.Count;
                outcomes[i] = await receiver.ReceiveAsync(messages[i], 1, cancellationToken).ConfigureAwait(false);
                if (batch.Count > before)
                {
                    index.Add(i);
                }
            }
        }
        finally
        {
            _batch.Value = null;
        }

        var added = IngestMany([.. batch.Select(b => b.Message)], [.. batch.Select(b => (string?)b.Text)]);
        for (var j = 0; j < added.Count; j++)
        {
            if (!added[j])
            {
                outcomes[index[j]] = outcomes[index[j]] with { Status = ReceiveStatus.Duplicate };
            }
        }

        return outcomes;
    }

    /// <summary>Reads the picture consistently while messages come in.</summary>
    public T Read<T>(Func<SituationPicture, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        lock (_gate)
        {
            return read(Picture);
        }
    }

    /// <summary>The picture as it was at <paramref name="moment"/>, rebuilt from the record.</summary>
    public SituationPicture At(DateTimeOffset moment) => SituationPicture.At(Log.Until(moment), moment, _options);

    /// <summary>
    /// Makes <paramref name="receiver"/> hand every accepted message (any type) to the record: when the receiver's inbox is
    /// <see cref="Inbox"/>, as part of the receiver's commit (a redelivery is then reported as a duplicate); with
    /// de-duplication off, at once through <see cref="Ingest"/>.
    /// </summary>
    public MessageReceiver Attach(MessageReceiver receiver)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        return receiver.HandleOther((received, _) =>
        {
            // The sharing policy read the message already (as delivered, minimised where it said so): use its reading.
            var message = received.Sharing?.Message ?? JsonNode.Parse(received.Raw.Utf8.Span)!.AsObject();
            var text = System.Text.Encoding.UTF8.GetString(received.Raw.Utf8.Span);
            if (received.Inbox is RecordEntry entry && entry.Ingest == this)
            {
                // Recorded when the receiver commits; in a batch, with the batch.
                if (_batch.Value is { } batched)
                {
                    batched.Add((message, text));
                }
                else
                {
                    (entry.Message, entry.Text) = (message, text);
                }
            }
            else if (_batch.Value is { } batch)
            {
                if (received.Inbox is not null)
                {
                    throw new InvalidOperationException("A batch is taken into the record as a whole, so the receiver's own inbox would commit first: make it with DeduplicationMode.Off (the record de-duplicates).");
                }

                batch.Add((message, text));
            }
            else
            {
                IngestMany([message], [text]);
            }

            return ValueTask.CompletedTask;
        });
    }

    /// <inheritdoc/>
    public void Dispose() => Log.Dispose();
}

/// <summary>The record of a <see cref="KnooppuntIngest"/> as a receiver's inbox.</summary>
internal sealed class RecordInbox(KnooppuntIngest ingest) : IInbox
{
    public ValueTask<bool> ContainsAsync(string source, string id, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(ingest.Log.Contains(source, id));

    public ValueTask<InboxEntry?> BeginAsync(string source, string id, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<InboxEntry?>(ingest.Log.Contains(source, id) ? null : new RecordEntry(ingest));
}

/// <summary>An accepted message on its way into the record: recorded and merged on commit.</summary>
internal sealed class RecordEntry(KnooppuntIngest ingest) : InboxEntry
{
    public KnooppuntIngest Ingest => ingest;

    public JsonObject? Message { get; set; }

    public string? Text { get; set; }

    public override ValueTask CommitAsync(CancellationToken cancellationToken = default)
    {
        if (Message is { } message)
        {
            ingest.IngestMany([message], [Text]);
        }

        return ValueTask.CompletedTask;
    }

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>Which messages changed the picture: their type and their data's id.</summary>
public sealed class PictureChangedEventArgs : EventArgs
{
    internal PictureChangedEventArgs(IReadOnlyList<(string Type, string Id)> messages) => Messages = messages;

    /// <summary>The type and data id of each message that changed the picture, in order.</summary>
    public IReadOnlyList<(string Type, string Id)> Messages { get; }
}

/// <summary>Registration of a node's building blocks in a service collection.</summary>
public static class KnooppuntServiceCollectionExtensions
{
    /// <summary>
    /// Registers a <see cref="KnooppuntIngest"/> (singleton) whose record is <c>berichten.db</c> in
    /// <paramref name="dataFolder"/> (created when missing), with the picture's options set by <paramref name="configure"/>.
    /// </summary>
    public static IServiceCollection AddKnooppunt(this IServiceCollection services, string dataFolder, Action<PictureOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(dataFolder);
        var options = new PictureOptions();
        configure?.Invoke(options);
        services.AddSingleton(options);
        services.AddSingleton(_ =>
        {
            Directory.CreateDirectory(dataFolder);
            return new KnooppuntIngest(Path.Combine(dataFolder, "berichten.db"), options);
        });
        return services;
    }
}
