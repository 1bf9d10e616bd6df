using System.Text.Json;
using Vr.Standaarden.Schema.Input;

namespace Vr.Standaarden.Schema.Internal;

/// <summary>Reads JSON documents with bounded size and depth, turning encoding and parse failures and duplicate member names into located errors.</summary>
internal static class DocumentReader
{
    public static JsonElement Parse(ReadOnlyMemory<byte> utf8, string source, int maxDepth, bool isSchema = true)
    {
        using var document = ParseDocument(utf8, source, maxDepth, isSchema);
        return document.RootElement.Clone();
    }

    /// <summary>Parses without copying: the document keeps <paramref name="utf8"/> until it is disposed.</summary>
    public static JsonDocument ParseDocument(ReadOnlyMemory<byte> utf8, string source, int maxDepth, bool isSchema)
    {
        // The parser does not check the UTF-8 inside strings; bytes of another encoding would read as a valid document.
        if (JsonInput.CheckEncoding(utf8.Span) is { } encoding)
        {
            throw Error(source, encoding, isSchema, null);
        }

        // Syntax, depth and duplicate member names, located; the parser itself would keep both members of a name.
        if (JsonInput.CheckSyntax(utf8.Span, maxDepth) is { } problem)
        {
            throw Error(source, problem, isSchema, null);
        }

        var json = utf8[(utf8.Length - JsonInput.SkipByteOrderMark(utf8.Span).Length)..];
        return JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = maxDepth });
    }

    public static JsonElement ReadFile(string path, long maxBytes, int maxDepth, bool isSchema = true)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"No file '{path}'.", path);
        }

        if (JsonInput.CheckSize(info.Length, maxBytes) is { } tooLarge)
        {
            throw Error(path, tooLarge, isSchema, null);
        }

        return Parse(File.ReadAllBytes(path), path, maxDepth, isSchema);
    }

    private static JsonSchemaException Error(string source, InputProblem problem, bool isSchema, Exception? inner)
    {
        var message = $"{source}: {problem.Text.English}";
        long? line = problem.Line > 0 ? problem.Line : null;
        long? column = problem.Column > 0 ? problem.Column : null;
        return isSchema
            ? new InvalidSchemaException(message, inner!) { LineNumber = line, Column = column, Problem = problem }
            : new InvalidInstanceException(message, inner!) { LineNumber = line, Column = column, Problem = problem };
    }
}
