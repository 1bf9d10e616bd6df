using System.Collections.Concurrent;
using System.ComponentModel;
using System.Globalization;
using System.Text;
using Vr.Standaarden.Schema.Formats;
using Vr.Standaarden.Schema.Internal;

namespace Vr.Standaarden.Schema.Compiled;

/// <summary>
/// What code generated from schemas by Vr.Standaarden.Generator calls at run time, so patterns, formats and lengths
/// mean exactly what they mean in <see cref="JsonSchema"/>: ECMA-262 patterns on a linear-time engine (or under a
/// 200 ms timeout), format checks of draft 2020-12, lengths in code points.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class CompiledSupport
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(200);
    private static readonly ConcurrentDictionary<string, EcmaRegex> Patterns = new(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="value"/> matches the ECMA-262 <paramref name="pattern"/> (a timeout counts as no match).</summary>
    public static bool MatchesPattern(string value, string pattern)
    {
        ArgumentNullException.ThrowIfNull(value);
        var regex = Patterns.GetOrAdd(pattern, p => EcmaRegex.Create(p, Timeout));
        return regex.IsMatch(value, out var timedOut) && !timedOut;
    }

    /// <summary>Whether <paramref name="value"/> is a valid <paramref name="format"/>; formats the engine does not check are valid.</summary>
    public static bool IsFormat(string value, string format)
    {
        ArgumentNullException.ThrowIfNull(value);
        return !FormatValidators.TryGet(format, out var check) || check(value);
    }

    /// <summary>Whether <paramref name="value"/> is a valid <paramref name="format"/>; formats the engine does not check are valid.</summary>
    public static bool IsFormat(ReadOnlySpan<char> value, string format) =>
        !FormatValidators.TryGet(format, out var check) || check(value);

    /// <summary>The length of <paramref name="value"/> in Unicode code points, as JSON Schema counts it.</summary>
    public static int Length(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Length(value.AsSpan());
    }

    /// <summary>The length of <paramref name="value"/> in Unicode code points, as JSON Schema counts it.</summary>
    public static int Length(ReadOnlySpan<char> value)
    {
        // Without surrogates every UTF-16 unit is a code point.
        if (!value.ContainsAnyInRange('\uD800', '\uDFFF'))
        {
            return value.Length;
        }

        var length = 0;
        foreach (var _ in value.EnumerateRunes())
        {
            length++;
        }

        return length;
    }

    /// <summary>Whether two JSON values are equal as JSON Schema compares them (<c>const</c>, <c>enum</c>): numbers by value, objects regardless of member order.</summary>
    public static bool JsonEquals(System.Text.Json.JsonElement a, System.Text.Json.JsonElement b) => JsonValues.DeepEquals(a, b);

    /// <summary>Whether the number <paramref name="value"/> is a multiple of <paramref name="divisor"/>, as <c>multipleOf</c> decides it.</summary>
    public static bool IsMultipleOf(System.Text.Json.JsonElement value, System.Text.Json.JsonElement divisor) =>
        value.ValueKind != System.Text.Json.JsonValueKind.Number || Keywords.MultipleOfKeyword.IsMultipleOf(value, new JsonNumber(divisor));

    /// <summary>Whether an array holds two equal items, as <c>uniqueItems</c> compares them.</summary>
    public static bool HasDuplicates(System.Text.Json.JsonElement array)
    {
        var items = array.EnumerateArray().ToList();
        for (var i = 0; i < items.Count; i++)
        {
            for (var j = i + 1; j < items.Count; j++)
            {
                if (JsonValues.DeepEquals(items[i], items[j]))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Whether two items of a typed list are equal (<c>uniqueItems</c> over scalars). Short lists are compared pairwise,
    /// without allocating; longer ones through a hash set.
    /// </summary>
    public static bool HasDuplicates<T>(List<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var comparer = EqualityComparer<T>.Default;
        if (items.Count <= 16)
        {
            for (var i = 1; i < items.Count; i++)
            {
                for (var j = 0; j < i; j++)
                {
                    if (comparer.Equals(items[i], items[j]))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        return new HashSet<T>(items, comparer).Count != items.Count;
    }

    /// <summary>
    /// The first pair of equal items, as <c>uniqueItems</c> reports it: the earliest item that equals an item before it,
    /// with that earlier item; <c>null</c> when all are distinct.
    /// </summary>
    public static (int First, int Second)? FindDuplicate(System.Text.Json.JsonElement array) => JsonValues.FirstDuplicate(array);

    /// <summary>The first pair of equal items of a typed list, as <see cref="FindDuplicate(System.Text.Json.JsonElement)"/> finds it.</summary>
    public static (int First, int Second)? FindDuplicate<T>(List<T> items)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(items);
        var comparer = EqualityComparer<T>.Default;
        var seen = new Dictionary<T, int>(comparer);
        for (var i = 0; i < items.Count; i++)
        {
            if (!seen.TryAdd(items[i], i))
            {
                return (seen[items[i]], i);
            }
        }

        return null;
    }

    /// <summary>The value the reader is on, as <see cref="SchemaMessages.Show(System.Text.Json.JsonElement)"/> shows it (the reader is not moved).</summary>
    public static string Show(System.Text.Json.Utf8JsonReader reader) =>
        SchemaMessages.Show(System.Text.Json.JsonElement.ParseValue(ref reader));

    /// <summary>A JSON value from its text, for constants in generated code.</summary>
    public static System.Text.Json.JsonElement JsonConstant(string json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>The pointer to member <paramref name="name"/> of the value at <paramref name="parent"/>, or to item <paramref name="index"/> when <paramref name="name"/> is <c>null</c>.</summary>
    public static string Location(string parent, string? name, int index) =>
        name is null ? JsonPointer.Append(parent, index) : JsonPointer.Append(parent, name);

    /// <summary>The pointer to member <paramref name="name"/> of the value at <paramref name="parent"/>.</summary>
    public static string Location(string parent, string name) => JsonPointer.Append(parent, name);

    /// <summary>The pointer to item <paramref name="index"/> of the array at <paramref name="parent"/>.</summary>
    public static string Location(string parent, int index) => JsonPointer.Append(parent, index);

    /// <summary>A timestamp written the way the standard writes it: RFC 3339 with Z for UTC and no trailing zeros in fractions.</summary>
    public static string FormatDateTime(DateTimeOffset value) =>
        value.Offset == TimeSpan.Zero
            ? value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture)
            : value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    /// <summary>Reads an RFC 3339 timestamp that <see cref="IsFormat(string, string)"/> accepted.</summary>
    public static DateTimeOffset ParseDateTime(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return ParseDateTime(value.AsSpan());
    }

    /// <summary>Reads an RFC 3339 timestamp that <see cref="IsFormat(ReadOnlySpan{char}, string)"/> accepted.</summary>
    /// <remarks>
    /// An offset beyond ±14:00, which RFC 3339 allows and <see cref="DateTimeOffset"/> cannot hold, gives the same moment in
    /// UTC.
    /// </remarks>
    /// <exception cref="FormatException">The text is not a timestamp, or its moment lies outside the years 1 to 9999.</exception>
    public static DateTimeOffset ParseDateTime(ReadOnlySpan<char> value) =>
        TryParseDateTime(value, out var result)
            ? result
            : throw new FormatException($"'{value}' is not an RFC 3339 date-time that DateTimeOffset can hold.");

    private static bool TryParseDateTime(ReadOnlySpan<char> value, out DateTimeOffset result)
    {
        // RFC 3339 allows a lower-case t and z; .NET's parser wants them upper-case.
        Span<char> upper = value.Length <= 64 ? stackalloc char[value.Length] : new char[value.Length];
        value.CopyTo(upper);
        upper.Replace('t', 'T');
        upper.Replace('z', 'Z');
        if (DateTimeOffset.TryParse(upper, CultureInfo.InvariantCulture, DateTimeStyles.None, out result))
        {
            return true;
        }

        // An offset of more than 14 hours: the local time less the offset, in UTC.
        if (upper.Length > 6 && upper[^6] is '+' or '-' && upper[^3] == ':' &&
            int.TryParse(upper[^5..^3], NumberStyles.None, CultureInfo.InvariantCulture, out var hours) &&
            int.TryParse(upper[^2..], NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) &&
            DateTime.TryParse(upper[..^6], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            var offset = new TimeSpan(hours, minutes, 0) * (upper[^6] == '-' ? -1 : 1);
            var ticks = local.Ticks - offset.Ticks;
            if (ticks >= DateTime.MinValue.Ticks && ticks <= DateTime.MaxValue.Ticks)
            {
                result = new DateTimeOffset(ticks, TimeSpan.Zero);
                return true;
            }
        }

        result = default;
        return false;
    }

    /// <summary>
    /// The timestamp of the string token <paramref name="reader"/> is at, whose text is <paramref name="text"/>, or
    /// <c>null</c> when the text is not an RFC 3339 date-time or its moment lies outside the years 1 to 9999. The usual shape (upper-case <c>T</c> and <c>Z</c>, at most
    /// seven fractional digits) is read by System.Text.Json straight from UTF-8; any other goes through
    /// <see cref="ParseDateTime(ReadOnlySpan{char})"/>. Both give the same value.
    /// </summary>
    public static DateTimeOffset? ReadDateTime(ref System.Text.Json.Utf8JsonReader reader, scoped ReadOnlySpan<char> text)
    {
        if (!FormatValidators.IsDateTime(text))
        {
            return null;
        }

        var dot = text.IndexOf('.');
        var fraction = dot < 0 ? 0 : text[(dot + 1)..].IndexOfAnyExceptInRange('0', '9') is var end && end < 0 ? text.Length - dot - 1 : end;
        if (fraction <= 7 && reader.TryGetDateTimeOffset(out var value))
        {
            return value;
        }

        return TryParseDateTime(text, out value) ? value : null;
    }

    /// <summary>The value quoted for a message, shortened when long, as <see cref="SchemaMessages.Show(ReadOnlySpan{char})"/> shows it.</summary>
    public static string Quote(ReadOnlySpan<char> value) => SchemaMessages.Show(value);

    /// <summary>The value quoted for a message, shortened when long, as <see cref="SchemaMessages.Show(string)"/> shows it.</summary>
    public static string Quote(string value) => SchemaMessages.Show(value);

    /// <summary>
    /// Checks the size, encoding and syntax of a document (duplicate member names included) before a generated reader
    /// reads it; a problem is added to
    /// <paramref name="errors"/> and makes the result <c>false</c>.
    /// </summary>
    public static bool CanRead(ReadOnlySpan<byte> utf8Json, Input.InputLimits limits, List<SchemaViolation> errors)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(errors);
        if ((Input.JsonInput.CheckSize(utf8Json.Length, limits.MaxBytes) ?? Input.JsonInput.CheckEncoding(utf8Json) ?? Input.JsonInput.CheckSyntax(utf8Json, limits.MaxDepth)) is { } problem)
        {
            errors.Add(Violation(problem));
            return false;
        }

        return true;
    }

    /// <summary>The violation that a <see cref="System.Text.Json.JsonException"/> raised while reading <paramref name="utf8Json"/> describes.</summary>
    public static SchemaViolation Unreadable(System.Text.Json.JsonException exception, ReadOnlySpan<byte> utf8Json, Input.InputLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return Violation(Input.JsonInput.FromJsonException(exception, utf8Json, limits.MaxDepth));
    }

    private static SchemaViolation Violation(Input.InputProblem problem) =>
        new(problem.InstanceLocation ?? "", problem.Kind switch
        {
            Input.InputProblemKind.InvalidUtf8 or Input.InputProblemKind.Utf16 or Input.InputProblemKind.Utf32 or Input.InputProblemKind.NulByte => "encoding",
            Input.InputProblemKind.TooLarge => "maxBytes",
            Input.InputProblemKind.TooDeep => "maxDepth",
            Input.InputProblemKind.DuplicateMember => "duplicateMember",
            _ => "json",
        }, problem.Text)
        { Problem = problem };
}
