using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Vr.Standaarden.Schema.Input;

namespace Vr.Standaarden.Uitwisseling;

/// <summary>
/// The JSON Canonicalization Scheme of RFC 8785: members sorted by the UTF-16 code units of their names, no
/// whitespace, strings with the fewest escapes, and numbers as ECMAScript writes them. Input that is not I-JSON is
/// refused with its place: duplicate member names, unpaired surrogates, numbers beyond the range of a double.
/// </summary>
public static class JsonCanonicalizer
{
    /// <summary>The canonical form of <paramref name="utf8Json"/>, within <see cref="InputLimits.Default"/>.</summary>
    /// <exception cref="CanonicalizationException">The input is not JSON, not I-JSON, or beyond the limits; the exception says where.</exception>
    public static byte[] Canonicalize(ReadOnlySpan<byte> utf8Json) => Canonicalize(utf8Json, InputLimits.Default, null);

    /// <summary>
    /// The canonical form of <paramref name="utf8Json"/> within <paramref name="limits"/>, leaving out the top-level
    /// member <paramref name="without"/> when given (the signature of a message is over the message without it).
    /// </summary>
    /// <exception cref="CanonicalizationException">The input is not JSON, not I-JSON, or beyond the limits; the exception says where.</exception>
    public static byte[] Canonicalize(ReadOnlySpan<byte> utf8Json, InputLimits limits, string? without)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (JsonInput.Check(utf8Json, limits) is { } problem)
        {
            throw new CanonicalizationException(problem.Text.English, problem.ByteOffset, "");
        }

        var reader = new Utf8JsonReader(JsonInput.SkipByteOrderMark(utf8Json), new JsonReaderOptions { MaxDepth = limits.MaxDepth });
        var output = new ArrayBufferWriter<byte>(utf8Json.Length);
        reader.Read();
        Value(ref reader, output, "", without);
        return output.WrittenSpan.ToArray();
    }

    private static void Value(ref Utf8JsonReader reader, ArrayBufferWriter<byte> output, string pointer, string? without)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                Object(ref reader, output, pointer, without);
                break;
            case JsonTokenType.StartArray:
                Write(output, "["u8);
                var index = 0;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (index > 0)
                    {
                        Write(output, ","u8);
                    }

                    Value(ref reader, output, pointer + "/" + index.ToString(CultureInfo.InvariantCulture), null);
                    index++;
                }

                Write(output, "]"u8);
                break;
            case JsonTokenType.String:
                WriteString(output, Text(ref reader, pointer));
                break;
            case JsonTokenType.Number:
                if (!reader.TryGetDouble(out var number) || !double.IsFinite(number))
                {
                    throw new CanonicalizationException("A number beyond the range of an IEEE 754 double: I-JSON (RFC 7493) has no such numbers.", reader.TokenStartIndex, pointer);
                }

                Write(output, Encoding.ASCII.GetBytes(FormatNumber(number)));
                break;
            case JsonTokenType.True:
                Write(output, "true"u8);
                break;
            case JsonTokenType.False:
                Write(output, "false"u8);
                break;
            default:
                Write(output, "null"u8);
                break;
        }
    }

    private static void Object(ref Utf8JsonReader reader, ArrayBufferWriter<byte> output, string pointer, string? without)
    {
        var members = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var start = reader.TokenStartIndex;
            var name = Text(ref reader, pointer);
            var at = pointer + "/" + name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
            if (members.ContainsKey(name))
            {
                throw new CanonicalizationException($"The member name '{name}' occurs twice in one object: I-JSON (RFC 7493) requires unique names.", start, at);
            }

            reader.Read();
            var value = new ArrayBufferWriter<byte>();
            Value(ref reader, value, at, null);
            if (without is not null && name == without)
            {
                members[name] = [];
                continue;
            }

            members[name] = value.WrittenSpan.ToArray();
        }

        Write(output, "{"u8);
        var first = true;
        foreach (var (name, value) in members)
        {
            if (value.Length == 0)
            {
                continue;
            }

            if (!first)
            {
                Write(output, ","u8);
            }

            first = false;
            WriteString(output, name);
            Write(output, ":"u8);
            Write(output, value);
        }

        Write(output, "}"u8);
    }

    // A string's text; an escaped lone surrogate is refused (the reader decodes escapes, so it is checked here).
    private static string Text(ref Utf8JsonReader reader, string pointer)
    {
        string text;
        try
        {
            text = reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw new CanonicalizationException("A string with an unpaired surrogate: I-JSON (RFC 7493) requires well-formed Unicode.", reader.TokenStartIndex, pointer);
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                throw new CanonicalizationException("A string with an unpaired surrogate: I-JSON (RFC 7493) requires well-formed Unicode.", reader.TokenStartIndex, pointer);
            }
        }

        return text;
    }

    private static void WriteString(ArrayBufferWriter<byte> output, string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case < ' ': builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: builder.Append(c); break;
            }
        }

        Write(output, Encoding.UTF8.GetBytes(builder.Append('"').ToString()));
    }

    private static void Write(ArrayBufferWriter<byte> output, ReadOnlySpan<byte> bytes) => output.Write(bytes);

    /// <summary>
    /// A double as ECMAScript's <c>Number.prototype.toString</c> writes it (ECMA-262, Number::toString): the shortest
    /// digits that read back to the same double, plain from 1e-6 up to 1e21, else with an exponent.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">NaN or an infinity, which JSON cannot hold.</exception>
    public static string FormatNumber(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "NaN and the infinities have no JSON form.");
        }

        if (value == 0)
        {
            return "0";
        }

        // .NET's round-trip form has the shortest digits; read them and the exponent from it.
        var shortest = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        string digits;
        int exponent;
        var e = shortest.IndexOfAny(['E', 'e']);
        var mantissa = e < 0 ? shortest : shortest[..e];
        var power = e < 0 ? 0 : int.Parse(shortest[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var integral = dot < 0 ? mantissa : mantissa[..dot];
        var fraction = dot < 0 ? "" : mantissa[(dot + 1)..];
        digits = (integral + fraction).TrimStart('0');
        var leadingZeros = (integral + fraction).Length - digits.Length;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0)
        {
            return "0";
        }

        // value = 0.d1d2...dk × 10^n, so n is the position of the decimal point after the first digit's place.
        exponent = integral.Length + power - leadingZeros;
        var k = digits.Length;
        var n = exponent;
        var sign = value < 0 ? "-" : "";
        if (k <= n && n <= 21)
        {
            return sign + digits + new string('0', n - k);
        }

        if (0 < n && n <= 21)
        {
            return sign + digits[..n] + "." + digits[n..];
        }

        if (-6 < n && n <= 0)
        {
            return sign + "0." + new string('0', -n) + digits;
        }

        var exp = n - 1;
        return sign + digits[0] + (k > 1 ? "." + digits[1..] : "") + "e" + (exp < 0 ? "-" : "+") + Math.Abs(exp).ToString(CultureInfo.InvariantCulture);
    }
}

/// <summary>JSON that cannot be canonicalized, with where: the byte offset and the JSON Pointer of the value.</summary>
public sealed class CanonicalizationException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public CanonicalizationException(string message, long offset, string location)
        : base($"{(location.Length == 0 ? "" : location + ": ")}{message} (byte {offset})")
    {
        Offset = offset;
        Location = location;
    }

    /// <summary>The byte offset in the input.</summary>
    public long Offset { get; }

    /// <summary>The JSON Pointer of the value at fault (<c>""</c> for the document).</summary>
    public string Location { get; }
}
