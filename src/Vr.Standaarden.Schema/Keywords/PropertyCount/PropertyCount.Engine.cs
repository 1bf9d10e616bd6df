using System.Text.Json;
using Vr.Standaarden.Schema.Internal;
using Catalog = Vr.Standaarden.Schema.Model.KeywordCatalog;

namespace Vr.Standaarden.Schema.Keywords;

/// <summary><c>minProperties</c> and <c>maxProperties</c>: how many members an object has.</summary>
internal sealed class PropertyCountKeyword(string name, bool isMinimum, long limit) : CountLimitKeyword(name, isMinimum, limit)
{
    /// <summary>Adds the schema object's <c>minProperties</c> and <c>maxProperties</c>, in that order.</summary>
    public static void Build(Location at, Action<Keyword> add) =>
        Build(at, Catalog.MinProperties, Catalog.MaxProperties, (name, isMinimum, limit) => new PropertyCountKeyword(name, isMinimum, limit), add);

    /// <inheritdoc/>
    protected override long Count(JsonElement instance) =>
        instance.ValueKind == JsonValueKind.Object ? instance.GetPropertyCount() : -1;

    /// <inheritdoc/>
    protected override LocalizedText Violation(long limit) => IsMinimum ? SchemaMessages.MinProperties(limit) : SchemaMessages.MaxProperties(limit);
}
