using System.Text.Json;
using Vr.Standaarden.Schema.Internal;
using Catalog = Vr.Standaarden.Schema.Model.KeywordCatalog;

namespace Vr.Standaarden.Schema.Keywords;

/// <summary><c>const</c>: the instance equals one value as JSON (numbers by value, objects regardless of member order).</summary>
internal sealed class ConstKeyword(JsonElement value) : Keyword(Catalog.Const.Name)
{
    /// <summary>Adds the schema object's <c>const</c>: any JSON value.</summary>
    public static void Build(Location at, Action<Keyword> add)
    {
        if (at.Element.TryGetProperty(Catalog.Const.Name, out var value))
        {
            add(new ConstKeyword(value));
        }
    }

    /// <inheritdoc/>
    public override bool Evaluate(JsonElement instance, EvaluationState state, Annotations? annotations) =>
        JsonValues.DeepEquals(instance, value) || Fail(state, !state.Detailed ? null : SchemaMessages.Const(SchemaMessages.Show(value)));
}
