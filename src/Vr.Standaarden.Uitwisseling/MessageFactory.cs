using System.Text.RegularExpressions;
using Vr.Standaarden.Schema.Compiled;
using Vr.Standaarden.Spec;

namespace Vr.Standaarden.Uitwisseling;

/// <summary>
/// Makes messages from entities in one call: <c>specversion</c>, <c>type</c> (<c>nl.veiligheidsregio.&lt;entiteit&gt;.v&lt;major&gt;</c>)
/// and <c>dataschema</c> from the entity's schema, a fresh <c>id</c> (UUID version 7), <c>time</c> from a
/// <see cref="TimeProvider"/>, <c>source</c> from the sender's OIN and system, and the sharing attributes; replies set
/// <c>causationid</c> and <c>correlationid</c>. Thread-safe.
/// </summary>
public sealed partial class MessageFactory
{
    private readonly TimeProvider _time;

    /// <summary>A factory for the sender <paramref name="oin"/> (and <paramref name="system"/>, as <c>:systeem:&lt;name&gt;</c>).</summary>
    /// <exception cref="ArgumentException">The OIN is not 20 characters of the OIN form, or the system name has characters a URN cannot.</exception>
    public MessageFactory(string oin, string? system = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(oin);
        if (!OinShape().IsMatch(oin))
        {
            throw new ArgumentException($"'{oin}' is not an OIN: 8 digits and 12 letters or digits.", nameof(oin));
        }

        if (system is not null && !SystemShape().IsMatch(system))
        {
            throw new ArgumentException($"'{system}' cannot be part of a URN: use letters, digits and - . _ only.", nameof(system));
        }

        Source = $"urn:nld:oin:{oin}" + (system is null ? "" : ":systeem:" + system);
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The <c>source</c> of the messages: <c>urn:nld:oin:&lt;OIN&gt;[:systeem:&lt;name&gt;]</c>.</summary>
    public string Source { get; }

    /// <summary>A new message with <paramref name="data"/>.</summary>
    /// <exception cref="ArgumentException">The type is not an entity of the standard, or the sharing attributes are not of the standard's form.</exception>
    public Message<T> Create<T>(T data, MessageSharing sharing, string? subject = null)
        where T : class, ISchemaType<T> => Make(data, sharing, subject, null, null);

    /// <summary>A reply to <paramref name="cause"/>: <c>causationid</c> is its id, <c>correlationid</c> its correlation (or its id).</summary>
    public Message<T> Reply<T>(Envelope cause, T data, MessageSharing sharing, string? subject = null)
        where T : class, ISchemaType<T>
    {
        ArgumentNullException.ThrowIfNull(cause);
        return Make(data, sharing, subject ?? cause.Subject, cause.Id, cause.CorrelationId ?? cause.Id);
    }

    private Message<T> Make<T>(T data, MessageSharing sharing, string? subject, string? causation, string? correlation)
        where T : class, ISchemaType<T>
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(sharing);
        var schema = T.SchemaId;
        if (schema is null || !Standard.TryParseId(schema, out var release, out var path) || !path.StartsWith("schemas/", StringComparison.Ordinal) || !path.EndsWith(".schema.json", StringComparison.Ordinal))
        {
            throw new ArgumentException($"{typeof(T).Name} is not an entity of the standard (its schema is {schema ?? "unknown"}).", nameof(data));
        }

        if (!TlpLabels.Contains(sharing.Tlp))
        {
            throw new ArgumentException($"'{sharing.Tlp}' is not a TLP 2.0 label; use {string.Join(", ", TlpLabels)}.", nameof(sharing));
        }

        if (sharing.Doelbinding.Count == 0 || sharing.Doelbinding.Any(d => !PurposeShape().IsMatch(d)))
        {
            throw new ArgumentException("At least one purpose is needed, each a code of the doelbinding code list.", nameof(sharing));
        }

        if (!DurationShape().IsMatch(sharing.Bewaartermijn) || sharing.Bewaartermijn is "P" or "PT" || sharing.Bewaartermijn.EndsWith('T'))
        {
            throw new ArgumentException($"'{sharing.Bewaartermijn}' is not an ISO 8601 duration such as P30D.", nameof(sharing));
        }

        if (sharing.Tlp == "TLP:RED" && sharing.Ontvangers.Count == 0)
        {
            throw new ArgumentException("TLP:RED needs the named recipients (Ontvangers).", nameof(sharing));
        }

        var entity = path["schemas/".Length..^".schema.json".Length];
        var major = ReleaseVersion.Parse(release).Major;
        var now = _time.GetLocalNow();
        var envelope = new Envelope
        {
            Id = Guid.CreateVersion7(now).ToString(),
            Source = Source,
            Type = $"nl.veiligheidsregio.{entity}.v{major}",
            Time = now,
            DataSchema = schema,
            Tlp = sharing.Tlp,
            Doelbinding = string.Join(' ', sharing.Doelbinding),
            Bewaartermijn = sharing.Bewaartermijn,
            ExpiryTime = sharing.ValidFor is { } validFor ? now + validFor : null,
            Subject = subject,
            CausationId = causation,
            CorrelationId = correlation,
            Rubricering = sharing.Rubricering,
            Ontvangers = sharing.Ontvangers.Count == 0 ? null : string.Join(' ', sharing.Ontvangers.Select(o => "urn:nld:oin:" + o)),
        };
        return new Message<T>(envelope, data);
    }

    private static readonly string[] TlpLabels = ["TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED"];

    [GeneratedRegex("^[0-9]{8}[0-9A-Za-z]{12}$")]
    private static partial Regex OinShape();

    [GeneratedRegex("^[A-Za-z0-9._-]{1,100}$")]
    private static partial Regex SystemShape();

    [GeneratedRegex("^[a-z][a-z-]*$")]
    private static partial Regex PurposeShape();

    [GeneratedRegex("^P([0-9]+Y)?([0-9]+M)?([0-9]+W)?([0-9]+D)?(T([0-9]+H)?([0-9]+M)?([0-9]+S)?)?$")]
    private static partial Regex DurationShape();
}
