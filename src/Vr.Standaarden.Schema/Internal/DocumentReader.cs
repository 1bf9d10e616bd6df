using System.Text.Json;

namespace Vr.Standaarden.Schema.Internal;

/// <summary>Reads JSON documents with bounded size and depth, turning parse failures into located errors.</summary>
internal static class DocumentReader
{
    /// <summary>The UTF-8 byte order mark.</summary>
    public static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    public static JsonElement Parse(ReadOnlyMemory<byte> utf8, string source, int maxDepth, bool isSchema = true)
    {
        using var document = ParseDocument(utf8, source, maxDepth, isSchema);
        return document.RootElement.Clone();
    }

    /// <summary>Parses without copying: the document keeps <paramref name="utf8"/> until it is disposed.</summary>
    public static JsonDocument ParseDocument(ReadOnlyMemory<byte> utf8, string source, int maxDepth, bool isSchema)
    {
        // Files saved by Windows tools often start with a UTF-8 byte order mark, which the parser refuses.
        if (utf8.Span.StartsWith(Utf8Bom))
        {
            utf8 = utf8[Utf8Bom.Length..];
        }

        try
        {
            return JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = maxDepth });
        }
        catch (JsonException ex)
        {
            var line = (ex.LineNumber ?? 0) + 1;
            var column = (ex.BytePositionInLine ?? 0) + 1;
            var message = $"{source} is not valid JSON at line {line}, column {column}: {Clean(ex.Message)}";
            if (isSchema)
            {
                throw new InvalidSchemaException(message, ex) { LineNumber = line, Column = column };
            }

            throw new InvalidInstanceException(message, ex) { LineNumber = line, Column = column };
        }
    }

    public static JsonElement ReadFile(string path, long maxBytes, int maxDepth, bool isSchema = true)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"No file '{path}'.", path);
        }

        if (info.Length > maxBytes)
        {
            var message = $"{path} is {info.Length} bytes, more than the limit of {maxBytes} bytes.";
            throw isSchema ? new InvalidSchemaException(message) : new InvalidInstanceException(message);
        }

        return Parse(File.ReadAllBytes(path), path, maxDepth, isSchema);
    }

    /// <summary>The parser's message without its own position suffix, which the caller states in 1-based form.</summary>
    private static string Clean(string message)
    {
        foreach (var marker in (ReadOnlySpan<string>)[" Path:", " LineNumber:"])
        {
            var at = message.IndexOf(marker, StringComparison.Ordinal);
            if (at > 0)
            {
                message = message[..at];
            }
        }

        return message;
    }
}
