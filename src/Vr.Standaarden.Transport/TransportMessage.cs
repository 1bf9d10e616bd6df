using System.Text.Json;
using Vr.Standaarden.Schema.Compiled;
using Vr.Standaarden.Schema.Input;
using Vr.Standaarden.Uitwisseling;

namespace Vr.Standaarden.Transport;

/// <summary>
/// What a binding carries: one message of the standard as UTF-8 JSON (structured CloudEvents form), the bytes as they
/// were written or received, untouched, so that a signature over them still verifies at the other end; with the
/// attributes a binding routes and de-duplicates on read from it once.
/// </summary>
public sealed class TransportMessage
{
    private TransportMessage(ReadOnlyMemory<byte> utf8, string source, string id, string type, string? subject, string? dataSchema)
    {
        Utf8 = utf8;
        Source = source;
        Id = id;
        Type = type;
        Subject = subject;
        DataSchema = dataSchema;
    }

    /// <summary>The same message with other bytes whose routing attributes are the same (a minimised copy).</summary>
    internal TransportMessage WithBody(ReadOnlyMemory<byte> utf8) => new(utf8, Source, Id, Type, Subject, DataSchema);

    /// <summary>The message's bytes (application/cloudevents+json).</summary>
    public ReadOnlyMemory<byte> Utf8 { get; }

    /// <summary>The <c>source</c> attribute: the sender.</summary>
    public string Source { get; }

    /// <summary>The <c>id</c> attribute; with <see cref="Source"/> the message's identity.</summary>
    public string Id { get; }

    /// <summary>The <c>type</c> attribute, such as <c>nl.veiligheidsregio.incident.v1</c>.</summary>
    public string Type { get; }

    /// <summary>The <c>subject</c> attribute, when present.</summary>
    public string? Subject { get; }

    /// <summary>The <c>dataschema</c> attribute, when present.</summary>
    public string? DataSchema { get; }

    /// <summary>
    /// The entity the message carries, taken from its <c>type</c> (<c>nl.veiligheidsregio.incident.v1</c> →
    /// <c>incident</c>); the last-but-one dot-separated part, or the whole type when it has fewer parts.
    /// </summary>
    public string Entity
    {
        get
        {
            var parts = Type.Split('.');
            return parts.Length >= 2 ? parts[^2] : Type;
        }
    }

    /// <summary>
    /// The key bindings de-duplicate on: a hex SHA-256 over <c>source</c>, a zero byte and <c>id</c>. Fixed length,
    /// free of characters that headers or subjects forbid, and unambiguous (no <c>source</c> contains a zero byte).
    /// </summary>
    public string DeduplicationKey => Keys.Of(Source, Id);

    /// <summary>Reads the routing attributes of a message (within <see cref="InputLimits.Default"/>).</summary>
    /// <exception cref="TransportMessageException">The bytes are not a JSON object with string <c>source</c>, <c>id</c> and <c>type</c>.</exception>
    public static TransportMessage Parse(ReadOnlyMemory<byte> utf8Json) => Parse(utf8Json, InputLimits.Default);

    /// <summary>
    /// Reads the routing attributes of a message within <paramref name="limits"/>: size, depth and syntax are checked
    /// in the same pass; the encoding of the bytes is checked fully by validation (<c>MessageValidator</c>), not here.
    /// </summary>
    /// <exception cref="TransportMessageException">The bytes are not a JSON object with string <c>source</c>, <c>id</c> and <c>type</c>.</exception>
    public static TransportMessage Parse(ReadOnlyMemory<byte> utf8Json, InputLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (utf8Json.Length > limits.MaxBytes)
        {
            throw new TransportMessageException($"The message has {utf8Json.Length} bytes, more than the limit of {limits.MaxBytes}.", 0, "");
        }

        // One pass with the reader checks syntax and depth; only bytes it refuses are examined again, by JsonInput,
        // for a located explanation (encoding, syntax, limits).
        string? source = null, id = null, type = null, subject = null, dataSchema = null;
        try
        {
            var reader = new Utf8JsonReader(JsonInput.SkipByteOrderMark(utf8Json.Span), new JsonReaderOptions { MaxDepth = limits.MaxDepth });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new TransportMessageException("A message is a JSON object (structured CloudEvent).", reader.TokenStartIndex, "");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.ValueSpan;
                reader.Read();
                if (reader.TokenType != JsonTokenType.String)
                {
                    reader.Skip();
                    continue;
                }

                if (name.SequenceEqual("source"u8))
                {
                    source = reader.GetString();
                }
                else if (name.SequenceEqual("id"u8))
                {
                    id = reader.GetString();
                }
                else if (name.SequenceEqual("type"u8))
                {
                    type = reader.GetString();
                }
                else if (name.SequenceEqual("subject"u8))
                {
                    subject = reader.GetString();
                }
                else if (name.SequenceEqual("dataschema"u8))
                {
                    dataSchema = reader.GetString();
                }
            }

            if (reader.Read())
            {
                throw new JsonException("Content after the message's object.");
            }

            // Every later step reads the message in its own way: a member name given twice would mean one thing to one
            // of them and another thing to the next, so it is refused here, before any of them reads it.
            if (JsonInput.CheckSyntax(utf8Json.Span, limits.MaxDepth) is { Kind: InputProblemKind.DuplicateMember } duplicate)
            {
                throw new TransportMessageException(duplicate.Text.English, duplicate.ByteOffset, duplicate.InstanceLocation ?? "") { Code = Validatie.DomainRules.DuplicateMemberCode };
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            if (JsonInput.Check(utf8Json.Span, limits) is { } problem)
            {
                throw new TransportMessageException(problem.Text.English, problem.ByteOffset, "");
            }

            throw new TransportMessageException($"The message is not well-formed JSON: {e.Message}", 0, "");
        }

        if (string.IsNullOrEmpty(source))
        {
            throw new TransportMessageException("The message has no string attribute 'source'.", 0, "/source");
        }

        if (string.IsNullOrEmpty(id))
        {
            throw new TransportMessageException("The message has no string attribute 'id'.", 0, "/id");
        }

        if (string.IsNullOrEmpty(type))
        {
            throw new TransportMessageException("The message has no string attribute 'type'.", 0, "/type");
        }

        return new TransportMessage(utf8Json, source, id, type, subject, dataSchema);
    }

    /// <summary>The message <paramref name="message"/> written as UTF-8 JSON, ready to send.</summary>
    public static TransportMessage From<T>(Message<T> message)
        where T : class, ISchemaType<T>
    {
        ArgumentNullException.ThrowIfNull(message);
        return Parse(message.ToUtf8Json());
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Source} {Id} ({Type})";
}

/// <summary>Bytes that a binding cannot carry as a message of the standard, with where the problem is.</summary>
public sealed class TransportMessageException : FormatException
{
    /// <summary>A problem at byte <paramref name="offset"/>, at JSON Pointer <paramref name="location"/>.</summary>
    public TransportMessageException(string message, long offset, string location)
        : base(message)
    {
        Offset = offset;
        Location = location;
    }

    /// <summary>The byte offset of the problem in the input (0 when it concerns the whole message).</summary>
    public long Offset { get; }

    /// <summary>The JSON Pointer of the problem (<c>""</c> for the whole message).</summary>
    public string Location { get; }

    /// <summary>
    /// The code of the problem where it is more specific than not being a message at all (such as <c>VR-JSON-004</c>, a
    /// member name given twice); <c>null</c> otherwise.
    /// </summary>
    public string? Code { get; init; }
}

internal static class Keys
{
    public static string Of(string source, string id)
    {
        var bytes = new byte[System.Text.Encoding.UTF8.GetByteCount(source) + 1 + System.Text.Encoding.UTF8.GetByteCount(id)];
        var n = System.Text.Encoding.UTF8.GetBytes(source, bytes);
        bytes[n] = 0;
        System.Text.Encoding.UTF8.GetBytes(id, bytes.AsSpan(n + 1));
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
    }
}
