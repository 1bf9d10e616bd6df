using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vr.Standaarden.Spec;
using Vr.Standaarden.Versiebeheer.Internal;

namespace Vr.Standaarden.Versiebeheer;

/// <summary>
/// Every change between two releases of the standard, per schema and code list (references followed across files),
/// each classified by its effect on instances and, where the class rests on one, proven by a witness the engine checked:
/// an instance valid under one release and invalid under the other.
/// </summary>
public sealed class ReleaseDiff
{
    private ReleaseDiff(StandardRelease old, StandardRelease @new, IReadOnlyList<SchemaChange> changes, ReaderPolicy readers)
    {
        Old = old;
        New = @new;
        Changes = changes;
        Readers = readers;
        Bump = changes.Count == 0 ? VersionBump.None : changes.Max(c => c.Class);
    }

    /// <summary>The earlier release.</summary>
    public StandardRelease Old { get; }

    /// <summary>The later release.</summary>
    public StandardRelease New { get; }

    /// <summary>The changes, in file order and then in the order of the schema.</summary>
    public IReadOnlyList<SchemaChange> Changes { get; }

    /// <summary>How readers were assumed to treat properties they do not know.</summary>
    public ReaderPolicy Readers { get; }

    /// <summary>The version step the changes need: the largest class among them, <see cref="VersionBump.None"/> without changes.</summary>
    public VersionBump Bump { get; }

    /// <summary>The smallest release number after <see cref="Old"/> that makes <see cref="Bump"/>.</summary>
    public ReleaseVersion Required => ReleaseVersion.Next(Old.Version, Bump);

    /// <summary>Whether the new release's number is at least <see cref="Bump"/> above the old one's.</summary>
    public bool NumberSuffices => New.Version.Satisfies(Bump, Old.Version);

    /// <summary>The changes that demand more than the new release's number gives, when it does not suffice.</summary>
    public IEnumerable<SchemaChange> Demanding => NumberSuffices ? [] : Changes.Where(c => !New.Version.Satisfies(c.Class, Old.Version));

    /// <summary>Compares two releases.</summary>
    /// <param name="old">The earlier release.</param>
    /// <param name="new">The later release.</param>
    /// <param name="readers">How readers treat a property they do not know (default: tolerant, as the standard assumes).</param>
    public static ReleaseDiff Compare(StandardRelease old, StandardRelease @new, ReaderPolicy readers = ReaderPolicy.Tolerant)
    {
        ArgumentNullException.ThrowIfNull(old);
        ArgumentNullException.ThrowIfNull(@new);
        return new ReleaseDiff(old, @new, new Differ(old, @new, readers).Run(), readers);
    }

    /// <summary>
    /// The diff as JSON for pipelines: <c>{"bump": "none|patch|minor|major", "changes": [{"class", "schema", "location",
    /// "description", "witness", "witnessValidUnder"}]}</c>, with <c>witness</c> and <c>witnessValidUnder</c> only where
    /// there is a witness.
    /// </summary>
    public string ToJson(bool indented = true)
    {
        var changes = new JsonArray();
        foreach (var change in Changes)
        {
            var item = new JsonObject
            {
                ["class"] = Name(change.Class),
                ["schema"] = change.Schema,
                ["location"] = change.Location,
                ["description"] = change.Description,
            };
            if (change.HasWitness)
            {
                item["witness"] = change.Witness?.DeepClone();
                item["witnessValidUnder"] = change.WitnessValidUnder == WitnessSide.Old ? "old" : "new";
            }

            changes.Add(item);
        }

        var root = new JsonObject { ["bump"] = Name(Bump), ["changes"] = changes };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>The diff for people: a verdict, then the changes grouped by schema, largest class first.</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        var counts = string.Join(", ", new[] { VersionBump.Major, VersionBump.Minor, VersionBump.Patch }
            .Select(c => (c, n: Changes.Count(x => x.Class == c))).Where(p => p.n > 0).Select(p => $"{p.n} {Name(p.c)}"));
        text.Append($"{Old.Name} → {New.Name}: {Name(Bump)} ({(Changes.Count == 0 ? "no changes" : counts)}); ");
        text.AppendLine(NumberSuffices
            ? $"release number {New.Name} is enough (needs {Required} or more)."
            : $"release number {New.Name} is too small: these changes need {Required} or more.");
        foreach (var group in Changes.GroupBy(c => c.Schema))
        {
            text.AppendLine().AppendLine(group.Key);
            foreach (var change in group.OrderByDescending(c => c.Class))
            {
                text.AppendLine($"  {Name(change.Class),-5} {change.Kind,-4} {(change.Location.Length == 0 ? "(root)" : change.Location)}: {change.Description}");
            }
        }

        return text.ToString();
    }

    /// <summary>The lower-case name of a class or bump: none, patch, minor, major.</summary>
    public static string Name(VersionBump bump) => bump switch
    {
        VersionBump.Patch => "patch",
        VersionBump.Minor => "minor",
        VersionBump.Major => "major",
        _ => "none",
    };
}
