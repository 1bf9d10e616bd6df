using System.Text.Json;
using Vr.Standaarden.Schema.Model;

namespace Vr.Standaarden.Versiebeheer.Internal;

/// <summary>
/// <c>format</c> between releases (A5): generated readers assert it, so added narrows, removed widens and changed may
/// do either, proved with the place's strings. For the synthesiser: strings are taken from the format's examples.
/// </summary>
internal sealed class FormatRule : ConstraintRule
{
    /// <inheritdoc/>
    public override IReadOnlyList<Keyword> Keywords { get; } = [KeywordCatalog.Format];

    /// <inheritdoc/>
    public override void Collect(InstanceSynth.Facets facets, Keyword keyword, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            facets.Format ??= value.GetString();
        }
    }

    /// <inheritdoc/>
    protected override string Kind(bool added, bool removed) => "A5";
}
