using System.Text.Json;
using Vr.Standaarden.Schema.Internal;
using Catalog = Vr.Standaarden.Schema.Model.KeywordCatalog;

namespace Vr.Standaarden.Schema.Keywords;

/// <summary><c>minItems</c> and <c>maxItems</c>: how many items an array has.</summary>
internal sealed class ItemCountKeyword(string name, bool isMinimum, long limit) : CountLimitKeyword(name, isMinimum, limit)
{
    /// <summary>Adds the schema object's <c>minItems</c> and <c>maxItems</c>, in that order.</summary>
    public static void Build(Location at, Action<Keyword> add) =>
        Build(at, Catalog.MinItems, Catalog.MaxItems, (name, isMinimum, limit) => new ItemCountKeyword(name, isMinimum, limit), add);

    /// <inheritdoc/>
    protected override long Count(JsonElement instance) =>
        instance.ValueKind == JsonValueKind.Array ? instance.GetArrayLength() : -1;

    /// <inheritdoc/>
    protected override LocalizedText Violation(long limit) => IsMinimum ? SchemaMessages.MinItems(limit) : SchemaMessages.MaxItems(limit);
}
