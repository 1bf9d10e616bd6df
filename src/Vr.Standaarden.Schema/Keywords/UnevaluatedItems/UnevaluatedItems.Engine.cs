using System.Text.Json;
using Vr.Standaarden.Schema.Internal;
using Catalog = Vr.Standaarden.Schema.Model.KeywordCatalog;

namespace Vr.Standaarden.Schema.Keywords;

/// <summary><c>unevaluatedItems</c>: the items no adjacent keyword or in-place subschema evaluated; it runs last.</summary>
internal sealed class UnevaluatedItemsKeyword(SchemaNode schema)
    : RemainingItemsKeyword(Catalog.UnevaluatedItems.Name, schema)
{
    /// <summary>Adds the schema object's <c>unevaluatedItems</c>: a schema.</summary>
    public static void Build(SchemaBuilder builder, Location at, Action<Keyword> add)
    {
        if (at.Element.TryGetProperty(Catalog.UnevaluatedItems.Name, out var value))
        {
            add(new UnevaluatedItemsKeyword(builder.Child(at, Catalog.UnevaluatedItems.Name, value)));
        }
    }

    /// <inheritdoc/>
    public override int Order => 100;

    /// <inheritdoc/>
    public override bool NeedsAnnotations => true;

    /// <inheritdoc/>
    protected override bool IsCovered(int index, Annotations? annotations) => annotations!.IsItemEvaluated(index);
}
