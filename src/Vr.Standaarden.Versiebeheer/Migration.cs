using System.Text.Json;
using System.Text.Json.Nodes;
using Vr.Standaarden.Spec;
using Vr.Standaarden.Schema.Model;

namespace Vr.Standaarden.Versiebeheer;

/// <summary>What a migration step does.</summary>
public enum MigrationOperation
{
    /// <summary><c>hernoemen</c>: the member at <c>van</c> moves to <c>naar</c> (a new name, or another place).</summary>
    Rename,

    /// <summary><c>codes</c>: values at <c>pad</c> are mapped (<c>tabel</c>: old code → new code).</summary>
    MapCodes,

    /// <summary><c>standaardwaarde</c>: where <c>pad</c> is missing, it gets <c>waarde</c>.</summary>
    SetDefault,

    /// <summary><c>verwijderen</c>: the member at <c>pad</c> is dropped, for the stated <c>reden</c>, and listed in the result.</summary>
    Drop,
}

/// <summary>One step of a migration file: an operation on the data of one entity (or on the envelope, entity <c>bericht</c>).</summary>
/// <param name="Operation">What the step does.</param>
/// <param name="Entity">The entity whose data it applies to (<c>incident</c>, …), <c>bericht</c> for the envelope, <c>*</c> for the data of any entity.</param>
/// <param name="Path">The member it acts on, a JSON Pointer in the data (or envelope); <c>*</c> stands for every item of an array.</param>
/// <param name="Target">For <see cref="MigrationOperation.Rename"/>: where the member goes.</param>
/// <param name="Value">For <see cref="MigrationOperation.SetDefault"/>: the value.</param>
/// <param name="Codes">For <see cref="MigrationOperation.MapCodes"/>: old code → new code.</param>
/// <param name="Reason">Why (required for <see cref="MigrationOperation.Drop"/>): it goes into the result with each dropped value.</param>
/// <param name="Location">Where the step is in its file, a JSON Pointer (<c>/stappen/2</c>).</param>
public sealed record MigrationStep(
    MigrationOperation Operation,
    string Entity,
    string Path,
    string? Target,
    JsonNode? Value,
    IReadOnlyDictionary<string, string>? Codes,
    string? Reason,
    string Location);

/// <summary>
/// A declarative migration from one release to the next, kept in the newer release folder as
/// <c>migraties/van-&lt;release&gt;.json</c>: <c>{"van": "1.0", "naar": "1.1", "stappen": [...]}</c>.
/// </summary>
public sealed class Migration
{
    private Migration(ReleaseVersion from, ReleaseVersion to, IReadOnlyList<MigrationStep> steps, string source)
    {
        From = from;
        To = to;
        Steps = steps;
        Source = source;
    }

    /// <summary>The release it migrates from.</summary>
    public ReleaseVersion From { get; }

    /// <summary>The release it migrates to (the folder it is in).</summary>
    public ReleaseVersion To { get; }

    /// <summary>The steps, applied in order.</summary>
    public IReadOnlyList<MigrationStep> Steps { get; }

    /// <summary>The file it was read from.</summary>
    public string Source { get; }

    /// <summary>
    /// Reads a migration file of <paramref name="to"/> and checks it against both releases: every path it acts on is a
    /// property of the entity in <paramref name="from"/>, every target one in <paramref name="to"/>.
    /// </summary>
    /// <exception cref="ReleaseFolderException">The file is not a usable migration; each problem names the file and pointer.</exception>
    public static Migration Read(StandardFile file, StandardRelease from, StandardRelease to)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var name = file.ToString();
        var problems = new List<ReleaseFolderProblem>();
        void Problem(string location, string message) => problems.Add(new ReleaseFolderProblem(name, location, message));

        var root = file.Root;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ReleaseFolderException([new ReleaseFolderProblem(name, "", "a migration is a JSON object {\"van\", \"naar\", \"stappen\"}.")]);
        }

        string? Text(JsonElement e, string member) => e.TryGetProperty(member, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        if (Text(root, "van") != from.Name)
        {
            Problem("/van", $"expected \"{from.Name}\", the release it migrates from.");
        }

        if (Text(root, "naar") != to.Name)
        {
            Problem("/naar", $"expected \"{to.Name}\", the release of the folder it is in.");
        }

        var steps = new List<MigrationStep>();
        if (!root.TryGetProperty("stappen", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            Problem("/stappen", "the steps are missing: an array, empty when nothing needs to change.");
        }
        else
        {
            var i = 0;
            foreach (var step in list.EnumerateArray())
            {
                var at = $"/stappen/{i++}";
                if (step.ValueKind != JsonValueKind.Object)
                {
                    Problem(at, "a step is an object.");
                    continue;
                }

                var entity = Text(step, "entiteit") ?? "*";
                var kind = Text(step, "soort");
                var operation = kind switch
                {
                    "hernoemen" => MigrationOperation.Rename,
                    "codes" => MigrationOperation.MapCodes,
                    "standaardwaarde" => MigrationOperation.SetDefault,
                    "verwijderen" => MigrationOperation.Drop,
                    _ => (MigrationOperation?)null,
                };
                if (operation is null)
                {
                    Problem(at + "/soort", $"'{kind}' is not a kind of step; use hernoemen, codes, standaardwaarde or verwijderen.");
                    continue;
                }

                var path = Text(step, operation == MigrationOperation.Rename ? "van" : "pad");
                var pathMember = operation == MigrationOperation.Rename ? "van" : "pad";
                if (path is null || (path.Length > 0 && path[0] != '/'))
                {
                    Problem($"{at}/{pathMember}", "a JSON Pointer into the data (or the envelope for entiteit bericht) is required, such as /locatie/omschrijving.");
                    continue;
                }

                // A default is set on a property of the new release; the others act on one of the old.
                var of = operation == MigrationOperation.SetDefault ? to : from;
                if (entity != "*" && !Exists(of, entity, path))
                {
                    Problem($"{at}/{pathMember}", $"{path} is not a property of {entity} in release {of.Name}.");
                }

                var target = operation == MigrationOperation.Rename ? Text(step, "naar") : null;
                if (operation == MigrationOperation.Rename && (target is null || target.Length == 0 || target[0] != '/'))
                {
                    Problem(at + "/naar", "where the member goes, a JSON Pointer, is required.");
                }
                else if (target is not null && entity != "*" && !Exists(to, entity, target))
                {
                    Problem(at + "/naar", $"{target} is not a property of {entity} in release {to.Name}.");
                }

                Dictionary<string, string>? codes = null;
                if (operation == MigrationOperation.MapCodes)
                {
                    if (step.TryGetProperty("tabel", out var table) && table.ValueKind == JsonValueKind.Object && table.EnumerateObject().All(p => p.Value.ValueKind == JsonValueKind.String))
                    {
                        codes = table.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
                    }
                    else
                    {
                        Problem(at + "/tabel", "a table of codes is required: {\"old code\": \"new code\", …}.");
                    }
                }

                JsonNode? value = null;
                if (operation == MigrationOperation.SetDefault)
                {
                    if (!step.TryGetProperty("waarde", out var v))
                    {
                        Problem(at + "/waarde", "the value to set is required.");
                    }
                    else
                    {
                        value = JsonNode.Parse(v.GetRawText());
                    }
                }

                var reason = Text(step, "reden");
                if (operation == MigrationOperation.Drop && string.IsNullOrWhiteSpace(reason))
                {
                    Problem(at + "/reden", "a dropped member needs a stated reason; it is listed with each value dropped.");
                }

                steps.Add(new MigrationStep(operation.Value, entity, path, target, value, codes, reason, at));
            }
        }

        return problems.Count > 0 ? throw new ReleaseFolderException(problems) : new Migration(from.Version, to.Version, steps, name);
    }

    // Whether a pointer (with * for items) names a property the entity's schema declares, through $ref, allOf and branches.
    private static bool Exists(StandardRelease release, string entity, string path)
    {
        var file = release.Find($"schemas/{entity}.schema.json");
        if (file is null)
        {
            return false;
        }

        var frontier = new List<(StandardFile File, JsonElement Node)> { (file, file.Root) };
        foreach (var token in path.Split('/').Skip(1).Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)))
        {
            var next = new List<(StandardFile, JsonElement)>();
            foreach (var (f, node) in Expand(release, frontier))
            {
                if (token == "*" && node.TryGetProperty("items", out var items))
                {
                    next.Add((f, items));
                }
                else if (node.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(token, out var child))
                {
                    next.Add((f, child));
                }
            }

            if (next.Count == 0)
            {
                return false;
            }

            frontier = next;
        }

        return true;
    }

    // The schema objects a node stands for: itself, its $ref target, and its allOf/anyOf/oneOf/then/else branches.
    private static IEnumerable<(StandardFile File, JsonElement Node)> Expand(StandardRelease release, List<(StandardFile File, JsonElement Node)> nodes)
    {
        var pending = new Stack<(StandardFile, JsonElement, int)>(nodes.Select(n => (n.File, n.Node, 0)));
        while (pending.Count > 0)
        {
            var (file, node, depth) = pending.Pop();
            if (node.ValueKind != JsonValueKind.Object || depth > 16)
            {
                continue;
            }

            yield return (file, node);
            if (node.TryGetProperty(KeywordCatalog.Ref.Name, out var reference) && reference.ValueKind == JsonValueKind.String && file.Id is not null &&
                release.TryResolve(file, reference.GetString()!, out var target))
            {
                pending.Push((target.File, target.Node, depth + 1));
            }

            foreach (var keyword in new[] { "allOf", "anyOf", "oneOf" })
            {
                if (node.TryGetProperty(keyword, out var branches) && branches.ValueKind == JsonValueKind.Array)
                {
                    foreach (var branch in branches.EnumerateArray())
                    {
                        pending.Push((file, branch, depth + 1));
                    }
                }
            }

            foreach (var keyword in new[] { "then", "else" })
            {
                if (node.TryGetProperty(keyword, out var branch))
                {
                    pending.Push((file, branch, depth + 1));
                }
            }
        }
    }
}
