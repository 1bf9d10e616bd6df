using System.Text.Json;
using Vr.Standaarden.Schema.Internal;
using Catalog = Vr.Standaarden.Schema.Model.KeywordCatalog;

namespace Vr.Standaarden.Schema.Keywords;

/// <summary><c>allOf</c>: every subschema holds for the instance; each failing one is reported.</summary>
internal sealed class AllOfKeyword(SchemaNode[] schemas) : Keyword(Catalog.AllOf.Name)
{
    /// <summary>Adds the schema object's <c>allOf</c>: a non-empty array of schemas.</summary>
    public static void Build(SchemaBuilder builder, Location at, Action<Keyword> add)
    {
        if (at.Element.TryGetProperty(Catalog.AllOf.Name, out var value))
        {
            add(new AllOfKeyword(builder.SchemaArray(at, Catalog.AllOf.Name, value)));
        }
    }

    /// <inheritdoc/>
    public override bool Evaluate(JsonElement instance, EvaluationState state, Annotations? annotations)
    {
        var valid = true;
        for (var i = 0; i < schemas.Length; i++)
        {
            state.PushKeyword(IndexText.Get(i));
            var ok = schemas[i].Evaluate(instance, state, annotations);
            state.PopKeyword();
            if (!ok)
            {
                valid = false;
                if (!state.Detailed)
                {
                    return false;
                }
            }
        }

        return valid || Fail(state, !state.Detailed ? null : SchemaMessages.AllOf());
    }
}
