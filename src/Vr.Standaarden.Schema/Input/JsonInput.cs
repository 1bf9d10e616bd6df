using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Vr.Standaarden.Schema.Input;

/// <summary>
/// Checks the bytes of a JSON document before anything reads them: size, encoding (UTF-8 only), and syntax with
/// nesting depth. Each problem comes back located (byte offset, line, column) and worded in Dutch and English, so
/// every entry point of the packages reports the same bad input the same way.
/// </summary>
public static class JsonInput
{
    /// <summary>The name of the meter on which <see cref="Parse"/> counts the documents it builds.</summary>
    public const string MeterName = "Vr.Standaarden.Json";

    /// <summary>The counter of documents built from bytes by <see cref="Parse"/>, tagged <c>vr.json.by</c> with the caller.</summary>
    public const string DocumentsInstrument = "vr.json.documents";

    private static readonly System.Diagnostics.Metrics.Meter Meter = new(MeterName);
    private static readonly System.Diagnostics.Metrics.Counter<long> Documents = Meter.CreateCounter<long>(DocumentsInstrument, description: "JSON documents built from bytes");

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>
    /// Builds the document of <paramref name="document"/> (a leading byte order mark skipped) as an element that owns its
    /// memory, so it may outlive the bytes and needs no disposing. The one way the packages turn a message's bytes into a
    /// document: each call is counted on <see cref="MeterName"/>/<see cref="DocumentsInstrument"/>, so a test or a
    /// dashboard sees how often a message is read. Check the bytes first (<see cref="Check"/>); this throws on what
    /// that would refuse, without saying where.
    /// </summary>
    /// <param name="document">UTF-8 JSON.</param>
    /// <param name="limits">The nesting depth allowed (<see cref="InputLimits.Default"/> when null).</param>
    /// <param name="by">Who parses, for the counter's tag: a type name such as <c>MessageReceiver</c>.</param>
    /// <exception cref="JsonException">The bytes are not one JSON value within the depth.</exception>
    public static JsonElement Parse(ReadOnlySpan<byte> document, InputLimits? limits = null, string? by = null)
    {
        var reader = DocumentReader(document, limits);
        var element = JsonElement.ParseValue(ref reader);
        Parsed(ref reader, by);
        return element;
    }

    /// <summary>
    /// As <see cref="Parse"/>, for a document used only while the caller holds it: its memory is pooled and returned
    /// when the caller disposes it. Counted the same way.
    /// </summary>
    /// <param name="document">UTF-8 JSON.</param>
    /// <param name="limits">The nesting depth allowed (<see cref="InputLimits.Default"/> when null).</param>
    /// <param name="by">Who parses, for the counter's tag.</param>
    /// <exception cref="JsonException">The bytes are not one JSON value within the depth.</exception>
    public static JsonDocument ParseDocument(ReadOnlySpan<byte> document, InputLimits? limits = null, string? by = null)
    {
        var reader = DocumentReader(document, limits);
        var parsed = JsonDocument.ParseValue(ref reader);
        try
        {
            Parsed(ref reader, by);
        }
        catch
        {
            parsed.Dispose();
            throw;
        }

        return parsed;
    }

    private static Utf8JsonReader DocumentReader(ReadOnlySpan<byte> document, InputLimits? limits) =>
        new(SkipByteOrderMark(document), new JsonReaderOptions { MaxDepth = (limits ?? InputLimits.Default).MaxDepth });

    // After the one value: nothing may follow it, and the document is counted.
    private static void Parsed(ref Utf8JsonReader reader, string? by)
    {
        if (reader.Read())
        {
            throw new JsonException("More than one JSON value.");
        }

        Documents.Add(1, new KeyValuePair<string, object?>("vr.json.by", by));
    }

    /// <summary>The document without a leading UTF-8 byte order mark, which Windows tools often write and JSON parsers refuse.</summary>
    public static ReadOnlySpan<byte> SkipByteOrderMark(ReadOnlySpan<byte> document) =>
        document.StartsWith(Utf8Bom) ? document[Utf8Bom.Length..] : document;

    /// <summary>
    /// The first problem of <paramref name="document"/>, or <c>null</c> when it is UTF-8 JSON within
    /// <paramref name="limits"/> (<see cref="InputLimits.Default"/> when <c>null</c>). A leading UTF-8 byte order mark is
    /// allowed. Reads the document once without allocating when it is fine.
    /// </summary>
    public static InputProblem? Check(ReadOnlySpan<byte> document, InputLimits? limits = null)
    {
        limits ??= InputLimits.Default;
        return CheckSize(document.Length, limits.MaxBytes) ?? CheckEncoding(document) ?? CheckSyntax(document, limits.MaxDepth);
    }

    /// <summary>
    /// Reads <paramref name="stream"/> to its end, holding at most <paramref name="maxBytes"/> in memory: its bytes, or
    /// <c>null</c> when it is longer, with its true <paramref name="length"/> either way (for <see cref="CheckSize"/>).
    /// </summary>
    /// <exception cref="IOException">The stream cannot be read.</exception>
    public static byte[]? ReadAll(Stream stream, long maxBytes, out long length)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var copy = new MemoryStream();
        var buffer = new byte[81920];
        length = 0;
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            length += read;
            if (length <= maxBytes)
            {
                copy.Write(buffer, 0, read);
            }
        }

        return length <= maxBytes ? copy.ToArray() : null;
    }

    /// <summary>A <see cref="InputProblemKind.TooLarge"/> problem when <paramref name="length"/> exceeds <paramref name="maxBytes"/>.</summary>
    public static InputProblem? CheckSize(long length, long maxBytes) =>
        length <= maxBytes
            ? null
            : new InputProblem(InputProblemKind.TooLarge, -1, 0, 0, new LocalizedText(
                $"The document is {length} bytes, more than the limit of {maxBytes} bytes.",
                $"Het document is {length} bytes, meer dan de grens van {maxBytes} bytes."));

    /// <summary>
    /// The first encoding problem of <paramref name="document"/>: a UTF-16 or UTF-32 byte order mark, a NUL byte, or a
    /// byte sequence that is not UTF-8; <c>null</c> when it is UTF-8 (with or without a byte order mark).
    /// </summary>
    public static InputProblem? CheckEncoding(ReadOnlySpan<byte> document)
    {
        if (document.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]) || document.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
        {
            var mark = Convert.ToHexString(document[..4]).Insert(6, " ").Insert(4, " ").Insert(2, " ");
            return new InputProblem(InputProblemKind.Utf32, 0, 1, 1, new LocalizedText(
                $"The document is UTF-32 (byte order mark {mark} at byte 0); JSON is exchanged as UTF-8.",
                $"Het document is UTF-32 (byte order mark {mark} op byte 0); JSON wordt uitgewisseld als UTF-8."));
        }

        if (document.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || document.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            var mark = $"{document[0]:X2} {document[1]:X2}";
            return new InputProblem(InputProblemKind.Utf16, 0, 1, 1, new LocalizedText(
                $"The document is UTF-16 (byte order mark {mark} at byte 0); JSON is exchanged as UTF-8.",
                $"Het document is UTF-16 (byte order mark {mark} op byte 0); JSON wordt uitgewisseld als UTF-8."));
        }

        var nul = document.IndexOf((byte)0);
        var invalid = Utf8.IsValid(document) ? -1 : FirstInvalidUtf8(document);
        if (nul >= 0 && (invalid < 0 || nul < invalid))
        {
            var (line, column) = Position(document, nul);
            return new InputProblem(InputProblemKind.NulByte, nul, line, column, new LocalizedText(
                $"NUL byte at {Where(line, column, nul)}: JSON text never holds one; is the document UTF-16 without a byte order mark?",
                $"NUL-byte op {Waar(line, column, nul)}: JSON-tekst bevat die nooit; is het document UTF-16 zonder byte order mark?"));
        }

        if (invalid >= 0)
        {
            var (line, column) = Position(document, invalid);
            // The maximal invalid subsequence, as the Unicode standard defines it: one to three bytes.
            Rune.DecodeFromUtf8(document[invalid..], out _, out var length);
            var shown = string.Join(' ', document.Slice(invalid, Math.Max(1, length)).ToArray().Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
            return new InputProblem(InputProblemKind.InvalidUtf8, invalid, line, column, new LocalizedText(
                $"Not UTF-8 at {Where(line, column, invalid)}: {shown} is no UTF-8 character; the document is probably Latin-1 or Windows-1252 and must be converted to UTF-8.",
                $"Geen UTF-8 op {Waar(line, column, invalid)}: {shown} is geen UTF-8-teken; het document is waarschijnlijk Latin-1 of Windows-1252 en moet naar UTF-8 worden omgezet."));
        }

        return null;
    }

    /// <summary>
    /// The first syntax problem of UTF-8 <paramref name="document"/> (a syntax error, no value at all, nesting deeper
    /// than <paramref name="maxDepth"/>, or an object that holds a member name twice: <see cref="InputProblemKind.DuplicateMember"/>),
    /// or <c>null</c> when it is one JSON value. A leading UTF-8 byte order mark is allowed.
    /// </summary>
    public static InputProblem? CheckSyntax(ReadOnlySpan<byte> document, int maxDepth = InputLimits.DefaultMaxDepth)
    {
        try
        {
            return DuplicateMembers.Find(document, maxDepth);
        }
        catch (JsonException ex)
        {
            return FromJsonException(ex, document, maxDepth);
        }
    }

    /// <summary>
    /// The problem that a <see cref="JsonException"/> raised while parsing <paramref name="document"/> describes, worded
    /// without the parser's internals and located once.
    /// </summary>
    public static InputProblem FromJsonException(JsonException exception, ReadOnlySpan<byte> document, int maxDepth = InputLimits.DefaultMaxDepth)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var bom = document.StartsWith(Utf8Bom) ? Utf8Bom.Length : 0;
        var lineIndex = exception.LineNumber ?? 0;
        var offset = Offset(document, bom, lineIndex, exception.BytePositionInLine ?? 0);
        var (line, column) = Position(document, offset);
        var message = exception.Message;
        var found = offset < document.Length ? Shown(document[(int)offset..]) : null;
        if (message.Contains("maximum configured depth", StringComparison.Ordinal))
        {
            return new InputProblem(InputProblemKind.TooDeep, offset, line, column, new LocalizedText(
                $"Nested too deeply at {Where(line, column, offset)}: the depth of arrays and objects exceeds the limit of {maxDepth}.",
                $"Te diep genest op {Waar(line, column, offset)}: de diepte van arrays en objecten overschrijdt de grens van {maxDepth}."));
        }

        var (english, dutch) = Describe(message, found, json: document[bom..], offset - bom);
        return new InputProblem(InputProblemKind.Syntax, offset, line, column, new LocalizedText(
            $"Not JSON at {Where(line, column, offset)}: {english}.",
            $"Geen JSON op {Waar(line, column, offset)}: {dutch}."));
    }

    private static (string English, string Dutch) Describe(string message, string? found, ReadOnlySpan<byte> json, long offset)
    {
        if (message.Contains("does not contain any JSON tokens", StringComparison.Ordinal))
        {
            return json.Trim(" \t\r\n"u8).IsEmpty
                ? ("the document holds no JSON value", "het document bevat geen JSON-waarde")
                : ("the document ends before its value is complete", "het document houdt op voordat de waarde compleet is");
        }

        if (found is null || message.Contains("isFinalBlock", StringComparison.Ordinal) || message.Contains("reached end of data", StringComparison.Ordinal) ||
            message.Contains("Expected depth to be zero", StringComparison.Ordinal))
        {
            return ("the document ends before its value is complete", "het document houdt op voordat de waarde compleet is");
        }

        if (message.Contains("invalid after a single JSON value", StringComparison.Ordinal))
        {
            return ($"there is more text ({found}) after the JSON value", $"er staat nog tekst ({found}) na de JSON-waarde");
        }

        if (message.Contains("trailing comma", StringComparison.Ordinal))
        {
            return ($"a comma is followed by {found}; JSON allows no trailing comma", $"na een komma staat {found}; JSON staat geen komma aan het eind toe");
        }

        if (message.Contains("invalid start of a property name", StringComparison.Ordinal))
        {
            return offset > 0 && PreviousNonSpace(json, offset) == (byte)','
                ? ($"a comma is followed by {found} instead of a member name; JSON allows no trailing comma", $"na een komma staat {found} in plaats van een naam; JSON staat geen komma aan het eind toe")
                : ($"a member name in double quotes was expected, found {found}", $"een naam tussen dubbele aanhalingstekens werd verwacht, gevonden: {found}");
        }

        if (message.Contains("invalid after a property name", StringComparison.Ordinal))
        {
            return ($"':' was expected after the member name, found {found}", $"na de naam werd ':' verwacht, gevonden: {found}");
        }

        if (message.Contains("invalid after a value", StringComparison.Ordinal))
        {
            return ($"',' or the end of the array or object was expected after a value, found {found}", $"na een waarde werd ',' of het einde van de array of het object verwacht, gevonden: {found}");
        }

        if (message.Contains("invalid start of a value", StringComparison.Ordinal) || message.Contains("invalid end of a number", StringComparison.Ordinal) ||
            message.Contains("Expected a digit", StringComparison.Ordinal) || message.Contains("invalid JSON literal", StringComparison.Ordinal) ||
            message.Contains("is an invalid start of", StringComparison.Ordinal))
        {
            return ($"{found} cannot start or continue a JSON value here", $"{found} kan hier geen JSON-waarde beginnen of voortzetten");
        }

        if (message.Contains("within a JSON string", StringComparison.Ordinal) || message.Contains("should be escaped", StringComparison.Ordinal))
        {
            return ($"a string holds the control character {found}, which must be escaped", $"een string bevat het stuurteken {found}, dat ge-escapet moet worden");
        }

        if (message.Contains("escapable", StringComparison.Ordinal) || message.Contains("hex digit", StringComparison.Ordinal) ||
            message.Contains("surrogate", StringComparison.Ordinal))
        {
            return ("a string holds an invalid escape sequence", "een string bevat een ongeldige escape");
        }

        if (message.Contains("comment", StringComparison.OrdinalIgnoreCase))
        {
            return ("JSON has no comments", "JSON kent geen commentaar");
        }

        return ($"unexpected {found}", $"onverwacht: {found}");
    }

    private static byte PreviousNonSpace(ReadOnlySpan<byte> json, long offset)
    {
        for (var i = (int)Math.Min(offset, json.Length) - 1; i >= 0; i--)
        {
            if (json[i] is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return json[i];
            }
        }

        return 0;
    }

    /// <summary>The character at the start of <paramref name="rest"/>, quoted, or its code point when it is not printable.</summary>
    private static string Shown(ReadOnlySpan<byte> rest)
    {
        if (Rune.DecodeFromUtf8(rest, out var rune, out _) != System.Buffers.OperationStatus.Done)
        {
            return $"byte {rest[0]:X2}";
        }

        return Rune.IsControl(rune) || Rune.IsWhiteSpace(rune) ? $"U+{rune.Value:X4}" : $"'{rune}'";
    }

    private static long Offset(ReadOnlySpan<byte> document, int start, long lineIndex, long bytePositionInLine)
    {
        var at = start;
        for (var line = 0L; line < lineIndex; line++)
        {
            var next = document[at..].IndexOf((byte)'\n');
            if (next < 0)
            {
                break;
            }

            at += next + 1;
        }

        return Math.Min(at + bytePositionInLine, document.Length);
    }

    /// <summary>The 1-based line and column (in characters) of byte <paramref name="offset"/>.</summary>
    internal static (int Line, int Column) Position(ReadOnlySpan<byte> document, long offset)
    {
        var before = document[..(int)Math.Min(offset, document.Length)];
        var line = before.Count((byte)'\n') + 1;
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        var column = 1;
        foreach (var b in before[lineStart..])
        {
            // Count characters: every byte that does not continue a UTF-8 sequence starts one.
            if ((b & 0xC0) != 0x80)
            {
                column++;
            }
        }

        return (line, column);
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> document)
    {
        var at = 0;
        while (at < document.Length)
        {
            if (Rune.DecodeFromUtf8(document[at..], out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return at;
            }

            at += consumed;
        }

        return -1;
    }

    private static string Where(int line, int column, long offset) => $"line {line}, column {column} (byte {offset})";

    private static string Waar(int line, int column, long offset) => $"regel {line}, kolom {column} (byte {offset})";

}
