using System.Text.Json;
using Vr.Standaarden.Schema.Internal;
using Catalog = Vr.Standaarden.Schema.Model.KeywordCatalog;

namespace Vr.Standaarden.Schema.Keywords;

/// <summary><c>oneOf</c>: exactly one subschema holds.</summary>
internal sealed class OneOfKeyword(SchemaNode[] schemas) : Keyword(Catalog.OneOf.Name)
{
    /// <summary>Adds the schema object's <c>oneOf</c>: a non-empty array of schemas.</summary>
    public static void Build(SchemaBuilder builder, Location at, Action<Keyword> add)
    {
        if (at.Element.TryGetProperty(Catalog.OneOf.Name, out var value))
        {
            add(new OneOfKeyword(builder.SchemaArray(at, Catalog.OneOf.Name, value)));
        }
    }

    /// <inheritdoc/>
    public override bool Evaluate(JsonElement instance, EvaluationState state, Annotations? annotations)
    {
        var mark = state.ErrorMark;
        int first = -1, second = -1, count = 0;
        Annotations? winner = null;
        for (var i = 0; i < schemas.Length; i++)
        {
            var branch = annotations is null ? null : new Annotations();
            state.PushKeyword(IndexText.Get(i));
            var ok = schemas[i].Evaluate(instance, state, branch);
            state.PopKeyword();
            if (ok)
            {
                count++;
                if (first < 0)
                {
                    first = i;
                }
                else if (second < 0)
                {
                    second = i;
                }

                winner = branch;
                if (count > 1 && !state.Detailed)
                {
                    return false;
                }
            }
        }

        if (count == 1)
        {
            state.DiscardErrorsSince(mark);
            if (winner is not null)
            {
                annotations!.Merge(winner);
            }

            return true;
        }

        if (count > 1)
        {
            state.DiscardErrorsSince(mark);
            return Fail(state, !state.Detailed ? null : SchemaMessages.OneOfMany(count));
        }

        return Fail(state, !state.Detailed ? null : SchemaMessages.OneOfNone());
    }
}
