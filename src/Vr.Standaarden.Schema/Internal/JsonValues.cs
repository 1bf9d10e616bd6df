using System.Runtime.InteropServices;
using System.Text.Json;

namespace Vr.Standaarden.Schema.Internal;

/// <summary>JSON value semantics the specification asks for: numeric equality (1.0 equals 1), exact decimal arithmetic.</summary>
internal static class JsonValues
{
    public static bool DeepEquals(JsonElement a, JsonElement b)
    {
        var kind = a.ValueKind;
        if (kind != b.ValueKind)
        {
            return false;
        }

        switch (kind)
        {
            case JsonValueKind.Number:
                return CompareNumbers(a, b) == 0;
            case JsonValueKind.String:
                return StringEquals(a, b);
            case JsonValueKind.Array:
                if (a.GetArrayLength() != b.GetArrayLength())
                {
                    return false;
                }

                using (var ea = a.EnumerateArray())
                using (var eb = b.EnumerateArray())
                {
                    while (ea.MoveNext() && eb.MoveNext())
                    {
                        if (!DeepEquals(ea.Current, eb.Current))
                        {
                            return false;
                        }
                    }
                }

                return true;
            case JsonValueKind.Object:
                if (a.GetPropertyCount() != b.GetPropertyCount())
                {
                    return false;
                }

                foreach (var property in a.EnumerateObject())
                {
                    if (!b.TryGetProperty(property.Name, out var other) || !DeepEquals(property.Value, other))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return true;
        }
    }

    private static bool StringEquals(JsonElement a, JsonElement b)
    {
        var rawA = JsonMarshal.GetRawUtf8Value(a);
        var rawB = JsonMarshal.GetRawUtf8Value(b);
        if (rawA.IndexOf((byte)'\\') < 0 && rawB.IndexOf((byte)'\\') < 0)
        {
            return rawA.SequenceEqual(rawB);
        }

        return string.Equals(a.GetString(), b.GetString(), StringComparison.Ordinal);
    }

    public static int HashCode(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                return TryDecimal(value, out var d) ? d.GetHashCode() : ToDouble(value).GetHashCode();
            case JsonValueKind.String:
                // Hashed over the unescaped text as UTF-16 without making a string when the JSON has no escapes.
                var raw = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(value);
                if (raw.IndexOf((byte)'\\') < 0 && raw.Length <= 512)
                {
                    Span<char> chars = stackalloc char[raw.Length];
                    var count = System.Text.Encoding.UTF8.GetChars(raw[1..^1], chars);
                    return string.GetHashCode(chars[..count], StringComparison.Ordinal);
                }

                return string.GetHashCode(value.GetString(), StringComparison.Ordinal);
            case JsonValueKind.Array:
                var hash = 17;
                foreach (var item in value.EnumerateArray())
                {
                    hash = unchecked((hash * 31) + HashCode(item));
                }

                return hash;
            case JsonValueKind.Object:
                var sum = 19;
                foreach (var property in value.EnumerateObject())
                {
                    sum = unchecked(sum + (StringComparer.Ordinal.GetHashCode(property.Name) ^ HashCode(property.Value)));
                }

                return sum;
            default:
                return (int)value.ValueKind;
        }
    }

    /// <summary>Reads a number as a decimal when it fits exactly (normalised, so 1.0 and 1 are equal).</summary>
    public static bool TryDecimal(JsonElement number, out decimal value)
    {
        if (number.TryGetDecimal(out value))
        {
            // decimal keeps trailing zeros (1.0 vs 1); normalise so that equal values hash alike.
            value /= 1.000000000000000000000000000000000m;
            return true;
        }

        return false;
    }

    public static int CompareNumbers(JsonElement a, JsonElement b)
    {
        if (a.TryGetDecimal(out var da) && b.TryGetDecimal(out var db))
        {
            return da.CompareTo(db);
        }

        return ToDouble(a).CompareTo(ToDouble(b));
    }

    /// <summary>A number as a double; beyond the double range it becomes an infinity instead of failing.</summary>
    public static double ToDouble(JsonElement number) =>
        number.TryGetDouble(out var value)
            ? value
            : double.Parse(number.GetRawText(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);

    public static int Compare(JsonElement number, in JsonNumber limit)
    {
        if (limit.HasDecimal && number.TryGetDecimal(out var d))
        {
            return d.CompareTo(limit.Decimal);
        }

        return ToDouble(number).CompareTo(limit.Double);
    }

    public static bool IsInteger(JsonElement number)
    {
        if (number.TryGetInt64(out _))
        {
            return true;
        }

        if (number.TryGetDecimal(out var d))
        {
            return decimal.Truncate(d) == d;
        }

        var value = ToDouble(number);
        return double.IsFinite(value) && Math.Floor(value) == value;
    }

    /// <summary>The number of Unicode code points of a JSON string, counted on its UTF-8 form without allocating.</summary>
    public static int CodePointLength(JsonElement text)
    {
        // The raw value includes the quotes.
        var raw = JsonMarshal.GetRawUtf8Value(text);
        if (raw.IndexOf((byte)'\\') >= 0)
        {
            var s = text.GetString()!;
            var count = 0;
            foreach (var _ in s.EnumerateRunes())
            {
                count++;
            }

            return count;
        }

        var points = 0;
        foreach (var b in raw[1..^1])
        {
            if ((b & 0xC0) != 0x80)
            {
                points++;
            }
        }

        return points;
    }

    /// <summary>
    /// The first item of <paramref name="array"/> that equals an earlier one, with the earliest such earlier item; items
    /// are found by hash, so the work is linear in the length and memory is one table entry per item.
    /// </summary>
    public static (int First, int Second)? FirstDuplicate(JsonElement array)
    {
        var length = array.GetArrayLength();
        var first = new Dictionary<int, int>(length);
        Dictionary<int, List<int>>? more = null;
        for (var i = 0; i < length; i++)
        {
            var item = array[i];
            var hash = HashCode(item);
            if (first.TryAdd(hash, i))
            {
                continue;
            }

            var earlier = first[hash];
            if (DeepEquals(item, array[earlier]))
            {
                return (earlier, i);
            }

            more ??= [];
            if (!more.TryGetValue(hash, out var others))
            {
                more[hash] = [i];
                continue;
            }

            foreach (var j in others)
            {
                if (DeepEquals(item, array[j]))
                {
                    return (j, i);
                }
            }

            others.Add(i);
        }

        return null;
    }

    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        _ => "undefined",
    };
}

/// <summary>A numeric keyword value kept both as an exact decimal (when it fits) and as a double.</summary>
internal readonly struct JsonNumber
{
    public JsonNumber(JsonElement element)
    {
        HasDecimal = element.TryGetDecimal(out var d);
        Decimal = d;
        Double = JsonValues.ToDouble(element);
        Text = element.GetRawText();
    }

    public bool HasDecimal { get; }

    public decimal Decimal { get; }

    public double Double { get; }

    public string Text { get; }

    public override string ToString() => Text;
}
