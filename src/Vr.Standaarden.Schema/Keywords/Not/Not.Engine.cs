using System.Text.Json;
using Vr.Standaarden.Schema.Internal;
using Catalog = Vr.Standaarden.Schema.Model.KeywordCatalog;

namespace Vr.Standaarden.Schema.Keywords;

/// <summary><c>not</c>: the subschema does not hold (its own errors are not the instance's).</summary>
internal sealed class NotKeyword(SchemaNode schema) : Keyword(Catalog.Not.Name)
{
    /// <summary>Adds the schema object's <c>not</c>: a schema.</summary>
    public static void Build(SchemaBuilder builder, Location at, Action<Keyword> add)
    {
        if (at.Element.TryGetProperty(Catalog.Not.Name, out var value))
        {
            add(new NotKeyword(builder.Child(at, Catalog.Not.Name, value)));
        }
    }

    /// <inheritdoc/>
    public override bool Evaluate(JsonElement instance, EvaluationState state, Annotations? annotations)
    {
        var mark = state.ErrorMark;
        var ok = schema.Evaluate(instance, state, null);
        state.DiscardErrorsSince(mark);
        return !ok || Fail(state, !state.Detailed ? null : SchemaMessages.Not());
    }
}
