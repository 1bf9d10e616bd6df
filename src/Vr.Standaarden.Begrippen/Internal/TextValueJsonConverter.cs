using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vr.Standaarden.Begrippen.Internal;

/// <summary>Reads and writes a vocabulary value as its canonical JSON string; a bad value is a <see cref="JsonException"/> that says why.</summary>
internal sealed class TextValueJsonConverter<T> : JsonConverter<T>
    where T : struct, ITextValue<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"A {typeof(T).Name} is written as a JSON string, not as {reader.TokenType}.");
        }

        var error = T.Check(reader.GetString(), out var value);
        return error is null ? value : throw new JsonException(error);
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
