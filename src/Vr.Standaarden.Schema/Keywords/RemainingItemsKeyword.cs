using System.Text.Json;
using Vr.Standaarden.Schema.Internal;

namespace Vr.Standaarden.Schema.Keywords;

/// <summary>
/// Applies one schema to the items of an array that other keywords did not cover: <c>items</c> (2020-12, after
/// <c>prefixItems</c>; or the schema form in earlier drafts), <c>additionalItems</c> (after the array form of
/// <c>items</c>) and <c>unevaluatedItems</c>.
/// </summary>
internal abstract class RemainingItemsKeyword(string name, SchemaNode schema) : Keyword(name)
{
    protected abstract bool IsCovered(int index, Annotations? annotations);

    /// <inheritdoc/>
    public override bool Evaluate(JsonElement instance, EvaluationState state, Annotations? annotations)
    {
        if (instance.ValueKind != JsonValueKind.Array)
        {
            return true;
        }

        var valid = true;
        var index = 0;
        foreach (var item in instance.EnumerateArray())
        {
            if (!IsCovered(index, annotations))
            {
                state.PushInstance(index);
                var mark = state.ErrorMark;
                var ok = schema.Evaluate(item, state, null);
                if (!ok && schema.BooleanValue == false)
                {
                    // One item too many is one error, at the item, not a second one from the 'false' schema.
                    state.DiscardErrorsSince(mark);
                    valid = Fail(state, !state.Detailed ? null : SchemaMessages.ItemNotAllowed(index));
                    state.PopInstance();
                    if (!state.Detailed)
                    {
                        return false;
                    }

                    index++;
                    continue;
                }

                state.PopInstance();
                if (!ok)
                {
                    valid = Fail(state, !state.Detailed ? null : SchemaMessages.Item(index));
                    if (!state.Detailed)
                    {
                        return false;
                    }
                }
            }

            index++;
        }

        if (valid)
        {
            annotations?.SetAllItems();
        }

        return valid;
    }
}
