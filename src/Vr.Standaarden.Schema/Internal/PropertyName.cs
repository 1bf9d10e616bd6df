using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Vr.Standaarden.Schema.Internal;

internal static class PropertyName
{
    public const int BufferLength = 128;

    /// <summary>The name of a property as characters, decoded into <paramref name="buffer"/> when it is short and unescaped.</summary>
    public static ReadOnlySpan<char> Get(JsonProperty property, Span<char> buffer)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        if (raw.Length <= buffer.Length && raw.IndexOf((byte)'\\') < 0)
        {
            var length = Encoding.UTF8.GetChars(raw, buffer);
            return buffer[..length];
        }

        return property.Name;
    }

    /// <summary>The value of a JSON string as characters, decoded into <paramref name="buffer"/> when it is short and unescaped.</summary>
    public static ReadOnlySpan<char> Value(JsonElement text, Span<char> buffer)
    {
        var raw = JsonMarshal.GetRawUtf8Value(text);
        raw = raw[1..^1];
        if (raw.Length <= buffer.Length && raw.IndexOf((byte)'\\') < 0)
        {
            var length = Encoding.UTF8.GetChars(raw, buffer);
            return buffer[..length];
        }

        return text.GetString();
    }
}
