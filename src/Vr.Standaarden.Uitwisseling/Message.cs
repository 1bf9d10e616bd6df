using System.Buffers;
using System.Globalization;
using System.Text.Json;
using CloudNative.CloudEvents;
using Vr.Standaarden.Schema.Compiled;
using Vr.Standaarden.Schema.Input;
using Vr.Standaarden.Spec;

namespace Vr.Standaarden.Uitwisseling;

/// <summary>
/// A message of the standard: its envelope and its data as a generated type. Written in one pass (the data writes
/// itself into the envelope, with no serialize-then-parse), read with the data checked against its schema while read,
/// and converted to and from the CNCF CloudEvents SDK's <see cref="CloudEvent"/>.
/// </summary>
/// <typeparam name="T">The entity, such as <c>Vr.Standaarden.Model.Incident</c>.</typeparam>
public sealed class Message<T>
    where T : class, ISchemaType<T>
{
    /// <summary>A message of <paramref name="envelope"/> and <paramref name="data"/>.</summary>
    public Message(Envelope envelope, T data)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(data);
        Envelope = envelope;
        Data = data;
    }

    /// <summary>The envelope's attributes.</summary>
    public Envelope Envelope { get; }

    /// <summary>The data, typed.</summary>
    public T Data { get; }

    /// <summary>The message as UTF-8 JSON (application/cloudevents+json).</summary>
    public byte[] ToUtf8Json()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in Message.Attributes(Envelope))
            {
                writer.WriteString(name, value);
            }

            foreach (var (name, value) in Envelope.Extensions)
            {
                writer.WritePropertyName(name);
                value.WriteTo(writer);
            }

            writer.WritePropertyName("data");
            Data.Write(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The message as a CloudEvent of the CNCF SDK, with the standard's attributes as extension attributes (strings).</summary>
    public CloudEvent ToCloudEvent()
    {
        var cloudEvent = new CloudEvent(CloudEventsSpecVersion.V1_0, MessageExtensions.Attributes)
        {
            Id = Envelope.Id,
            Source = new Uri(Envelope.Source, UriKind.RelativeOrAbsolute),
            Type = Envelope.Type,
            Time = Envelope.Time,
            DataSchema = new Uri(Envelope.DataSchema),
            DataContentType = "application/json",
            Subject = Envelope.Subject,
        };
        foreach (var (name, value) in Message.Attributes(Envelope).Where(a => MessageExtensions.ByName.ContainsKey(a.Name)))
        {
            cloudEvent[MessageExtensions.ByName[name]] = value;
        }

        foreach (var (name, value) in Envelope.Extensions)
        {
            cloudEvent[name] = value.ToString();
        }

        using var document = JsonDocument.Parse(DataBytes());
        cloudEvent.Data = document.RootElement.Clone();
        return cloudEvent;
    }

    private byte[] DataBytes()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Data.Write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

}

/// <summary>Reading messages of the standard: from UTF-8 JSON and from CloudEvents of the CNCF SDK.</summary>
public static class Message
{
    /// <summary>
    /// Reads a message whose data is a <typeparamref name="T"/>, within <see cref="InputLimits.Default"/>. Violations of
    /// the data's schema and missing envelope attributes are in <paramref name="errors"/>.
    /// </summary>
    /// <returns>The message, or <c>null</c> when the bytes are not a message with an object as data.</returns>
    public static Message<T>? Read<T>(ReadOnlySpan<byte> utf8Json, out IReadOnlyList<SchemaViolation> errors)
        where T : class, ISchemaType<T>
    {
        var list = new List<SchemaViolation>();
        errors = list;
        if (JsonInput.Check(utf8Json, InputLimits.Default) is { } problem)
        {
            list.Add(new SchemaViolation("", "input", problem.Text.English));
            return null;
        }

        var reader = new Utf8JsonReader(JsonInput.SkipByteOrderMark(utf8Json), new JsonReaderOptions { MaxDepth = InputLimits.Default.MaxDepth });
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            list.Add(new SchemaViolation("", "type", "A message is a JSON object."));
            return null;
        }

        var attributes = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        T? data = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            if (name == "data")
            {
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    list.Add(new SchemaViolation("/data", "type", "The data of a message of the standard is an object."));
                    reader.Skip();
                    continue;
                }

                data = T.ReadValue(ref reader, "/data", list);
            }
            else
            {
                attributes[name] = JsonElement.ParseValue(ref reader);
            }
        }

        var envelope = EnvelopeOf(attributes, list);
        return envelope is null || data is null ? null : new Message<T>(envelope, data);
    }

    /// <summary>A message from a CloudEvent of the CNCF SDK (any content mode), its data read as <typeparamref name="T"/>.</summary>
    /// <returns>The message, or <c>null</c> with the reasons in <paramref name="errors"/>.</returns>
    public static Message<T>? FromCloudEvent<T>(CloudEvent cloudEvent, out IReadOnlyList<SchemaViolation> errors)
        where T : class, ISchemaType<T>
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        var list = new List<SchemaViolation>();
        errors = list;
        var attributes = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (attribute, value) in cloudEvent.GetPopulatedAttributes())
        {
            if (attribute.Name is "specversion" or "datacontenttype")
            {
                continue;
            }

            var text = attribute.Format(value);
            attributes[attribute.Name] = JsonSerializer.SerializeToElement(text, MessageJson.Default.String);
        }

        byte[] bytes = cloudEvent.Data switch
        {
            JsonElement element => JsonSerializer.SerializeToUtf8Bytes(element, MessageJson.Default.JsonElement),
            byte[] raw => raw,
            string text => System.Text.Encoding.UTF8.GetBytes(text),
            _ => [],
        };
        if (bytes.Length == 0)
        {
            list.Add(new SchemaViolation("/data", "type", "The CloudEvent has no JSON data."));
            return null;
        }

        var reader = new Utf8JsonReader(bytes);
        reader.Read();
        var data = reader.TokenType == JsonTokenType.StartObject ? T.ReadValue(ref reader, "/data", list) : null;
        var envelope = EnvelopeOf(attributes, list);
        return envelope is null || data is null ? null : new Message<T>(envelope, data);
    }

    internal static IEnumerable<(string Name, string Value)> Attributes(Envelope e)
    {
        yield return ("specversion", "1.0");
        yield return ("id", e.Id);
        yield return ("source", e.Source);
        yield return ("type", e.Type);
        yield return ("time", Timestamp(e.Time));
        if (e.Subject is { } subject)
        {
            yield return ("subject", subject);
        }

        yield return ("datacontenttype", "application/json");
        yield return ("dataschema", e.DataSchema);
        yield return ("tlp", e.Tlp);
        if (e.Rubricering is { } rubricering)
        {
            yield return ("rubricering", rubricering);
        }

        yield return ("doelbinding", e.Doelbinding);
        yield return ("bewaartermijn", e.Bewaartermijn);
        if (e.ExpiryTime is { } expiry)
        {
            yield return ("expirytime", Timestamp(expiry));
        }

        if (e.CorrelationId is { } correlation)
        {
            yield return ("correlationid", correlation);
        }

        if (e.CausationId is { } causation)
        {
            yield return ("causationid", causation);
        }

        if (e.Ontvangers is { } ontvangers)
        {
            yield return ("ontvangers", ontvangers);
        }

        if (e.Jws is { } jws)
        {
            yield return ("jws", jws);
        }
    }

    internal static string Timestamp(DateTimeOffset time) => time.ToString(time.Millisecond == 0 && time.Microsecond == 0 ? "yyyy-MM-dd'T'HH:mm:sszzz" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFzzz", CultureInfo.InvariantCulture);

    internal static Envelope? EnvelopeOf(Dictionary<string, JsonElement> attributes, List<SchemaViolation> errors)
    {
        string? Text(string name) => attributes.TryGetValue(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        string Required(string name)
        {
            if (Text(name) is { } value)
            {
                return value;
            }

            errors.Add(new SchemaViolation("/" + name, Schema.Model.KeywordCatalog.Required.Name, $"The envelope attribute '{name}' is missing or not a string."));
            return "";
        }

        DateTimeOffset? Time(string name, bool required)
        {
            var text = required ? Required(name) : Text(name);
            if (string.IsNullOrEmpty(text))
            {
                return null;
            }

            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            {
                return time;
            }

            errors.Add(new SchemaViolation("/" + name, "format", $"'{text}' is not an RFC 3339 date-time."));
            return null;
        }

        var envelope = new Envelope
        {
            Id = Required("id"),
            Source = Required("source"),
            Type = Required("type"),
            Time = Time("time", required: true) ?? default,
            DataSchema = Required("dataschema"),
            Tlp = Required("tlp"),
            Doelbinding = Required("doelbinding"),
            Bewaartermijn = Required("bewaartermijn"),
            ExpiryTime = Time("expirytime", required: false),
            Subject = Text("subject"),
            CorrelationId = Text("correlationid"),
            CausationId = Text("causationid"),
            Rubricering = Text("rubricering"),
            Ontvangers = Text("ontvangers"),
            Jws = Text("jws"),
            Extensions = attributes.Where(a => !Known.Contains(a.Key)).ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal),
        };
        return errors.Any(e => e.InstanceLocation != "/data" && !e.InstanceLocation.StartsWith("/data/", StringComparison.Ordinal)) ? null : envelope;
    }

    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "specversion", "id", "source", "type", "time", "subject", "datacontenttype", "dataschema", "tlp", "rubricering",
        "doelbinding", "bewaartermijn", "expirytime", "correlationid", "causationid", "ontvangers", "jws",
    };
}

/// <summary>The standard's extension attributes for the CloudEvents SDK, all strings as the envelope writes them.</summary>
public static class MessageExtensions
{
    /// <summary>tlp, rubricering, doelbinding, bewaartermijn, expirytime, correlationid, causationid, ontvangers, jws.</summary>
    public static IReadOnlyList<CloudEventAttribute> Attributes { get; } =
        [.. new[] { "tlp", "rubricering", "doelbinding", "bewaartermijn", "expirytime", "correlationid", "causationid", "ontvangers", "jws" }
            .Select(n => CloudEventAttribute.CreateExtension(n, CloudEventAttributeType.String))];

    internal static Dictionary<string, CloudEventAttribute> ByName { get; } = Attributes.ToDictionary(a => a.Name, StringComparer.Ordinal);
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
[System.Text.Json.Serialization.JsonSerializable(typeof(JsonElement))]
internal sealed partial class MessageJson : System.Text.Json.Serialization.JsonSerializerContext;
