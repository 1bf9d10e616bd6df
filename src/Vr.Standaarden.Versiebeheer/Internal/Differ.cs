using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vr.Standaarden.Spec;

namespace Vr.Standaarden.Versiebeheer.Internal;

/// <summary>
/// Walks two releases schema by schema and keyword by keyword, and proves the class of each difference with an instance
/// the engine judges differently under the two releases.
/// </summary>
internal sealed partial class Differ
{
    private readonly ReleaseView _old;
    private readonly ReleaseView _new;
    private readonly InstanceSynth _oldSynth = new();
    private readonly InstanceSynth _newSynth = new();
    private readonly ReaderPolicy _policy;
    private readonly List<SchemaChange> _changes = [];
    private readonly HashSet<(string, string)> _following = [];

    public Differ(StandardRelease old, StandardRelease @new, ReaderPolicy policy)
    {
        _old = new ReleaseView(old);
        _new = new ReleaseView(@new);
        _policy = policy;
    }

    /// <summary>Whether readers tolerate what they do not know.</summary>
    internal ReaderPolicy Policy => _policy;

    /// <summary>The synthesiser of instances of the old release.</summary>
    internal InstanceSynth OldSynth => _oldSynth;

    /// <summary>The synthesiser of instances of the new release.</summary>
    internal InstanceSynth NewSynth => _newSynth;

    public IReadOnlyList<SchemaChange> Run()
    {
        var oldFiles = _old.Release.Definitions.Where(f => f.Id is not null).ToDictionary(f => f.Path, StringComparer.Ordinal);
        var newFiles = _new.Release.Definitions.Where(f => f.Id is not null).ToDictionary(f => f.Path, StringComparer.Ordinal);
        foreach (var path in oldFiles.Keys.Union(newFiles.Keys).Order(StringComparer.Ordinal))
        {
            var inOld = oldFiles.TryGetValue(path, out var oldFile);
            var inNew = newFiles.TryGetValue(path, out var newFile);
            if (!inNew)
            {
                Add(VersionBump.Major, oldFile!.Id!, "", $"The schema {path} was removed: messages that name it by its $id have no schema in the new release.", "F2");
                continue;
            }

            if (!inOld)
            {
                Add(VersionBump.Minor, newFile!.Id!, "", $"New schema {path}: nothing named it before.", "F1");
                continue;
            }

            CompareFile(new SchemaPosition(_old, oldFile!, ""), new SchemaPosition(_new, newFile!, ""));
        }

        return _changes;
    }

    private void CompareFile(SchemaPosition oldRoot, SchemaPosition newRoot)
    {
        var context = new Context(newRoot.File.Id!, "", oldRoot, newRoot, [], OpenAddition: false);
        Compare(oldRoot, newRoot, context);

        // Each shared definition is a schema of its own: changes inside it are reported there, once.
        foreach (var keyword in new[] { "$defs", "definitions" })
        {
            CompareDefinitions(oldRoot, newRoot, keyword);
        }

        if (oldRoot.File.Path.StartsWith("codelijsten/", StringComparison.Ordinal))
        {
            CompareCodes(oldRoot, newRoot);
        }
    }

    private void CompareDefinitions(SchemaPosition oldRoot, SchemaPosition newRoot, string keyword)
    {
        var oldDefs = Definitions(oldRoot, keyword);
        var newDefs = Definitions(newRoot, keyword);
        foreach (var name in oldDefs.Union(newDefs).Order(StringComparer.Ordinal))
        {
            var location = "/" + keyword + "/" + StandardRelease.Escape(name);
            if (!newDefs.Contains(name))
            {
                Add(VersionBump.Patch, newRoot.File.Id!, location, $"Definition '{name}' removed; a reference to it would have changed too and is reported there.", "C11");
                continue;
            }

            if (!oldDefs.Contains(name))
            {
                Add(VersionBump.Patch, newRoot.File.Id!, location, $"Definition '{name}' added; it changes nothing until a schema references it.", "C11");
                continue;
            }

            var o = oldRoot.Child(keyword, name);
            var n = newRoot.Child(keyword, name);
            Compare(o, n, new Context(n.Uri, "", o, n, [], OpenAddition: false));
        }
    }

    private static HashSet<string> Definitions(SchemaPosition root, string keyword) =>
        root.Node.ValueKind == JsonValueKind.Object && root.Node.TryGetProperty(keyword, out var defs) && defs.ValueKind == JsonValueKind.Object
            ? new HashSet<string>(defs.EnumerateObject().Select(p => p.Name), StringComparer.Ordinal)
            : [];

    /// <summary>Where a comparison is: the reported schema and pointer, the roots witnesses are instances of, and the way down to here.</summary>
    internal sealed record Context(string Schema, string Location, SchemaPosition OldRoot, SchemaPosition NewRoot, ImmutableList<Step> Steps, bool OpenAddition, bool Followed = false)
    {
        public Context At(params string[] tokens) =>
            Followed ? this : this with { Location = Location + string.Concat(tokens.Select(t => "/" + StandardRelease.Escape(t))) };

        public Context Down(Step step) => this with { Steps = Steps.Add(step) };
    }

    /// <summary>One step from an instance to a value inside it: a property or an item, with the schemas of that value.</summary>
    internal sealed record Step(string? Property, int Index, SchemaPosition? OldValue, SchemaPosition? NewValue);

    /// <summary>A difference to classify: what it is and the values that might show it.</summary>
    internal sealed record Finding(string Kind, string Description, Expect Expect, IEnumerable<JsonNode?> Narrowing, IEnumerable<JsonNode?> Widening);

    /// <summary>Which way a finding is expected to go: fewer instances valid, more, or either.</summary>
    internal enum Expect
    {
        Narrow,
        Widen,
        Unknown,
    }

    internal void Add(VersionBump bump, string schema, string location, string description, string kind, JsonNode? witness = null, WitnessSide? side = null) =>
        _changes.Add(new SchemaChange
        {
            Class = bump,
            Schema = schema,
            Location = location,
            Description = description,
            Kind = kind,
            HasWitness = side is not null,
            Witness = witness,
            WitnessValidUnder = side,
        });

    /// <summary>A keyword's value as a finding shows it: compact JSON, at most 80 characters.</summary>
    internal static string Show(JsonElement value)
    {
        var text = value.ValueKind == JsonValueKind.Undefined ? "none" : JsonNode.Parse(value.GetRawText())?.ToJsonString(Display) ?? "null";
        return text.Length > 80 ? text[..77] + "..." : text;
    }

    private static readonly JsonSerializerOptions Display = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A value as a finding shows it: compact JSON, at most 80 characters.</summary>
    internal static string Show(JsonNode? value)
    {
        var text = value?.ToJsonString(Display) ?? "null";
        return text.Length > 80 ? text[..77] + "..." : text;
    }

    private static string Number(int i) => i.ToString(CultureInfo.InvariantCulture);
}
