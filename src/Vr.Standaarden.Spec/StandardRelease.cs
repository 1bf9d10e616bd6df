using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.RegularExpressions;
using Vr.Standaarden.Schema.Model;

namespace Vr.Standaarden.Spec;

/// <summary>
/// One release of the standard: the files of its folder under <c>spec/</c> (<c>schemas/</c>, <c>codelijsten/</c>,
/// <c>meta/</c>, <c>voorbeelden/</c>, <c>uitbreidingen/</c>, <c>migraties/</c>), embedded in this package or read from
/// disk with <see cref="Load(string)"/>.
/// </summary>
public sealed partial class StandardRelease
{
    private readonly Dictionary<string, StandardFile> _byPath;
    private readonly Dictionary<string, StandardFile> _byId;

    internal StandardRelease(ReleaseVersion version, string? folder, IEnumerable<StandardFile> files)
    {
        Version = version;
        Folder = folder;
        Files = [.. files.OrderBy(f => f.Path, StringComparer.Ordinal)];
        _byPath = Files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        _byId = new Dictionary<string, StandardFile>(StringComparer.Ordinal);
        foreach (var file in Files.Where(f => f.Id is not null && IsDefinition(f)))
        {
            _byId.TryAdd(WithoutFragment(file.Id!), file);
        }

        Schemas = [.. Files.Where(f => InFolder(f.Path, "schemas") && f.Path.EndsWith(".schema.json", StringComparison.Ordinal))];
        CodeLists = [.. Files.Where(f => InFolder(f.Path, "codelijsten"))];
        MetaSchemas = [.. Files.Where(f => InFolder(f.Path, "meta"))];
        Examples = [.. Files.Where(f => f.Path.StartsWith("voorbeelden/", StringComparison.Ordinal))];
        Migrations = [.. Files.Where(f => InFolder(f.Path, "migraties"))];
        BaseUri = Schemas.Concat(CodeLists).Select(f => f.Id is { } id && id.EndsWith(f.Path, StringComparison.Ordinal) ? id[..^f.Path.Length] : null)
            .FirstOrDefault(b => b is not null);
    }

    /// <summary>The release number.</summary>
    public ReleaseVersion Version { get; }

    /// <summary>The release number as text, the name of its folder: <c>1.0</c>.</summary>
    public string Name => Version.ToString();

    /// <summary>The folder on disk, or <c>null</c> for an embedded release.</summary>
    public string? Folder { get; }

    /// <summary>
    /// The URI every <c>$id</c> of the release starts with, such as <c>https://vr-standaarden.github.io/spec/1.0/</c>, or
    /// <c>null</c> when the <c>$id</c>s do not mirror the folder layout.
    /// </summary>
    public string? BaseUri { get; }

    /// <summary>Every JSON file of the release, ordered by path.</summary>
    public IReadOnlyList<StandardFile> Files { get; }

    /// <summary>The entity schemas under <c>schemas/</c>.</summary>
    public IReadOnlyList<StandardFile> Schemas { get; }

    /// <summary>The code lists under <c>codelijsten/</c>.</summary>
    public IReadOnlyList<StandardFile> CodeLists { get; }

    /// <summary>The meta-schemas under <c>meta/</c>.</summary>
    public IReadOnlyList<StandardFile> MetaSchemas { get; }

    /// <summary>The examples under <c>voorbeelden/</c> (<c>geldig/</c> and <c>ongeldig/</c>).</summary>
    public IReadOnlyList<StandardFile> Examples { get; }

    /// <summary>The migration files under <c>migraties/</c>, each a step from an earlier release to this one.</summary>
    public IReadOnlyList<StandardFile> Migrations { get; }

    /// <summary>The names of the entity schemas: <c>bericht</c>, <c>incident</c>, …</summary>
    public IEnumerable<string> SchemaNames => Schemas.Select(s => s.Name);

    /// <summary>The names of the code lists: <c>grip-niveau</c>, <c>tlp</c>, …</summary>
    public IEnumerable<string> CodeListNames => CodeLists.Select(s => s.Name);

    /// <summary>
    /// The schemas, code lists and meta-schemas that others may reference: every file under <c>schemas/</c>,
    /// <c>codelijsten/</c> and <c>meta/</c>, and any other file with an <c>$id</c> outside <c>voorbeelden/</c>,
    /// <c>migraties/</c>, <c>uitbreidingen/</c> and <c>docs/</c>.
    /// </summary>
    public IEnumerable<StandardFile> Definitions => Files.Where(IsDefinition);

    /// <summary>The file at <paramref name="path"/> in the release folder (<c>schemas/incident.schema.json</c>), or <c>null</c>.</summary>
    public StandardFile? Find(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return _byPath.GetValueOrDefault(path.Replace('\\', '/'));
    }

    /// <summary>The schema, code list or meta-schema whose <c>$id</c> is <paramref name="id"/> (a fragment is ignored), or <c>null</c>.</summary>
    public StandardFile? FindById(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _byId.GetValueOrDefault(WithoutFragment(id));
    }

    /// <summary>The entity schema <paramref name="name"/>, such as <c>incident</c>.</summary>
    /// <exception cref="KeyNotFoundException">The release has no such schema; the message lists those it has.</exception>
    public StandardFile Schema(string name) =>
        Find("schemas/" + name + ".schema.json")
        ?? throw new KeyNotFoundException($"Release {Name} has no schema '{name}'; it has: {string.Join(", ", SchemaNames)}.");

    /// <summary>The code list <paramref name="name"/>, such as <c>grip-niveau</c>.</summary>
    /// <exception cref="KeyNotFoundException">The release has no such list; the message lists those it has.</exception>
    public StandardFile CodeList(string name) =>
        Find("codelijsten/" + name + ".json")
        ?? throw new KeyNotFoundException($"Release {Name} has no code list '{name}'; it has: {string.Join(", ", CodeListNames)}.");

    /// <summary>
    /// Reads a release folder from disk and checks that it holds together: every schema and code list is JSON with an
    /// <c>$id</c>, no two share one, and every <c>$ref</c> resolves to a file of the release (or a JSON Schema
    /// meta-schema). The number is the folder's name (<c>1.1</c>), or else the number in the <c>$id</c>s.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">There is no such folder.</exception>
    /// <exception cref="ReleaseFolderException">The folder does not hold together; each problem names its file and pointer.</exception>
    public static StandardRelease Load(string folder) => Load(folder, null);

    /// <summary>
    /// Reads a release folder from disk as <see cref="Load(string)"/> does, with <paramref name="version"/> as its number
    /// when given (for a folder whose name and <c>$id</c>s do not carry one).
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">There is no such folder.</exception>
    /// <exception cref="ReleaseFolderException">The folder does not hold together; each problem names its file and pointer.</exception>
    public static StandardRelease Load(string folder, ReleaseVersion? version)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var full = System.IO.Path.GetFullPath(folder);
        if (!Directory.Exists(full))
        {
            throw new DirectoryNotFoundException($"The release folder '{folder}' does not exist.");
        }

        var problems = new List<ReleaseFolderProblem>();
        var files = new List<StandardFile>();
        foreach (var path in Directory.EnumerateFiles(full, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = System.IO.Path.GetRelativePath(full, path).Replace('\\', '/');
            if (relative.StartsWith("docs/", StringComparison.Ordinal))
            {
                continue;
            }

            var bytes = File.ReadAllBytes(path);
            var display = System.IO.Path.Combine(folder, relative);
            if (Syntax(bytes) is { } syntax)
            {
                problems.Add(new ReleaseFolderProblem(display, "", syntax));
                continue;
            }

            files.Add(new StandardFile(relative, bytes, display));
        }

        version ??= VersionOf(System.IO.Path.GetFileName(full.TrimEnd(System.IO.Path.DirectorySeparatorChar)), files);
        if (version is null)
        {
            problems.Add(new ReleaseFolderProblem(folder, "", "cannot tell the release number: name the folder after it (1.1, 2.0, 1.0.1) or give the schemas $ids with it (…/1.1/schemas/…)."));
        }

        var release = new StandardRelease(version ?? default, full, files);
        problems.AddRange(release.Check());
        return problems.Count > 0 ? throw new ReleaseFolderException(problems) : release;
    }

    /// <summary>Checks that the definitions hold together; the problems found, none when it does.</summary>
    public IReadOnlyList<ReleaseFolderProblem> Check()
    {
        var problems = new List<ReleaseFolderProblem>();
        var seen = new Dictionary<string, StandardFile>(StringComparer.Ordinal);
        foreach (var file in Definitions)
        {
            if (file.Root.ValueKind != JsonValueKind.Object)
            {
                problems.Add(new ReleaseFolderProblem(file.ToString(), "", "a schema or code list is a JSON object."));
                continue;
            }

            if (file.Id is null)
            {
                problems.Add(new ReleaseFolderProblem(file.ToString(), "/$id", "the $id is missing: every schema and code list names itself, so that others can reference it (see spec/README.md)."));
                continue;
            }

            if (!Uri.TryCreate(file.Id, UriKind.Absolute, out _))
            {
                problems.Add(new ReleaseFolderProblem(file.ToString(), "/$id", $"the $id '{file.Id}' is not an absolute URI."));
                continue;
            }

            if (seen.TryGetValue(WithoutFragment(file.Id), out var first))
            {
                problems.Add(new ReleaseFolderProblem(file.ToString(), "/$id", $"the $id '{file.Id}' is also the $id of {first}; each file needs its own."));
                continue;
            }

            seen[WithoutFragment(file.Id)] = file;
        }

        foreach (var file in Definitions.Where(f => f.Id is not null && f.Root.ValueKind == JsonValueKind.Object))
        {
            foreach (var (reference, pointer) in References(file.Root, ""))
            {
                if (Resolve(file.Id!, reference) is { } error)
                {
                    problems.Add(new ReleaseFolderProblem(file.ToString(), pointer, error));
                }
            }
        }

        return problems;
    }

    /// <summary>
    /// Resolves <paramref name="reference"/>, written in <paramref name="from"/> (whose <c>$id</c> is the base URI), to a
    /// schema of this release: the file with that <c>$id</c> and the node its JSON Pointer fragment names. The standard
    /// uses no nested <c>$id</c> and no anchors, so that is all a reference inside a release can mean.
    /// </summary>
    /// <param name="from">The file the reference is in; null for a reference that must be absolute.</param>
    /// <param name="reference">The value of <c>$ref</c> as written.</param>
    /// <param name="target">Where it leads.</param>
    /// <returns>False when it is no URI reference, names no file of this release, or points at nothing there.</returns>
    public bool TryResolve(StandardFile? from, string reference, [NotNullWhen(true)] out SchemaTarget? target)
    {
        ArgumentNullException.ThrowIfNull(reference);
        target = null;
        if (!SchemaReference.TryResolve(from?.Id, reference, out var resolved) || resolved.JsonPointer is not { } pointer ||
            FindById(resolved.Resource) is not { } file || !TryNavigate(file.Root, pointer, out var node))
        {
            return false;
        }

        target = new SchemaTarget(this, file, pointer, node);
        return true;
    }

    /// <summary>Every <c>$ref</c> in a schema document with the pointer of the <c>$ref</c> member.</summary>
    internal static IEnumerable<(string Reference, string Pointer)> References(JsonElement node, string pointer)
    {
        if (node.ValueKind == JsonValueKind.Object)
        {
            foreach (var member in node.EnumerateObject())
            {
                var at = pointer + "/" + Escape(member.Name);
                if ((member.Name == KeywordCatalog.Ref.Name || member.Name == KeywordCatalog.DynamicRef.Name) && member.Value.ValueKind == JsonValueKind.String)
                {
                    yield return (member.Value.GetString()!, at);
                }
                else if (member.Name is not ("const" or "enum" or "examples" or "default" or "codes" or "codelijst"))
                {
                    foreach (var inner in References(member.Value, at))
                    {
                        yield return inner;
                    }
                }
            }
        }
        else if (node.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in node.EnumerateArray())
            {
                foreach (var inner in References(item, pointer + "/" + i++))
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>Escapes a member name for a JSON Pointer (RFC 6901).</summary>
    public static string Escape(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
    }

    /// <summary>Finds what <paramref name="location"/> (a JSON Pointer) points at in <paramref name="root"/>.</summary>
    public static bool TryNavigate(JsonElement root, string location, out JsonElement target)
    {
        ArgumentNullException.ThrowIfNull(location);
        target = root;
        if (location.Length == 0)
        {
            return true;
        }

        if (location[0] != '/')
        {
            return false;
        }

        foreach (var raw in location[1..].Split('/'))
        {
            var token = Uri.UnescapeDataString(raw).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (target.ValueKind == JsonValueKind.Object && target.TryGetProperty(token, out var next))
            {
                target = next;
            }
            else if (target.ValueKind == JsonValueKind.Array && int.TryParse(token, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index) && index < target.GetArrayLength())
            {
                target = target[index];
            }
            else
            {
                return false;
            }
        }

        return true;
    }

    // Null when the reference resolves inside the release; otherwise why not.
    private string? Resolve(string baseId, string reference)
    {
        if (!SchemaReference.TryResolve(baseId, reference, out var target))
        {
            return $"the $ref '{reference}' is not a URI reference.";
        }

        var absolute = target.Resource;
        if (absolute.StartsWith("https://json-schema.org/", StringComparison.Ordinal) || absolute.StartsWith("http://json-schema.org/", StringComparison.Ordinal))
        {
            return null;
        }

        var file = FindById(absolute);
        if (file is null)
        {
            return $"the $ref '{reference}' resolves to {absolute}, which no file of release {Name} has as its $id: a reference must stay within the release.";
        }

        if (target.JsonPointer is { Length: > 0 } fragment && !TryNavigate(file.Root, fragment, out _))
        {
            return $"the $ref '{reference}' points at {fragment} in {file.Path}, which is not there.";
        }

        return null;
    }

    private static string? Syntax(byte[] bytes)
    {
        try
        {
            using var _ = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 256 });
            return null;
        }
        catch (JsonException ex)
        {
            return $"not valid JSON at line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1} of the line.";
        }
    }

    private static ReleaseVersion? VersionOf(string folderName, List<StandardFile> files)
    {
        if (ReleaseVersion.TryParse(folderName, out var fromName))
        {
            return fromName;
        }

        foreach (var file in files.Where(f => f.Id is not null && IsDefinition(f)))
        {
            var match = VersionSegment().Match(file.Id!);
            if (match.Success && ReleaseVersion.TryParse(match.Groups[1].Value, out var fromId))
            {
                return fromId;
            }
        }

        return null;
    }

    internal static bool IsDefinition(StandardFile file) =>
        InFolder(file.Path, "schemas") || InFolder(file.Path, "codelijsten") || InFolder(file.Path, "meta") ||
        (file.Id is not null && !NotDefinitions.Any(f => file.Path.StartsWith(f, StringComparison.Ordinal)));

    private static readonly string[] NotDefinitions = ["voorbeelden/", "migraties/", "uitbreidingen/", "docs/"];

    private static bool InFolder(string path, string folder) =>
        path.StartsWith(folder + "/", StringComparison.Ordinal) && path.IndexOf('/', folder.Length + 1) < 0;

    internal static string WithoutFragment(string uri)
    {
        var hash = uri.IndexOf('#', StringComparison.Ordinal);
        return hash < 0 ? uri : uri[..hash];
    }

    internal static StandardRelease FromResources(ReleaseVersion version, IEnumerable<(string Path, byte[] Content)> files) =>
        new(version, null, files.Select(f => new StandardFile(f.Path, f.Content, null)));

    [GeneratedRegex(@"/(\d+\.\d+(?:\.\d+)?)/")]
    private static partial Regex VersionSegment();

    /// <inheritdoc/>
    public override string ToString() => Folder is null ? $"release {Name}" : $"release {Name} ({Folder})";

}
