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
                valid = Fail(state, $"Item {index} does not match its schema.");
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
/// One schema for every item from <c>start</c> on: <c>items</c> (2020-12, after <c>prefixItems</c>; or the schema form in
/// earlier drafts) and <c>additionalItems</c> (after the array form of <c>items</c>).
/// </summary>
internal sealed class ItemsFromKeyword(string name, SchemaNode schema, int start) : Keyword(name)
{
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
            if (index >= start)
            {
                state.PushInstance(index);
                var ok = schema.Evaluate(item, state, null);
                state.PopInstance();
                if (!ok)
                {
                    valid = Fail(state, schema.BooleanValue == false
                        ? $"Item {index} is not allowed: at most {start} items."
                        : $"Item {index} does not match the schema.");
                    if (!state.Detailed)
                    {
                        return false;
                    }
                }
            }

            index++;
        }

        annotations?.SetAllItems();
        return valid;
    }
}

internal sealed class ContainsKeyword(SchemaNode schema, long minContains, long? maxContains, bool annotatesItems) : Keyword("contains")
{
    public override bool Evaluate(JsonElement instance, EvaluationState state, Annotations? annotations)
    {
        if (instance.ValueKind != JsonValueKind.Array)
        {
            return true;
        }

        var mark = state.Errors?.Count ?? 0;
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

        state.Errors?.RemoveRange(mark, state.Errors.Count - mark);
        if (matches < minContains)
        {
            return Fail(state, minContains == 1
                ? "No item matches the schema of contains."
                : $"{matches} items match the schema of contains; at least {minContains} must.");
        }

        if (maxContains is long max && matches > max)
        {
            return Fail(state, $"{matches} items match the schema of contains; at most {max} may.");
        }

        return true;
    }
}

internal sealed class UnevaluatedItemsKeyword(SchemaNode schema) : Keyword("unevaluatedItems")
{
    public override int Order => 100;

    public override bool NeedsAnnotations => true;

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
            if (!annotations!.IsItemEvaluated(index))
            {
                state.PushInstance(index);
                var ok = schema.Evaluate(item, state, null);
                state.PopInstance();
                if (!ok)
                {
                    valid = Fail(state, schema.BooleanValue == false
                        ? $"Item {index} is not allowed (not evaluated by any other keyword)."
                        : $"Unevaluated item {index} does not match the schema.");
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
            annotations!.SetAllItems();
        }

        return valid;
    }
}
