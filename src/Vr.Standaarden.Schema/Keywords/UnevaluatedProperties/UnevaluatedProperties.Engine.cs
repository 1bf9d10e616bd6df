using System.Text.Json;
using Vr.Standaarden.Schema.Internal;
using Catalog = Vr.Standaarden.Schema.Model.KeywordCatalog;

namespace Vr.Standaarden.Schema.Keywords;

/// <summary><c>unevaluatedProperties</c>: the members no adjacent keyword or in-place subschema evaluated; it runs last.</summary>
internal sealed class UnevaluatedPropertiesKeyword(SchemaNode schema)
    : RemainingPropertiesKeyword(Catalog.UnevaluatedProperties.Name, schema)
{
    /// <summary>Adds the schema object's <c>unevaluatedProperties</c>: a schema.</summary>
    public static void Build(SchemaBuilder builder, Location at, Action<Keyword> add)
    {
        if (at.Element.TryGetProperty(Catalog.UnevaluatedProperties.Name, out var value))
        {
            add(new UnevaluatedPropertiesKeyword(builder.Child(at, Catalog.UnevaluatedProperties.Name, value)));
        }
    }

    /// <inheritdoc/>
    public override int Order => 100;

    /// <inheritdoc/>
    public override bool NeedsAnnotations => true;

    /// <inheritdoc/>
    protected override bool IsCovered(JsonProperty property, ReadOnlySpan<char> name, Annotations? annotations) =>
        annotations!.IsPropertyEvaluated(property.Name);
}
