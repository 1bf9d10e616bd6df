using System.Buffers;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.Http;
using CloudNative.CloudEvents.SystemTextJson;
using Vr.Standaarden.Uitwisseling;

namespace Vr.Standaarden.Transport.Http;

/// <summary>The content modes of the CloudEvents HTTP binding.</summary>
public enum HttpContentMode
{
    /// <summary>One message per request as <c>application/cloudevents+json</c>: the message's bytes unchanged.</summary>
    Structured,

    /// <summary>
    /// One message per request, its attributes as <c>ce-</c> headers and its data as the body. A signed message without
    /// <c>datacontenttype</c> is sent structured instead, because binary mode would add one and change what was signed.
    /// </summary>
    Binary,

    /// <summary>Many messages per request as <c>application/cloudevents-batch+json</c>: a JSON array of the messages' bytes unchanged.</summary>
    Batch,
}

/// <summary>Media types and conversions of the CloudEvents HTTP binding, shared by sender and endpoint.</summary>
internal static class HttpBinding
{
    public const string Structured = "application/cloudevents+json";
    public const string Batch = "application/cloudevents-batch+json";
    public const string Problem = "application/problem+json";

    public static readonly CloudEventFormatter Formatter = new JsonEventFormatter();

    /// <summary>Attributes the standard writes as JSON booleans; in binary mode they travel as text and are restored by name.</summary>
    private static readonly HashSet<string> BooleanAttributes = [SharingPolicy.MinimisedAttribute];

    /// <summary>
    /// <paramref name="message"/> made ready for binary mode, read once: the SDK's CloudEvent and each attribute's text
    /// exactly as in the message; <c>null</c> when binary mode would change what the signature covers (a signed message
    /// without <c>datacontenttype</c>, to which binary mode would add one).
    /// </summary>
    public static BinaryMessage? PrepareBinary(TransportMessage message)
    {
        using var document = JsonDocument.Parse(message.Utf8);
        var root = document.RootElement;
        if (root.TryGetProperty("jws", out _) && !root.TryGetProperty("datacontenttype", out _))
        {
            return null;
        }

        var headers = new List<(string Name, string Value)>();
        foreach (var property in root.EnumerateObject())
        {
            if (property.Name is "data" or "datacontenttype" or "specversion")
            {
                continue;
            }

            var text = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
            headers.Add(("ce-" + property.Name, HttpUtilities.EncodeHeaderValue(text)));
        }

        var cloudEvent = Formatter.DecodeStructuredModeMessage(message.Utf8, new System.Net.Mime.ContentType(Structured), MessageExtensions.Attributes);
        return new BinaryMessage(cloudEvent, headers);
    }

    /// <summary>A message read for binary mode; <see cref="ToContent"/> makes a fresh request body for each attempt.</summary>
    internal sealed class BinaryMessage(CloudEvent cloudEvent, List<(string Name, string Value)> headers)
    {
        /// <summary>A binary-mode body and headers made by the SDK, each <c>ce-</c> header set to the attribute's text exactly as in the message.</summary>
        public HttpContent ToContent()
        {
            var content = cloudEvent.ToHttpContent(ContentMode.Binary, Formatter);
            foreach (var (name, value) in headers)
            {
                content.Headers.Remove(name);
                content.Headers.TryAddWithoutValidation(name, value);
            }

            return content;
        }
    }

    /// <summary>
    /// The structured form of a binary-mode message the SDK read from <paramref name="request"/>: every attribute from
    /// its <c>ce-</c> header's text (not the SDK's re-formatted value, so a signature over the sender's text still
    /// verifies), the data as the body.
    /// </summary>
    public static async Task<byte[]> FromBinaryAsync(HttpRequestMessage request, byte[] body)
    {
        var cloudEvent = await request.ToCloudEventAsync(Formatter, MessageExtensions.Attributes).ConfigureAwait(false);
        var buffer = new ArrayBufferWriter<byte>(body.Length + 1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("specversion", cloudEvent.SpecVersion.VersionId);
            foreach (var header in request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>()))
            {
                if (!header.Key.StartsWith("ce-", StringComparison.OrdinalIgnoreCase) || header.Key.Equals("ce-specversion", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var name = header.Key[3..].ToLowerInvariant();
                var text = HttpUtilities.DecodeHeaderValue(string.Join(",", header.Value));
                if (BooleanAttributes.Contains(name) && bool.TryParse(text, out var flag))
                {
                    writer.WriteBoolean(name, flag);
                }
                else
                {
                    writer.WriteString(name, text);
                }
            }

            if (request.Content?.Headers.ContentType?.ToString() is { } contentType)
            {
                writer.WriteString("datacontenttype", contentType);
            }

            if (body.Length > 0)
            {
                writer.WritePropertyName("data");
                using var data = JsonDocument.Parse(body);
                data.RootElement.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The elements of a batch's JSON array as their own bytes, unchanged.</summary>
    public static List<ReadOnlyMemory<byte>> SplitBatch(ReadOnlyMemory<byte> body, int maxDepth)
    {
        var items = new List<ReadOnlyMemory<byte>>();
        var reader = new Utf8JsonReader(body.Span, new JsonReaderOptions { MaxDepth = maxDepth });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("A batch is a JSON array of messages.");
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            items.Add(body[start..((int)reader.BytesConsumed)]);
        }

        return items;
    }

    public static byte[] JoinBatch(IEnumerable<TransportMessage> messages)
    {
        var buffer = new ArrayBufferWriter<byte>();
        buffer.Write("["u8);
        var first = true;
        foreach (var message in messages)
        {
            if (!first)
            {
                buffer.Write(","u8);
            }

            buffer.Write(message.Utf8.Span);
            first = false;
        }

        buffer.Write("]"u8);
        return buffer.WrittenSpan.ToArray();
    }

    public static MediaTypeHeaderValue MediaType(string type) => new(type) { CharSet = Encoding.UTF8.WebName };
}
