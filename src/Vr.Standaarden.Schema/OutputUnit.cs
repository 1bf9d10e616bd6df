using System.Text.Json;

namespace Vr.Standaarden.Schema;

/// <summary>One located result of an evaluation: which keyword, where in the schema, where in the instance, and why.</summary>
public sealed class OutputUnit
{
    internal OutputUnit(string keyword, string keywordLocation, string? absoluteKeywordLocation, string instanceLocation, LocalizedText text)
    {
        Text = text;
        Keyword = keyword;
        KeywordLocation = keywordLocation;
        AbsoluteKeywordLocation = absoluteKeywordLocation;
        InstanceLocation = instanceLocation;
        Message = text.English;
    }

    /// <summary>Always <c>false</c> for an error unit; <c>true</c> only for the root unit of a valid hierarchical result.</summary>
    public bool Valid { get; internal init; }

    /// <summary>The keyword that produced the unit (for example <c>minLength</c>), or empty for the root unit.</summary>
    public string Keyword { get; }

    /// <summary>The evaluation path: the JSON Pointer through the schema as it was evaluated, including <c>$ref</c> hops.</summary>
    public string KeywordLocation { get; }

    /// <summary>The absolute URI of the keyword in the schema resource that holds it, with a JSON Pointer fragment.</summary>
    public string? AbsoluteKeywordLocation { get; }

    /// <summary>The JSON Pointer of the instance location the keyword was applied to.</summary>
    public string InstanceLocation { get; }

    /// <summary>A readable explanation in English, as the JSON output formats carry it.</summary>
    public string Message { get; }

    /// <summary>The explanation in English and Dutch, from <see cref="SchemaMessages"/>; its <c>ToString()</c> follows the current UI culture.</summary>
    public LocalizedText Text { get; }

    /// <summary>Nested units, filled only in the hierarchical format.</summary>
    public IReadOnlyList<OutputUnit> Details { get; internal set; } = [];

    /// <inheritdoc />
    public override string ToString() => $"{InstanceLocation} {Message} [{KeywordLocation}]";

    internal void WriteTo(Utf8JsonWriter writer, bool nested)
    {
        writer.WriteStartObject();
        writer.WriteBoolean("valid", Valid);
        writer.WriteString("keywordLocation", KeywordLocation);
        if (AbsoluteKeywordLocation is not null)
        {
            writer.WriteString("absoluteKeywordLocation", AbsoluteKeywordLocation);
        }

        writer.WriteString("instanceLocation", InstanceLocation);
        if (Message.Length > 0)
        {
            writer.WriteString("error", Message);
        }

        if (nested && Details.Count > 0)
        {
            writer.WriteStartArray("errors");
            foreach (var detail in Details)
            {
                detail.WriteTo(writer, nested: true);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }
}
