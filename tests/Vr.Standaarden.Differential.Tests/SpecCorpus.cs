using System.Text.Json;
using Vr.Standaarden.Schema;
using Vr.Standaarden.Testing;

namespace Vr.Standaarden.Differential.Tests;

/// <summary>
/// The schemas, code lists and examples of <c>spec/</c> (the release and its worked extension), each schema built by
/// both engines from the same documents, offline, with formats asserted as the standard's validator asserts them.
/// </summary>
internal sealed class SpecCorpus
{
    private static readonly Lazy<SpecCorpus> Shared = new(() => new SpecCorpus());
    private readonly Dictionary<Uri, JsonElement> _documents = [];
    private readonly Dictionary<string, (JsonSchema Ours, Json.Schema.JsonSchema Theirs)> _built = new(StringComparer.Ordinal);
    private readonly SchemaRegistry _registry = new();
    private readonly Dictionary<Uri, Json.Schema.JsonSchema> _theirs = [];

    private SpecCorpus()
    {
        var spec = Path.Combine(ConformanceSuites.RepositoryRoot, "spec");
        foreach (var file in Directory.GetFiles(spec, "*.json", SearchOption.AllDirectories).Where(f => f.Contains($"{Path.DirectorySeparatorChar}schemas{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ||
                 f.Contains($"{Path.DirectorySeparatorChar}codelijsten{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(file));
            if (document.RootElement.TryGetProperty("$id", out var id))
            {
                var root = document.RootElement.Clone();
                _documents[new Uri(id.GetString()!)] = root;
                _registry.Register(root);
                Schemas[ReleaseOf(file) + "/" + Path.GetFileName(file)[..^".json".Length].Replace(".schema", "", StringComparison.Ordinal)] = root;
            }
        }

        // Every document is built (and so registered) once, before any evaluation: references find each other there.
        Peer = new Peer(Json.Schema.Dialect.Draft202012, assertFormat: true, _ => null);
        foreach (var (id, document) in _documents)
        {
            _theirs[id] = Peer.Build(document, id);
        }

        Examples = [.. Directory.GetFiles(spec, "*.json", SearchOption.AllDirectories)
            .Where(f => f.Contains($"{Path.DirectorySeparatorChar}voorbeelden{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !f.EndsWith(".verwacht.json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];
    }

    public static SpecCorpus Instance => Shared.Value;

    public Peer Peer { get; }

    /// <summary>Schema documents by release and name (<c>1.0/incident</c>: file name without <c>.schema.json</c>), code lists included.</summary>
    public Dictionary<string, JsonElement> Schemas { get; } = new(StringComparer.Ordinal);

    /// <summary>Every example file, valid and invalid.</summary>
    public IReadOnlyList<string> Examples { get; }

    /// <summary>The schema an example is an instance of: the longest schema name its file name starts with, then '-'.</summary>
    public string SchemaOf(string example)
    {
        var name = ReleaseOf(example) + "/" + Path.GetFileNameWithoutExtension(example);
        return Schemas.Keys.Where(s => name.StartsWith(s + "-", StringComparison.Ordinal)).MaxBy(s => s.Length)
            ?? throw new InvalidOperationException($"{example} names no schema.");
    }

    // The release folder a file of spec/ is in: the first folder under spec/.
    private static string ReleaseOf(string file) =>
        Path.GetRelativePath(Path.Combine(ConformanceSuites.RepositoryRoot, "spec"), file).Replace('\\', '/').Split('/')[0];

    public (JsonSchema Ours, Json.Schema.JsonSchema Theirs) Build(string name)
    {
        lock (_built)
        {
            if (!_built.TryGetValue(name, out var pair))
            {
                var document = Schemas[name];
                var id = new Uri(document.GetProperty("$id").GetString()!);
                pair = (JsonSchema.FromElement(document, new JsonSchemaOptions { AssertFormat = true, Registry = _registry }), _theirs[id]);
                _built[name] = pair;
            }

            return pair;
        }
    }
}
