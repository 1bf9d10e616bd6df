using System.Text.Json;
using Vr.Standaarden.Schema.Internal;
using Catalog = Vr.Standaarden.Schema.Model.KeywordCatalog;

namespace Vr.Standaarden.Schema.Keywords;

/// <summary><c>anyOf</c>: at least one subschema holds; the annotations of every one that holds are kept.</summary>
internal sealed class AnyOfKeyword(SchemaNode[] schemas) : Keyword(Catalog.AnyOf.Name)
{
    /// <summary>Adds the schema object's <c>anyOf</c>: a non-empty array of schemas.</summary>
    public static void Build(SchemaBuilder builder, Location at, Action<Keyword> add)
    {
        if (at.Element.TryGetProperty(Catalog.AnyOf.Name, out var value))
        {
            add(new AnyOfKeyword(builder.SchemaArray(at, Catalog.AnyOf.Name, value)));
        }
    }

    /// <inheritdoc/>
    public override bool Evaluate(JsonElement instance, EvaluationState state, Annotations? annotations)
    {
        var mark = state.ErrorMark;
        var any = false;
        for (var i = 0; i < schemas.Length; i++)
        {
            var branch = annotations is null ? null : new Annotations();
            state.PushKeyword(IndexText.Get(i));
            var ok = schemas[i].Evaluate(instance, state, branch);
            state.PopKeyword();
            if (ok)
            {
                any = true;
                if (branch is null)
                {
                    break;
                }

                annotations!.Merge(branch);
            }
        }

        if (any)
        {
            // Errors of branches that did not match are not errors of a valid anyOf.
            state.DiscardErrorsSince(mark);
            return true;
        }

        return Fail(state, !state.Detailed ? null : SchemaMessages.AnyOf());
    }
}
