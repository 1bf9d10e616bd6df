using System.Globalization;
using System.Text.Json;

namespace Vr.Standaarden.Validatie.Internal;

/// <summary>One message under evaluation: its envelope, its data, the date it speaks of, and the findings so far.</summary>
internal sealed class RuleContext(JsonElement message, string release, string entity, ValidationOptions options)
{
    public const string DataPointer = "/data";

    public JsonElement Message { get; } = message;

    public JsonElement Data { get; } = message.TryGetProperty("data", out var data) ? data : default;

    public string Release { get; } = release;

    public string Entity { get; } = entity;

    public ValidationOptions Options { get; } = options;

    /// <summary>The date the message speaks of: the date of the envelope's <c>time</c> in its own offset.</summary>
    public DateOnly? Date { get; } = Timestamp(message, "time") is { } time ? DateOnly.FromDateTime(time.DateTime) : null;

    public List<Finding> Findings { get; } = [];

    public void Report(RuleInfo rule, string pointer, string message, string bericht) =>
        Findings.Add(new Finding(rule.Code, rule.Severity, pointer, new Schema.LocalizedText(message, bericht)));

    /// <summary>The values in the data of fields of <paramref name="kind"/> (optionally only those named <paramref name="name"/>).</summary>
    public IEnumerable<(JsonElement Value, string Pointer, string Name)> Fields(string kind, string? name = null) =>
        Data.ValueKind == JsonValueKind.Undefined || Entity.Length == 0
            ? []
            : SchemaIndex.For(Release, Entity).Fields
                .Where(f => f.Kind == kind && (name is null || f.Name == name))
                .SelectMany(f => SchemaIndex.Values(Data, f.Path, DataPointer).Select(v => (v.Value, v.Pointer, f.Name)));

    /// <summary>Every object in <paramref name="node"/>, itself included, with its pointer.</summary>
    public static IEnumerable<(JsonElement Node, string Pointer)> Objects(JsonElement node, string pointer)
    {
        if (node.ValueKind == JsonValueKind.Object)
        {
            yield return (node, pointer);
            foreach (var property in node.EnumerateObject())
            {
                foreach (var found in Objects(property.Value, $"{pointer}/{Pointer.Escape(property.Name)}"))
                {
                    yield return found;
                }
            }
        }
        else if (node.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in node.EnumerateArray())
            {
                foreach (var found in Objects(item, $"{pointer}/{i++}"))
                {
                    yield return found;
                }
            }
        }
    }

    /// <summary>The RFC 3339 timestamp in member <paramref name="name"/>, or <c>null</c> when absent or unreadable (the schema reports that).</summary>
    public static DateTimeOffset? Timestamp(JsonElement node, string name) =>
        node.ValueKind == JsonValueKind.Object && node.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String &&
        DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : null;

    /// <summary>The string in member <paramref name="name"/>, or <c>null</c>.</summary>
    public static string? Text(JsonElement node, string name) =>
        node.ValueKind == JsonValueKind.Object && node.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
