using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vr.Standaarden.Schema.Model;
using Vr.Standaarden.Spec;

namespace Vr.Standaarden.Versiebeheer.Internal;

/// <summary>
/// One keyword in a comparison of two schemas, as its <see cref="KeywordRule"/> sees it: the keyword's value in each
/// release, the schemas around it, the place its findings are reported at, and the differ's own walk for the
/// subschemas the keyword holds.
/// </summary>
internal sealed class KeywordSite
{
    private readonly Differ _differ;

    internal KeywordSite(Differ differ, Keyword keyword, Differ.Side old, Differ.Side @new, Differ.Context parent)
    {
        _differ = differ;
        Keyword = keyword;
        Old = old;
        New = @new;
        Parent = parent;
        At = parent.At(keyword.Name);
    }

    /// <summary>The keyword compared.</summary>
    public Keyword Keyword { get; }

    /// <summary>The schema that holds the keyword in the old release.</summary>
    public Differ.Side Old { get; }

    /// <summary>The schema that holds the keyword in the new release.</summary>
    public Differ.Side New { get; }

    /// <summary>The keyword's value in the old release; <c>null</c> when it was absent.</summary>
    public JsonElement? Before => Old.Get(Keyword.Name);

    /// <summary>The keyword's value in the new release; <c>null</c> when it is absent.</summary>
    public JsonElement? After => New.Get(Keyword.Name);

    /// <summary>The place of the schema that holds the keyword.</summary>
    public Differ.Context Parent { get; }

    /// <summary>The keyword's own place: findings are reported here, and the places of its subschemas lead on from it.</summary>
    public Differ.Context At { get; }

    /// <summary>Whether readers tolerate what they do not know, which decides some classes.</summary>
    public ReaderPolicy Policy => _differ.Policy;

    /// <summary>Values at the place of <paramref name="side"/> in the old release (default: the keyword's schema), valid instances first.</summary>
    public IEnumerable<JsonNode?> OldSamples(Differ.Side? side = null) => Differ.Local(side ?? Old, _differ.OldSynth);

    /// <summary>Values at the place of <paramref name="side"/> in the new release (default: the keyword's schema), valid instances first.</summary>
    public IEnumerable<JsonNode?> NewSamples(Differ.Side? side = null) => Differ.Local(side ?? New, _differ.NewSynth);

    /// <summary>The subschema at <paramref name="tokens"/> below the keyword in <paramref name="side"/>; <c>true</c> where that side has none.</summary>
    public Differ.Side Subschema(Differ.Side side, bool present, params string[] tokens) =>
        present ? side.Child([Keyword.Name, .. tokens]) : Differ.Side.True;

    /// <summary>The subschema the keyword's value is, in the old and the new release (<c>true</c> where it is absent).</summary>
    public (Differ.Side Old, Differ.Side New) Subschemas => (Subschema(Old, Before is not null), Subschema(New, After is not null));

    /// <summary>The member names of <paramref name="value"/> when it is an object, in their order; none otherwise.</summary>
    public static IEnumerable<string> MemberNames(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.Object } map ? map.EnumerateObject().Select(p => p.Name) : [];

    /// <summary>Looks for the instance that shows <paramref name="finding"/> and reports it at the keyword's place.</summary>
    public void Prove(Differ.Finding finding) => _differ.Prove(At, finding);

    /// <summary>Looks for the instance that shows <paramref name="finding"/> and reports it at <paramref name="at"/>.</summary>
    public void Prove(Differ.Context at, Differ.Finding finding) => _differ.Prove(at, finding);

    /// <summary>Reports a change at <paramref name="at"/> that needs no instance to show its class.</summary>
    public void Report(Differ.Context at, VersionBump bump, string description, string kind) => _differ.Add(bump, at.Schema, at.Location, description, kind);

    /// <summary>Compares two subschemas at <paramref name="at"/>, keyword by keyword, as the differ compares any schema.</summary>
    public void Compare(Differ.Side old, Differ.Side @new, Differ.Context at) => _differ.Compare(old, @new, at);

    /// <summary>Whether <paramref name="old"/> and <paramref name="new"/> allow the same, their texts aside.</summary>
    public static bool SameButTexts(Differ.Side old, Differ.Side @new) =>
        JsonNode.DeepEquals(Differ.Normalize(old, annotations: false), Differ.Normalize(@new, annotations: false));

    /// <summary>
    /// The general comparison of a keyword whose meaning the differ does not take apart: its value added narrows, removed
    /// widens, changed may go either way, reported as <paramref name="kind"/> and proved with the place's values after
    /// <paramref name="narrowing"/> and <paramref name="widening"/>. A subschema that only changed its texts is compared
    /// inside instead, so the texts are reported where they are.
    /// </summary>
    public void CompareAsWhole(string kind, IEnumerable<JsonNode?>? narrowing = null, IEnumerable<JsonNode?>? widening = null)
    {
        if (Before is not null && After is not null && Keyword.SubschemasIn(SchemaDrafts.Draft202012) == SubschemaPlacement.Value)
        {
            var (o, n) = (Old.Child(Keyword.Name), New.Child(Keyword.Name));
            if (SameButTexts(o, n))
            {
                Compare(o, n, At);
                return;
            }
        }

        var verb = Before is null ? "added" : After is null ? "removed" : "changed";
        Prove(new Differ.Finding(kind, $"{Keyword.Name} {verb}{(Before is { } a ? $" (was {Differ.Show(a)})" : "")}{(After is { } b ? $" (now {Differ.Show(b)})" : "")}.",
            Before is null ? Differ.Expect.Narrow : After is null ? Differ.Expect.Widen : Differ.Expect.Unknown,
            (narrowing ?? []).Concat(OldSamples()), (widening ?? []).Concat(NewSamples())));
    }

    /// <summary>An index as a JSON Pointer token.</summary>
    public static string Token(int index) => index.ToString(CultureInfo.InvariantCulture);
}
