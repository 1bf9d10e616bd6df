using System.Text.Json;
using Vr.Standaarden.Schema.Internal;

namespace Vr.Standaarden.Schema.Keywords;

/// <summary><c>prefixItems</c> (2020-12), or the array form of <c>items</c> (draft-07, 2019-09).</summary>
internal sealed class PrefixItemsKeyword(string name, SchemaNode[] schemas) : Keyword(name)
{
    public int Count => schemas.Length;

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
            if (index >= schemas.Length)
            {
                break;
            }

            state.PushKeyword(IndexText.Get(index));
            state.PushInstance(index);
            var ok = schemas[index].Evaluate(item, state, null);
            state.PopInstance();
            state.PopKeyword();
            if (!ok)
            {
                valid = Fail(state, !state.Detailed ? null : SchemaMessages.Item(index));
                if (!state.Detailed)
                {
                    return false;
                }
            }

            index++;
        }

        annotations?.SetPrefixItems(index);
        return valid;
    }
}

/// <summary>
/// Applies one schema to the items of an array that other keywords did not cover: <c>items</c> (2020-12, after
/// <c>prefixItems</c>; or the schema form in earlier drafts), <c>additionalItems</c> (after the array form of
/// <c>items</c>) and <c>unevaluatedItems</c>.
/// </summary>
internal abstract class RemainingItemsKeyword(string name, SchemaNode schema) : Keyword(name)
{
    protected abstract bool IsCovered(int index, Annotations? annotations);

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

internal sealed class ItemsFromKeyword(string name, SchemaNode schema, int start)
    : RemainingItemsKeyword(name, schema)
{
    protected override bool IsCovered(int index, Annotations? annotations) => index < start;
}

internal sealed class ContainsKeyword(SchemaNode schema, long minContains, long? maxContains, bool annotatesItems) : Keyword("contains")
{
    public override bool Evaluate(JsonElement instance, EvaluationState state, Annotations? annotations)
    {
        if (instance.ValueKind != JsonValueKind.Array)
        {
            return true;
        }

        var mark = state.ErrorMark;
        var matches = 0L;
        var index = 0;
        foreach (var item in instance.EnumerateArray())
        {
            state.PushInstance(index);
            var ok = schema.Evaluate(item, state, null);
            state.PopInstance();
            if (ok)
            {
                matches++;
                if (annotatesItems)
                {
                    annotations?.AddItem(index);
                }
                else if (annotations is null && maxContains is null && matches >= minContains)
                {
                    break;
                }
            }

            index++;
        }

        state.DiscardErrorsSince(mark);
        if (matches < minContains)
        {
            return Fail(state, !state.Detailed ? null : SchemaMessages.ContainsTooFew(matches, minContains));
        }

        if (maxContains is long max && matches > max)
        {
            return Fail(state, !state.Detailed ? null : SchemaMessages.ContainsTooMany(matches, max));
        }

        return true;
    }
}

internal sealed class UnevaluatedItemsKeyword(SchemaNode schema)
    : RemainingItemsKeyword("unevaluatedItems", schema)
{
    public override int Order => 100;

    public override bool NeedsAnnotations => true;

    protected override bool IsCovered(int index, Annotations? annotations) => annotations!.IsItemEvaluated(index);
}
