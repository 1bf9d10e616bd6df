using System.Text.Json;

namespace Vr.Standaarden.Spec;

/// <summary>One JSON file of a release, exactly as in its folder under <c>spec/</c>.</summary>
public sealed class StandardFile
{
    private readonly Lazy<JsonElement> _root;

    internal StandardFile(string path, ReadOnlyMemory<byte> utf8, string? source)
    {
        Path = path;
        Utf8 = utf8;
        Source = source;
        _root = new Lazy<JsonElement>(() =>
        {
            using var document = JsonDocument.Parse(Utf8, new JsonDocumentOptions { MaxDepth = 256 });
            return document.RootElement.Clone();
        });
        Id = Peek(utf8, "$id");
    }

    /// <summary>The path inside the release folder, with forward slashes: <c>schemas/incident.schema.json</c>.</summary>
    public string Path { get; }

    /// <summary>The file on disk it was read from, or <c>null</c> for an embedded file.</summary>
    public string? Source { get; }

    /// <summary>The file's content, UTF-8.</summary>
    public ReadOnlyMemory<byte> Utf8 { get; }

    /// <summary>The <c>$id</c> of the document, or <c>null</c> when it has none (examples, migrations).</summary>
    public string? Id { get; }

    /// <summary>The file name without its suffix (<c>.schema.json</c> or <c>.json</c>): <c>incident</c>, <c>grip-niveau</c>.</summary>
    public string Name
    {
        get
        {
            var name = System.IO.Path.GetFileName(Path);
            return name.EndsWith(".schema.json", StringComparison.Ordinal) ? name[..^".schema.json".Length]
                : name.EndsWith(".json", StringComparison.Ordinal) ? name[..^".json".Length]
                : name;
        }
    }

    /// <summary>The parsed document, read once.</summary>
    public JsonElement Root => _root.Value;

    /// <summary>A new stream over the content.</summary>
    public Stream OpenRead() => new MemoryStream(Utf8.ToArray(), writable: false);

    /// <inheritdoc/>
    public override string ToString() => Source ?? Path;

    // The top-level string member of an object, found without building the document.
    private static string? Peek(ReadOnlyMemory<byte> utf8, string name)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8.Span, new JsonReaderOptions { MaxDepth = 256, CommentHandling = JsonCommentHandling.Disallow });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var match = reader.ValueTextEquals(name);
                reader.Read();
                if (match)
                {
                    return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Not JSON: the release loader reports it with its position.
        }

        return null;
    }
}
