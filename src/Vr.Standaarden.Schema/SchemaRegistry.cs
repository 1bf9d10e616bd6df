using System.Text.Json;
using Vr.Standaarden.Schema.Internal;

namespace Vr.Standaarden.Schema;

/// <summary>
/// The schemas a <see cref="JsonSchema"/> may refer to, known by URI, so that every reference resolves offline.
/// Holds the meta-schemas of draft-07, 2019-09 and 2020-12 from the start; add documents by URI or by their
/// <c>$id</c>, or map a URI prefix to a folder whose files are read only when a reference needs them. The engine
/// never opens a network connection: a URI that is not known here is an <see cref="UnresolvedReferenceException"/>.
/// </summary>
/// <remarks>Thread-safe. Registering after a schema was built does not change that schema.</remarks>
public sealed class SchemaRegistry
{
    private static readonly Lazy<Dictionary<string, JsonElement>> MetaSchemas = new(LoadMetaSchemas);
    private readonly Dictionary<string, JsonElement> _documents = new(StringComparer.Ordinal);
    private readonly List<(string Prefix, string Path)> _prefixes = [];
    private readonly Lock _gate = new();

    /// <summary>Maximum size in bytes of a file read through a prefix mapping. Default: 64 MiB.</summary>
    public long MaxFileBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Maximum nesting depth of a document read into the registry. Default: 256.</summary>
    public int MaxDepth { get; set; } = 256;

    /// <summary>Registers a schema document under its retrieval URI.</summary>
    /// <exception cref="InvalidSchemaException">The text is not JSON.</exception>
    public void Register(Uri uri, string json)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(json);
        Register(uri, DocumentReader.Parse(System.Text.Encoding.UTF8.GetBytes(json), uri.ToString(), MaxDepth));
    }

    /// <summary>Registers a schema document under its retrieval URI.</summary>
    public void Register(Uri uri, JsonElement schema)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri)
        {
            throw new ArgumentException($"The URI '{uri}' must be absolute.", nameof(uri));
        }

        var key = UriTools.WithoutFragment(uri);
        lock (_gate)
        {
            _documents[key] = schema.Clone();
        }
    }

    /// <summary>Registers a schema document under the absolute URI in its <c>$id</c>.</summary>
    /// <exception cref="ArgumentException">The schema has no absolute <c>$id</c>.</exception>
    public void Register(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("$id", out var id) ||
            id.ValueKind != JsonValueKind.String || !Uri.TryCreate(id.GetString(), UriKind.Absolute, out var uri))
        {
            throw new ArgumentException("The schema has no absolute $id; register it with an explicit URI instead.", nameof(schema));
        }

        Register(uri, schema);
    }

    /// <summary>Registers the schema in a file, under <paramref name="uri"/> or else its <c>$id</c> or else its file URI.</summary>
    public void RegisterFile(string path, Uri? uri = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        var root = DocumentReader.ReadFile(full, MaxFileBytes, MaxDepth);
        if (uri is null && root.ValueKind == JsonValueKind.Object && root.TryGetProperty("$id", out var id) &&
            id.ValueKind == JsonValueKind.String && Uri.TryCreate(id.GetString(), UriKind.Absolute, out var declared))
        {
            uri = declared;
        }

        Register(uri ?? new Uri(full), root);
    }

    /// <summary>
    /// Maps every URI that starts with <paramref name="uriPrefix"/> to the same relative path under the folder
    /// <paramref name="path"/>, or, when <paramref name="path"/> is a file, maps exactly that URI to the file.
    /// Files are read only when a reference needs them, and never from outside the folder.
    /// </summary>
    public void MapPrefix(string uriPrefix, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(uriPrefix);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        if (!Directory.Exists(full) && !File.Exists(full))
        {
            throw new DirectoryNotFoundException($"No folder or file '{full}' to map '{uriPrefix}' to.");
        }

        lock (_gate)
        {
            _prefixes.Add((uriPrefix, full));
        }
    }

    /// <summary>Whether a document is known (or mapped) under the URI, ignoring its fragment.</summary>
    public bool Contains(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return TryGetDocument(UriTools.WithoutFragment(uri), out _);
    }

    internal bool TryGetDocument(string uri, out JsonElement root)
    {
        lock (_gate)
        {
            if (_documents.TryGetValue(uri, out root))
            {
                return true;
            }

            foreach (var (prefix, path) in _prefixes)
            {
                if (!uri.StartsWith(prefix, StringComparison.Ordinal))
                {
                    continue;
                }

                string file;
                if (File.Exists(path))
                {
                    if (uri.Length != prefix.Length)
                    {
                        continue;
                    }

                    file = path;
                }
                else
                {
                    var relative = Uri.UnescapeDataString(uri[prefix.Length..]);
                    file = Path.GetFullPath(Path.Combine(path, relative));
                    var folder = path.EndsWith(Path.DirectorySeparatorChar) ? path : path + Path.DirectorySeparatorChar;
                    if (!file.StartsWith(folder, StringComparison.Ordinal) || !File.Exists(file))
                    {
                        continue;
                    }
                }

                root = DocumentReader.ReadFile(file, MaxFileBytes, MaxDepth);
                _documents[uri] = root;
                return true;
            }
        }

        return MetaSchemas.Value.TryGetValue(uri, out root);
    }

    private static Dictionary<string, JsonElement> LoadMetaSchemas()
    {
        var result = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var assembly = typeof(SchemaRegistry).Assembly;
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.EndsWith(".json", StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(name)!;
            using var document = JsonDocument.Parse(stream);
            var root = document.RootElement.Clone();
            var id = root.GetProperty("$id").GetString()!;
            result[UriTools.WithoutFragment(new Uri(id))] = root;
        }

        return result;
    }

    internal static JsonElement GetMetaSchema(SchemaDialect draft) =>
        MetaSchemas.Value[UriTools.WithoutFragment(new Uri(Dialect.MetaSchemaUri(draft)))];

    internal static bool IsMetaSchemaUri(string uri) => MetaSchemas.Value.ContainsKey(uri);
}
