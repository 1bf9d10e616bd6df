using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vr.Standaarden.Koppelvlakken;

/// <summary>
/// Writes a JSON document as YAML 1.2 in block style. Every string is a double-quoted scalar (JSON's escapes are YAML's),
/// so no value can be read back as another type; a key is written bare only when it is plainly safe.
/// </summary>
internal static class Yaml
{
    private static readonly JsonSerializerOptions Quoted = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(JsonNode document)
    {
        var text = new StringBuilder();
        Value(text, document, 0, afterKey: false);
        return text.ToString();
    }

    private static void Value(StringBuilder text, JsonNode? node, int indent, bool afterKey)
    {
        switch (node)
        {
            case JsonObject { Count: 0 }:
                text.Append(afterKey ? " {}\n" : "{}\n");
                break;
            case JsonArray { Count: 0 }:
                text.Append(afterKey ? " []\n" : "[]\n");
                break;
            case JsonObject obj:
                if (afterKey)
                {
                    text.Append('\n');
                }

                Members(text, obj, indent, firstInline: false);
                break;
            case JsonArray array:
                if (afterKey)
                {
                    text.Append('\n');
                }

                foreach (var item in array)
                {
                    text.Append(' ', indent).Append("- ");
                    if (item is JsonObject { Count: > 0 } entry)
                    {
                        Members(text, entry, indent + 2, firstInline: true);
                    }
                    else if (item is JsonArray { Count: > 0 })
                    {
                        text.Append('\n');
                        Value(text, item, indent + 2, afterKey: false);
                    }
                    else
                    {
                        Value(text, item, indent + 2, afterKey: false);
                    }
                }

                break;
            default:
                if (afterKey)
                {
                    text.Append(' ');
                }

                text.Append(Scalar(node)).Append('\n');
                break;
        }
    }

    private static void Members(StringBuilder text, JsonObject obj, int indent, bool firstInline)
    {
        var first = true;
        foreach (var (key, value) in obj)
        {
            if (!(first && firstInline))
            {
                text.Append(' ', indent);
            }

            first = false;
            text.Append(Key(key)).Append(':');
            Value(text, value, indent + 2, afterKey: true);
        }
    }

    private static string Scalar(JsonNode? node) => node switch
    {
        null => "null",
        JsonValue value when value.GetValueKind() == JsonValueKind.String => JsonSerializer.Serialize(value.GetValue<string>(), Quoted),
        JsonValue value => value.ToJsonString(),
        _ => throw new InvalidOperationException("Not a scalar."),
    };

    private static string Key(string key)
    {
        var plain = key.Length > 0 && (char.IsAsciiLetter(key[0]) || key[0] == '$')
            && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '$' or '.' or '/' or '+');
        return plain ? key : JsonSerializer.Serialize(key, Quoted);
    }
}
