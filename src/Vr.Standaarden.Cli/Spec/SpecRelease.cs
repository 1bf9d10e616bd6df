using System.Text.Json;

namespace Vr.Standaarden.Cli.Spec;

/// <summary>
/// One release folder of the standard, as laid out in <c>spec/README.md</c>: <c>schemas/*.schema.json</c>,
/// <c>codelijsten/*.json</c>, <c>meta/*.json</c> and <c>voorbeelden/{geldig,ongeldig}/*.json</c>, where each
/// invalid example has a <c>.verwacht.json</c> sidecar that names the rule it breaks.
/// </summary>
internal sealed class SpecRelease
{
    /// <summary>Suffix of the sidecar that states why an invalid example is invalid.</summary>
    public const string ExpectationSuffix = ".verwacht.json";

    private SpecRelease(string folder, IReadOnlyList<SpecDocument> schemas, IReadOnlyList<SpecDocument> codeLists, IReadOnlyList<SpecDocument> metaSchemas, IReadOnlyList<SpecExample> examples)
    {
        Folder = folder;
        Schemas = schemas;
        CodeLists = codeLists;
        MetaSchemas = metaSchemas;
        Examples = examples;
    }

    /// <summary>The full path of the release folder.</summary>
    public string Folder { get; }

    /// <summary>The schemas under <c>schemas/</c>, ordered by name.</summary>
    public IReadOnlyList<SpecDocument> Schemas { get; }

    /// <summary>The code lists under <c>codelijsten/</c>, ordered by name.</summary>
    public IReadOnlyList<SpecDocument> CodeLists { get; }

    /// <summary>The schemas under <c>meta/</c>, ordered by name.</summary>
    public IReadOnlyList<SpecDocument> MetaSchemas { get; }

    /// <summary>The examples under <c>voorbeelden/</c>, valid ones first, each group ordered by file name.</summary>
    public IReadOnlyList<SpecExample> Examples { get; }

    /// <summary>Reads a release folder. Throws <see cref="SpecFormatException"/> for a file that is not usable.</summary>
    public static SpecRelease Load(string folder)
    {
        var full = Path.GetFullPath(folder);
        if (!Directory.Exists(full))
        {
            throw new DirectoryNotFoundException($"The release folder '{folder}' does not exist.");
        }

        var schemas = ReadAll(Path.Combine(full, "schemas"), ".schema.json");
        var codeLists = ReadAll(Path.Combine(full, "codelijsten"), ".json");
        var meta = ReadAll(Path.Combine(full, "meta"), ".json");
        var examples = new List<SpecExample>();
        foreach (var (kind, valid) in new[] { ("geldig", true), ("ongeldig", false) })
        {
            var dir = Path.Combine(full, "voorbeelden", kind);
            foreach (var file in JsonFiles(dir).Where(f => !f.EndsWith(ExpectationSuffix, StringComparison.Ordinal)))
            {
                var expectation = valid ? null : ReadExpectation(file);
                examples.Add(new SpecExample(file, valid, expectation, FindSchema(schemas, Path.GetFileName(file))));
            }
        }

        return new SpecRelease(full, schemas, codeLists, meta, examples);
    }

    /// <summary>Parses one JSON file, naming the file, line and column of a syntax error.</summary>
    public static JsonElement ReadJson(string file)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(file), new JsonDocumentOptions { MaxDepth = 64 });
            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new SpecFormatException(file, $"{file}({ex.LineNumber + 1},{ex.BytePositionInLine + 1}): not valid JSON: {ex.Message}", ex);
        }
    }

    private static List<SpecDocument> ReadAll(string dir, string suffix) =>
        JsonFiles(dir)
            .Where(f => f.EndsWith(suffix, StringComparison.Ordinal))
            .Select(f => new SpecDocument(Path.GetFileName(f)[..^suffix.Length], f, ReadJson(f)))
            .ToList();

    private static IEnumerable<string> JsonFiles(string dir) =>
        Directory.Exists(dir)
            ? Directory.EnumerateFiles(dir, "*.json").Order(StringComparer.Ordinal)
            : [];

    // The schema an example belongs to: the longest schema name that prefixes "<name>-".
    private static SpecDocument? FindSchema(List<SpecDocument> schemas, string fileName) =>
        schemas.Where(s => fileName.StartsWith(s.Name + "-", StringComparison.Ordinal))
            .MaxBy(s => s.Name.Length);

    private static SpecExpectation ReadExpectation(string example)
    {
        var sidecar = example[..^".json".Length] + ExpectationSuffix;
        if (!File.Exists(sidecar))
        {
            throw new SpecFormatException(example, $"{example}: an invalid example needs a sidecar {Path.GetFileName(sidecar)} that names the rule it breaks.");
        }

        var root = ReadJson(sidecar);
        string Text(string name) =>
            root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()!
                : throw new SpecFormatException(sidecar, $"{sidecar}: the string member '{name}' is missing.");

        return new SpecExpectation(Text("instanceLocation"), Text("keyword"), Text("reden"), Text("redenEn"));
    }
}

/// <summary>A JSON file of a release: its name (file name without the suffix), path and content.</summary>
internal sealed record SpecDocument(string Name, string Path, JsonElement Root)
{
    /// <summary>The string member <paramref name="name"/> of the root object, or <c>null</c>.</summary>
    public string? Text(string name) =>
        Root.ValueKind == JsonValueKind.Object && Root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>The <c>$id</c> of the document.</summary>
    public string? Id => Text("$id");

    /// <summary>A schema without a root <c>type</c> only holds shared definitions.</summary>
    public bool IsTypeLibrary => Root.ValueKind == JsonValueKind.Object && !Root.TryGetProperty("type", out _);
}

/// <summary>An example: its file, whether it should be valid, why not if not, and the schema its name points at.</summary>
internal sealed record SpecExample(string Path, bool ExpectedValid, SpecExpectation? Expectation, SpecDocument? Schema)
{
    /// <summary>The file name.</summary>
    public string FileName => System.IO.Path.GetFileName(Path);
}

/// <summary>The error an invalid example must produce: where (JSON Pointer) and which keyword, and why in Dutch and English.</summary>
internal sealed record SpecExpectation(string InstanceLocation, string Keyword, string Reden, string RedenEn);

/// <summary>A file of a release that cannot be read as the layout requires.</summary>
internal sealed class SpecFormatException : Exception
{
    public SpecFormatException(string file, string message, Exception? inner = null)
        : base(message, inner) => File = file;

    /// <summary>The file at fault.</summary>
    public string File { get; }
}
