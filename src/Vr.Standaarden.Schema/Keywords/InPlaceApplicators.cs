using System.Text.Json;
using Vr.Standaarden.Schema.Internal;

namespace Vr.Standaarden.Schema.Keywords;

internal sealed class AllOfKeyword(SchemaNode[] schemas) : Keyword("allOf")
{
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

internal sealed class AnyOfKeyword(SchemaNode[] schemas) : Keyword("anyOf")
{
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

internal sealed class OneOfKeyword(SchemaNode[] schemas) : Keyword("oneOf")
{
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

internal sealed class NotKeyword(SchemaNode schema) : Keyword("not")
{
    public override bool Evaluate(JsonElement instance, EvaluationState state, Annotations? annotations)
    {
        var mark = state.ErrorMark;
        var ok = schema.Evaluate(instance, state, null);
        state.DiscardErrorsSince(mark);
        return !ok || Fail(state, !state.Detailed ? null : SchemaMessages.Not());
    }
}

internal sealed class IfKeyword(SchemaNode condition, SchemaNode? then, SchemaNode? otherwise) : Keyword("if")
{
    public override bool Evaluate(JsonElement instance, EvaluationState state, Annotations? annotations)
    {
        var mark = state.ErrorMark;
        var branch = annotations is null ? null : new Annotations();
        var holds = condition.Evaluate(instance, state, branch);
        state.DiscardErrorsSince(mark);
        if (holds && branch is not null)
        {
            annotations!.Merge(branch);
        }

        var next = holds ? then : otherwise;
        if (next is null)
        {
            return true;
        }

        // The evaluation path of then/else is a sibling of "if".
        state.PopKeyword();
        state.PushKeyword(holds ? "then" : "else");
        var ok = next.Evaluate(instance, state, annotations);
        state.PopKeyword();
        state.PushKeyword("if");
        return ok || Fail(state, !state.Detailed ? null : SchemaMessages.Conditional(holds));
    }
}

internal sealed class DependentSchemasKeyword(string name, Dictionary<string, SchemaNode> schemas) : Keyword(name)
{
    public override bool Evaluate(JsonElement instance, EvaluationState state, Annotations? annotations)
    {
        if (instance.ValueKind != JsonValueKind.Object)
        {
            return true;
        }

        var valid = true;
        foreach (var (property, schema) in schemas)
        {
            if (!instance.TryGetProperty(property, out _))
            {
                continue;
            }

            state.PushKeyword(JsonPointer.Escape(property));
            var ok = schema.Evaluate(instance, state, annotations);
            state.PopKeyword();
            if (!ok)
            {
                valid = Fail(state, !state.Detailed ? null : SchemaMessages.DependentSchema(property));
                if (!state.Detailed)
                {
                    return false;
                }
            }
        }

        return valid;
    }
}

internal static class IndexText
{
    private static readonly string[] Cache = [.. Enumerable.Range(0, 64).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    public static string Get(int index) => index < Cache.Length ? Cache[index] : index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
