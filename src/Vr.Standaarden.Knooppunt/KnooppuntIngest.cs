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
    private static readonly Counter<long> Ingested = Meter.CreateCounter<long>("vr.knooppunt.ingested", "{message}", "Messages taken into the record, by result.");
    private readonly Lock _gate = new();
    private readonly PictureOptions? _options;

    /// <summary>Opens the record in <paramref name="logPath"/> and rebuilds the picture from it.</summary>
    public KnooppuntIngest(string logPath, PictureOptions? options = null)
    {
        _options = options;
        Log = new MessageLog(logPath);
        Picture = new SituationPicture(options);
        foreach (var message in Log.Until())
        {
            Picture.Apply(message);
        }
    }

    /// <summary>The record.</summary>
    public MessageLog Log { get; }

    /// <summary>The live picture. Read it under <see cref="Read{T}"/> while messages come in.</summary>
    public SituationPicture Picture { get; }

    /// <summary>Takes one accepted message; <c>false</c> when the record already held it.</summary>
    public bool Ingest(JsonObject message)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (_gate)
        {
            if (!Log.Add(message))
            {
                Ingested.Add(1, new KeyValuePair<string, object?>("vr.result", "duplicate"));
                return false;
            }

            Picture.Apply(message);
            Ingested.Add(1, new KeyValuePair<string, object?>("vr.result", "new"));
            return true;
        }
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

    /// <summary>Makes <paramref name="receiver"/> hand every accepted message (any type) to <see cref="Ingest"/>.</summary>
    public MessageReceiver Attach(MessageReceiver receiver)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        return receiver.HandleOther((received, _) =>
        {
            Ingest(JsonNode.Parse(received.Raw.Utf8.Span)!.AsObject());
            return ValueTask.CompletedTask;
        });
    }

    /// <inheritdoc/>
    public void Dispose() => Log.Dispose();
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
