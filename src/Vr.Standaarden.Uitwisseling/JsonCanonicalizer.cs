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
        if (JsonInput.CheckSize(utf8Json.Length, limits.MaxBytes) is { } tooLarge)
        {
            throw new CanonicalizationException(tooLarge.Text.English, tooLarge.ByteOffset, "");
        }

        // Bytes that are not UTF-8 are refused with their place; the reader checks syntax and depth, and only a
        // failure is read again to say where and why.
        if (!System.Text.Unicode.Utf8.IsValid(utf8Json))
        {
            var encoding = JsonInput.Check(utf8Json, limits);
            throw new CanonicalizationException(encoding?.Text.English ?? "The bytes are not UTF-8.", encoding?.ByteOffset ?? 0, "");
        }

        // A writer and its buffers are reused by the calls on a thread.
        var writer = t_writer ??= new Writer();
        writer.Reset(utf8Json.Length);
        try
        {
            var reader = new Utf8JsonReader(JsonInput.SkipByteOrderMark(utf8Json), new JsonReaderOptions { MaxDepth = limits.MaxDepth });
            if (!reader.Read())
            {
                throw new JsonException("The document is empty.");
            }

            writer.Value(ref reader, 0, without);
            if (reader.Read())
            {
                throw new JsonException("More than one value.");
            }
        }
        catch (JsonException ex)
        {
            var problem = JsonInput.Check(utf8Json, limits) ?? JsonInput.FromJsonException(ex, utf8Json, limits.MaxDepth);
            throw new CanonicalizationException(problem.Text.English, problem.ByteOffset, "");
        }

        return writer.ToArray();
    }

    /// <summary>
    /// Writes canonical JSON into one buffer. An object's members are written one after the other into the scratch
    /// buffer of its depth, then copied out in the order of their names.
    /// </summary>
    [ThreadStatic]
    private static Writer? t_writer;

    private sealed class Writer
    {
        private readonly Bytes _output = new(1024);
        private readonly List<Bytes> _scratch = [];
        private readonly List<List<(int Start, int NameLength, int Length, long Token)>> _members = [];

        // The way to the value being written: member names and item indexes, made into a pointer only for an error.
        private (Bytes? Buffer, int Start, int Length)[] _path = new (Bytes?, int, int)[16];
        private int _pathLength;

        private void Push(Bytes? buffer, int start, int length)
        {
            if (_pathLength == _path.Length)
            {
                Array.Resize(ref _path, _path.Length * 2);
            }

            _path[_pathLength++] = (buffer, start, length);
        }

        public byte[] ToArray() => _output.WrittenSpan.ToArray();

        public void Reset(int capacity)
        {
            _output.ResetWrittenCount();
            _output.Reserve(capacity);
            _pathLength = 0;
        }

        public void Value(ref Utf8JsonReader reader, int depth, string? without) => Value(ref reader, _output, depth, without);

        private string Pointer() =>
            string.Concat(_path.Take(_pathLength).Select(p => "/" + (p.Buffer is null ? p.Start.ToString(CultureInfo.InvariantCulture) : Decode(p.Buffer.WrittenSpan.Slice(p.Start, p.Length)).Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal))));

        private void Value(ref Utf8JsonReader reader, Bytes output, int depth, string? without)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    Object(ref reader, output, depth, without);
                    break;
                case JsonTokenType.StartArray:
                    output.WriteByte((byte)'[');
                    var index = 0;
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        if (index > 0)
                        {
                            output.WriteByte((byte)',');
                        }

                        Push(null, index, 0);
                        Value(ref reader, output, depth + 1, null);
                        _pathLength--;
                        index++;
                    }

                    output.WriteByte((byte)']');
                    break;
                case JsonTokenType.String:
                    if (!reader.ValueIsEscaped && !reader.HasValueSequence)
                    {
                        // Unescaped JSON string content has no quote, backslash or control character: it is already canonical.
                        output.WriteQuoted(reader.ValueSpan, (byte)'"');
                    }
                    else
                    {
                        WriteString(output, Text(ref reader));
                    }

                    break;
                case JsonTokenType.Number:
                    Number(ref reader, output);
                    break;
                case JsonTokenType.True:
                    output.Write("true"u8);
                    break;
                case JsonTokenType.False:
                    output.Write("false"u8);
                    break;
                default:
                    output.Write("null"u8);
                    break;
            }
        }

        private void Number(ref Utf8JsonReader reader, Bytes output)
        {
            // A plain integer of up to 15 digits is exactly a double and written as it is (-0 as 0).
            ReadOnlySpan<byte> raw = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan;
            var digits = raw.Length > 0 && raw[0] == (byte)'-' ? raw[1..] : raw;
            if (digits.Length is > 0 and <= 15 && !digits.ContainsAnyExceptInRange((byte)'0', (byte)'9') && (digits.Length == 1 || digits[0] != (byte)'0'))
            {
                output.Write(digits.Length == 1 && digits[0] == (byte)'0' ? digits : raw);
                return;
            }

            if (!reader.TryGetDouble(out var number) || !double.IsFinite(number))
            {
                throw new CanonicalizationException("A number beyond the range of an IEEE 754 double: I-JSON (RFC 7493) has no such numbers.", reader.TokenStartIndex, Pointer());
            }

            output.Write(Encoding.ASCII.GetBytes(FormatNumber(number)));
        }

        private void Object(ref Utf8JsonReader reader, Bytes output, int depth, string? without)
        {
            while (_scratch.Count <= depth)
            {
                _scratch.Add(new Bytes(256));
                _members.Add([]);
            }

            // Each member is written into the scratch buffer of this depth as "name":value; the members are then
            // copied out in the order of their names (the list and buffer of a depth are reused by its siblings).
            // Names are compared as their canonical UTF-8 bytes: the order of UTF-16 code units, unless a name has a
            // character beyond U+FFFF or an escape (\n, \"), when the names are compared as strings.
            var scratch = _scratch[depth];
            var members = _members[depth];
            scratch.ResetWrittenCount();
            members.Clear();
            var sorted = true;
            var byString = false;
            var leaveOut = without is null ? null : Encoding.UTF8.GetBytes(without);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var start = reader.TokenStartIndex;
                var begin = scratch.WrittenCount;
                if (!reader.ValueIsEscaped && !reader.HasValueSequence)
                {
                    scratch.WriteQuoted(reader.ValueSpan, (byte)':');
                }
                else
                {
                    WriteString(scratch, Text(ref reader));
                    scratch.WriteByte((byte)':');
                }

                var nameLength = scratch.WrittenCount - begin - 3;
                var name = scratch.WrittenSpan.Slice(begin + 1, nameLength);
                byString |= name.IndexOfAnyInRange((byte)0xF0, (byte)0xFF) >= 0 || name.Contains((byte)'\\');
                Push(scratch, begin + 1, nameLength);

                reader.Read();
                Value(ref reader, scratch, depth + 1, null);
                _pathLength--;
                // A member left out (jws) still takes part in the check for names that occur twice.
                var skip = leaveOut is not null && scratch.WrittenSpan.Slice(begin + 1, nameLength).SequenceEqual(leaveOut);
                if (members.Count > 0)
                {
                    var last = members[^1];
                    sorted &= scratch.WrittenSpan.Slice(last.Start + 1, last.NameLength).SequenceCompareTo(scratch.WrittenSpan.Slice(begin + 1, nameLength)) < 0;
                }

                members.Add((begin, nameLength, skip ? -1 : scratch.WrittenCount - begin, start));
            }

            if (!sorted || byString)
            {
                var data = scratch.WrittenSpan;
                if (members.Count <= 32)
                {
                    // Insertion sort: objects of the standard have tens of members at most, mostly in near order.
                    for (var i = 1; i < members.Count; i++)
                    {
                        var current = members[i];
                        var j = i - 1;
                        while (j >= 0 && Compare(data, members[j], current, byString) > 0)
                        {
                            members[j + 1] = members[j];
                            j--;
                        }

                        members[j + 1] = current;
                    }
                }
                else
                {
                    // A large object (a hostile one has hundreds of thousands of members): its names decoded once and
                    // sorted in O(n log n) as UTF-16 code units, never compared pairwise in quadratic time.
                    var names = new string[members.Count];
                    var order = new int[members.Count];
                    for (var i = 0; i < members.Count; i++)
                    {
                        names[i] = Decode(data.Slice(members[i].Start + 1, members[i].NameLength));
                        order[i] = i;
                    }

                    Array.Sort(order, (a, b) => string.CompareOrdinal(names[a], names[b]));
                    var copy = members.ToArray();
                    for (var i = 0; i < order.Length; i++)
                    {
                        members[i] = copy[order[i]];
                    }
                }

                // Sorted, a name that occurs twice stands next to itself (a strictly increasing order had none).
                for (var i = 1; i < members.Count; i++)
                {
                    if (Compare(data, members[i - 1], members[i], byString) == 0)
                    {
                        var later = members[i - 1].Token > members[i].Token ? members[i - 1] : members[i];
                        var name = Decode(data.Slice(later.Start + 1, later.NameLength));
                        throw new CanonicalizationException($"The member name '{name}' occurs twice in one object: I-JSON (RFC 7493) requires unique names.", later.Token,
                            Pointer() + "/" + name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal));
                    }
                }
            }

            output.WriteByte((byte)'{');
            var first = true;
            for (var i = 0; i < members.Count; i++)
            {
                if (members[i].Length < 0)
                {
                    continue;
                }

                if (!first)
                {
                    output.WriteByte((byte)',');
                }

                first = false;
                output.Write(scratch.WrittenSpan.Slice(members[i].Start, members[i].Length));
            }

            output.WriteByte((byte)'}');
        }

        private static int Compare(ReadOnlySpan<byte> data, (int Start, int NameLength, int Length, long Token) a, (int Start, int NameLength, int Length, long Token) b, bool byString) =>
            byString
                ? string.CompareOrdinal(Decode(data.Slice(a.Start + 1, a.NameLength)), Decode(data.Slice(b.Start + 1, b.NameLength)))
                : data.Slice(a.Start + 1, a.NameLength).SequenceCompareTo(data.Slice(b.Start + 1, b.NameLength));

        // A name as it is written canonically (escapes included), read back as the string it stands for.
        private static string Decode(ReadOnlySpan<byte> canonical)
        {
            var buffer = new byte[canonical.Length + 2];
            buffer[0] = (byte)'"';
            canonical.CopyTo(buffer.AsSpan(1));
            buffer[^1] = (byte)'"';
            var reader = new Utf8JsonReader(buffer);
            reader.Read();
            return reader.GetString()!;
        }

        // A string's text; an escaped lone surrogate is refused (the reader decodes escapes, so it is checked here).
        private string Text(ref Utf8JsonReader reader)
        {
            string text;
            try
            {
                text = reader.GetString()!;
            }
            catch (InvalidOperationException)
            {
                throw new CanonicalizationException("A string with an unpaired surrogate: I-JSON (RFC 7493) requires well-formed Unicode.", reader.TokenStartIndex, Pointer());
            }

            if (reader.ValueIsEscaped)
            {
                for (var i = 0; i < text.Length; i++)
                {
                    if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        i++;
                    }
                    else if (char.IsSurrogate(text[i]))
                    {
                        throw new CanonicalizationException("A string with an unpaired surrogate: I-JSON (RFC 7493) requires well-formed Unicode.", reader.TokenStartIndex, Pointer());
                    }
                }
            }

            return text;
        }
    }

    private static void WriteString(Bytes output, string text)
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

        output.Write(Encoding.UTF8.GetBytes(builder.Append('"').ToString()));
    }

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

/// <summary>A growable byte buffer with the few operations the canonicalizer needs, cheaper than a buffer writer.</summary>
internal sealed class Bytes(int capacity)
{
    private byte[] _data = new byte[Math.Max(capacity, 16)];

    public int WrittenCount { get; private set; }

    public ReadOnlySpan<byte> WrittenSpan => _data.AsSpan(0, WrittenCount);

    public ReadOnlyMemory<byte> WrittenMemory => _data.AsMemory(0, WrittenCount);

    public void ResetWrittenCount() => WrittenCount = 0;

    public void Reserve(int capacity)
    {
        if (_data.Length < capacity)
        {
            Array.Resize(ref _data, capacity);
        }
    }

    /// <summary>Writes <c>"</c>, the bytes, <c>"</c>, and then <paramref name="after"/> unless it is a quote.</summary>
    public void WriteQuoted(ReadOnlySpan<byte> bytes, byte after)
    {
        var needed = WrittenCount + bytes.Length + 3;
        if (needed > _data.Length)
        {
            Array.Resize(ref _data, Math.Max(_data.Length * 2, needed));
        }

        _data[WrittenCount] = (byte)'"';
        bytes.CopyTo(_data.AsSpan(WrittenCount + 1));
        _data[WrittenCount + 1 + bytes.Length] = (byte)'"';
        WrittenCount += bytes.Length + 2;
        if (after != (byte)'"')
        {
            _data[WrittenCount++] = after;
        }
    }

    public void WriteByte(byte value)
    {
        if (WrittenCount == _data.Length)
        {
            Array.Resize(ref _data, _data.Length * 2);
        }

        _data[WrittenCount++] = value;
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        if (WrittenCount + bytes.Length > _data.Length)
        {
            Array.Resize(ref _data, Math.Max(_data.Length * 2, WrittenCount + bytes.Length));
        }

        bytes.CopyTo(_data.AsSpan(WrittenCount));
        WrittenCount += bytes.Length;
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
